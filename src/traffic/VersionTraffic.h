#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace golive {

// One signal of one version: the PromQL that ran, and its value in the signal's unit, or why
// there is none. "No data" (an empty result, NaN) is nullopt with a note; a failed query is
// nullopt with `error`. Never a zero standing in for either.
struct TrafficSignal {
    QString key;    // "requests_per_s", "error_5xx_share", "chat_p95_ms", ...
    QString unit;   // "/s", "share", "/min", "ms"
    QString promql; // as sent to Prometheus
    std::optional<double> value;
    QString note;  // why there is no value, when Prometheus answered without one
    QString error; // Prometheus' or the transport's error, when the query failed
    bool operator==(const TrafficSignal &) const = default;

    bool failed() const { return !error.isEmpty(); }
    static TrafficSignal named(const QString &key, const QString &unit)
    {
        TrafficSignal signal;
        signal.key = key;
        signal.unit = unit;
        return signal;
    }
    // "30.0 %", "1250 ms", "0.40/min", "no data", "error"
    QString valueText() const;
};

// What Prometheus says about one version's real traffic over the window.
struct VersionTraffic {
    QString version; // "canary", "stable"
    QString window;  // the PromQL range, e.g. "5m"
    QString matcher; // the label matcher that selected it, e.g. pod=~"app-7c9d-x"
    TrafficSignal requestsPerS =
        TrafficSignal::named(QStringLiteral("requests_per_s"), QStringLiteral("/s"));
    TrafficSignal error5xxShare =
        TrafficSignal::named(QStringLiteral("error_5xx_share"), QStringLiteral("share"));
    TrafficSignal rateLimitedPerMin =
        TrafficSignal::named(QStringLiteral("rate_limited_per_min"), QStringLiteral("/min"));
    TrafficSignal authFailuresPerMin =
        TrafficSignal::named(QStringLiteral("auth_failures_per_min"), QStringLiteral("/min"));
    TrafficSignal chatP95Ms =
        TrafficSignal::named(QStringLiteral("chat_p95_ms"), QStringLiteral("ms"));
    TrafficSignal embedP95Ms =
        TrafficSignal::named(QStringLiteral("embed_p95_ms"), QStringLiteral("ms"));
    TrafficSignal rerankP95Ms =
        TrafficSignal::named(QStringLiteral("rerank_p95_ms"), QStringLiteral("ms"));
    bool operator==(const VersionTraffic &) const = default;

    QList<const TrafficSignal *> signalList() const;
    TrafficSignal *signalByKey(const QString &key);

    // The `traffic` object of `golive canary --json`:
    //   {"source": "prometheus", "window": "5m", "matcher": "...", "requests_per_s": 1.5,
    //    "error_5xx_share": 0.3, "rate_limited_per_min": 0, "auth_failures_per_min": 0,
    //    "chat_p95_ms": 4875, "embed_p95_ms": null, "rerank_p95_ms": null,
    //    "queries": {"requests_per_s": {"promql": "...", "value": 1.5, "unit": "/s",
    //                                   "note": null, "error": null}, ...}}
    QJsonObject toJson() const;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::VersionTraffic)
