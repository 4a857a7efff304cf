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
template <typename T> class Result {
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

// For operations that return nothing but may fail.
using Status = std::optional<Error>; // std::nullopt means success

} // namespace golive
