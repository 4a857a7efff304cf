#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace golive {

// A failure as a value: a machine-readable kind for code, a human message for people.
struct Error {
    QString kind;    // short, stable, e.g. "io", "parse", "corrupt-state"
    QString message; // one sentence naming what was wrong, safe to show and to log
};

// Either a value or an Error. Small on purpose: std::expected arrives with C++23.
template <typename T> class [[nodiscard]] Result {
public:
    // Empty until assigned, for containers and queued signals (QVariant needs a default).
    Result() : m_data(Error{QStringLiteral("empty"), QStringLiteral("no result yet")}) {}
    Result(T value) : m_data(std::move(value)) {}     // NOLINT(google-explicit-constructor)
    Result(Error error) : m_data(std::move(error)) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but may fail. Reads as what it says: `status.ok()` is
// success, `status.failed()` a failure whose Error is `status.error()` (or `status->message`).
// No conversion to bool: `if (status)` meant failure once, and nobody could tell.
class [[nodiscard]] Status {
public:
    Status() = default;       // success
    Status(std::nullopt_t) {} // NOLINT(google-explicit-constructor): success
    Status(Error error) : m_error(std::move(error)) {} // NOLINT(google-explicit-constructor)
    Status(std::optional<Error> error) : m_error(std::move(error)) {} // NOLINT

    bool ok() const { return !m_error.has_value(); }
    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }
    const Error *operator->() const { return &*m_error; }
    const Error &operator*() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace golive
