#pragma once

#include "src/config/AlertThresholds.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

namespace golive {

// The PromQL templates golive runs, one per signal: the profile's `prometheus.queries.*`.
// `${version}` stands for the label matcher that selects one version (or, in exported alert
// rules, `prometheus.alert_matcher`), `${window}` for the range. The defaults read the metrics the
// README documents: cohere_requests_total{endpoint, code}, cohere_request_duration_seconds
// (histogram, label endpoint) and cohere_billed_units_total{model, kind}.
struct PrometheusQueries {
    QString requestsPerS;
    QString errors5xxPerS;
    QString rateLimitedPerS;
    QString authFailuresPerS;
    QString unreachablePerS; // calls that got no HTTP answer at all (code="network")
    QString chatP95S;
    QString embedP95S;
    QString rerankP95S;
    // Empty: built from `alerts.prices` (PrometheusQueryDefaults::costFromPrices).
    QString costUsdPerDay;
    bool operator==(const PrometheusQueries &) const = default;

    // The seed-metric defaults.
    static PrometheusQueries defaults();

    // (profile key, template) of every query, in the profile's order; `costUsdPerDay` included.
    QList<std::pair<QString, QString>> named() const;
    // The template under its profile key (`requests_per_s`, ...); nullopt for an unknown key.
    std::optional<QString> byKey(const QString &key) const;
};

// Where golive reads real traffic: the profile's `prometheus.*` section. An empty `url` means
// "no Prometheus": the canary is judged on probes alone. A credential is never kept here:
// `bearerTokenEnv` names the environment variable that holds it, read when a query runs.
struct PrometheusSettings {
    QUrl url;
    QString bearerTokenEnv;
    QList<std::pair<QString, QString>> headers; // e.g. X-Scope-OrgID; sent only to `url`'s origin
    QString versionMatcher = QStringLiteral(R"(pod=~"${pods}")");
    QString alertMatcher; // exported rules: empty selects all of the application's series
    QString window = QStringLiteral("5m");
    int timeoutMs = 10'000;
    PrometheusQueries queries = PrometheusQueries::defaults();
    bool operator==(const PrometheusSettings &) const = default;

    bool configured() const { return !url.isEmpty(); }
    // `queries.cost_usd_per_day`, or the query built from the price table when it is empty.
    QString costQuery(const QMap<QString, ModelPrice> &prices) const;
};

// A PromQL string literal ("..." with `\` and `"` escaped) holding `text`.
QString promqlStringLiteral(const QString &text);
// sum over every priced (model, kind) of increase(cohere_billed_units_total[1d]) × its price.
QString costQueryFromPrices(const QMap<QString, ModelPrice> &prices);
// A Prometheus duration golive accepts (`5m`, `1h30m`, `90s`, `1d`) in seconds; nullopt if the
// text is not one (or is zero).
std::optional<qint64> promDurationSeconds(const QString &duration);
// Seconds as a Prometheus duration: 300 → "5m", 90 → "1m30s".
QString promDuration(qint64 seconds);

} // namespace golive
