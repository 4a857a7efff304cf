#pragma once

#include "src/common/Error.h"
#include "src/common/HttpOutcome.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace golive {

// The Error kinds of a Prometheus query, so a caller can tell "Prometheus said no" from "nobody
// answered".
namespace promerror {
inline const QString configuration = QStringLiteral("prometheus-configuration"); // ours to fix
inline const QString unreachable = QStringLiteral("prometheus-unreachable");     // no answer at all
inline const QString refused = QStringLiteral("prometheus-error");        // "status": "error"
inline const QString badAnswer = QStringLiteral("prometheus-bad-answer"); // not Prometheus' JSON
} // namespace promerror

// One series of a query result: its labels and its points (UTC epoch ms, value). A vector's
// series has one point, a matrix's many; a scalar is one series without labels.
struct PromSeries {
    QMap<QString, QString> labels;
    QList<std::pair<qint64, double>> points;
    bool operator==(const PromSeries &) const = default;
};

// What `/api/v1/query` or `/api/v1/query_range` returned on success.
struct PromData {
    enum class Type { Scalar, Vector, Matrix, String };
    Type type = Type::Vector;
    QList<PromSeries> series;
    QStringList warnings; // Prometheus' own "warnings", passed on as they are

    // An empty vector or matrix: Prometheus found no series. "No data", never zero.
    bool isEmpty() const { return series.isEmpty(); }
};

// Reads Prometheus' HTTP API envelope ({"status": "success"|"error", "data", "errorType",
// "error", "warnings"}) from an exchange with `origin`. Errors carry Prometheus' own words:
//   Prometheus refused the query (bad_data): 1:21: parse error: unexpected "}"
// A non-JSON answer (a proxy's HTML page, a login form) is named as such with its HTTP status.
Result<PromData> parsePrometheusAnswer(const HttpOutcome &http, const QString &origin);

// The one number of a signal: a scalar, or a vector with exactly one series. An empty vector is
// nullopt ("no data"); so is NaN (e.g. a P95 over a window without observations), with `note`
// saying which. More than one series is an error: a signal's query must aggregate (sum(...)).
struct SingleValue {
    std::optional<double> value;
    QString note; // why there is no value, when there is none
};
Result<SingleValue> singleValueOf(const PromData &data);

// "0.3", "1.25", "NaN", "+Inf": Prometheus' sample value text.
std::optional<double> parsePromValue(const QString &text);

} // namespace golive

Q_DECLARE_METATYPE(golive::PromData)
