#pragma once

#include "src/config/GateThresholds.h"
#include "src/metrics/Alert.h"
#include "src/traffic/TrafficVerdict.h"
#include "src/traffic/VersionTraffic.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace golive {

class MetricsStore;

// What the probes looked like before the canary went out: the yardstick for "not worse than".
struct CanaryBaseline {
    qint64 fromMs = 0; // UTC epoch ms, the window [fromMs, toMs] it was measured over
    qint64 toMs = 0;
    std::optional<double> serverErrorShare; // 0..1; nullopt = no samples before the canary
    double rateLimitedPerMinute = 0.0;
};

// One line of the verdict, with the numbers that decided it.
struct CanaryReason {
    enum class Mark { Pass, Fail, NoData };
    QString id; // "p1-alert", "chat-p95", "embed-p95", "rerank-p95", "5xx-share", "429-rate"
    Mark mark = Mark::NoData;
    QString text; // e.g. "chat P95 1200 ms < 5000 ms (42 samples)"
    bool operator==(const CanaryReason &) const = default;
};

// A line of the traffic verdict (canary against stable on real traffic, from Prometheus) as the
// canary's verdict carries it: a failing line fails the canary, an insufficient one (too little
// canary traffic, an empty result) or one whose query failed (Prometheus down, slow, refusing the
// PromQL: "no-data") leaves it without enough data; never a pass.
struct TrafficReason {
    TrafficLine line;
    bool queryFailed = false; // the canary's query got no answer: shown as "no-data"
    bool operator==(const TrafficReason &) const = default;

    // "pass", "fail", "warn", "insufficient", or "no-data" for a failed query.
    QString markText() const;
    bool decidesFail() const { return line.mark == TrafficLine::Mark::Fail; }
    bool lacksData() const { return line.mark == TrafficLine::Mark::Insufficient; }
    // The verdict's lines with the failed queries marked.
    static QList<TrafficReason> from(const TrafficVerdict &verdict, const VersionTraffic &canary);
};

// The canary's health over its watch window, from metrics alone (pure: no clock, no I/O).
struct CanaryVerdict {
    enum class Overall { Healthy, Unhealthy, InsufficientData };
    enum class Recommendation { Promote, RollBack };

    Overall overall = Overall::InsufficientData;
    QList<CanaryReason> reasons;
    QList<TrafficReason> trafficReasons; // with Prometheus: canary against stable on real traffic
    QStringList probesWithoutSamples; // which probes left the verdict without data
    qint64 fromMs = 0;
    qint64 toMs = 0;

    // Only a healthy canary is promoted: a failure, or no evidence, means roll back.
    Recommendation recommendation() const
    {
        return overall == Overall::Healthy ? Recommendation::Promote : Recommendation::RollBack;
    }
    QString summary() const; // "Healthy: promote" / "Unhealthy (chat-p95): roll back" ...
    bool operator==(const CanaryVerdict &) const = default;

    // 429s "rising" means the watch window's rate exceeds the baseline's by more than this
    // factor plus this absolute slack: one stray 429 in a 10-minute window is 0.1/min and is noise,
    // not a trend.
    static constexpr double kRateLimitRelativeTolerance = 0.10;
    static constexpr double kRateLimitAbsoluteTolerancePerMinute = 0.2;

    static CanaryBaseline captureBaseline(const MetricsStore &store, qint64 fromMs, qint64 toMs);
    static CanaryVerdict evaluate(const MetricsStore &store, const QList<Alert> &activeAlerts,
                                  const GateThresholds &gates, const CanaryBaseline &baseline,
                                  qint64 fromMs, qint64 toMs);
};

QString toString(CanaryVerdict::Overall overall);
QString toString(CanaryReason::Mark mark);
QString toString(CanaryVerdict::Recommendation recommendation);

} // namespace golive

Q_DECLARE_METATYPE(golive::CanaryVerdict)
