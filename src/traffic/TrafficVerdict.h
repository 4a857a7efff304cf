#pragma once

#include "src/config/AlertThresholds.h"
#include "src/config/GateThresholds.h"
#include "src/traffic/VersionTraffic.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace golive {

// How much worse than stable the canary may be before its traffic fails it. The seed names
// absolute limits only (5xx 5 %, P95 gates); these are golive's, stated in every line they decide.
struct TrafficTolerances {
    // Below this canary request rate over the window there is too little traffic to judge
    // (0.1/s is 30 requests in 5 minutes: one 5xx in 20 is the seed's 5 %).
    double minCanaryRequestsPerS = 0.1;
    // Canary 5xx share may exceed stable's by this many percentage points.
    double errorShareMarginPoints = 2.0;
    // Canary P95 may be this many times stable's, or this many ms above it, whichever is more.
    double p95Factor = 1.5;
    double p95SlackMs = 100.0;
    // 429s "rising": the canary's 429 share of requests above stable's × factor + points.
    double rateLimitedFactor = 1.1;
    double rateLimitedSlackPoints = 1.0;
};

// One line of the traffic verdict: what was compared, with the value, the threshold, the window
// and the PromQL behind it, so "why did it fail?" is answered where it is shown.
struct TrafficLine {
    enum class Mark { Pass, Fail, Warn, Insufficient };
    QString id; // "traffic-volume", "traffic-5xx-share", "traffic-chat-p95", "traffic-embed-p95",
                // "traffic-rerank-p95", "traffic-429", "traffic-auth"
    Mark mark = Mark::Insufficient;
    QString text;                    // e.g. "canary 5xx share 30.0 % over 5m > 5 % (seed); ..."
    std::optional<double> value;     // the canary's value, in the signal's unit
    std::optional<double> threshold; // the limit it was held to, same unit
    QString window;                  // "5m"
    QString promql;                  // the canary's query
    bool operator==(const TrafficLine &) const = default;

    // {"id", "mark": "pass|fail|warn|insufficient", "text", "value", "threshold", "window",
    //  "promql"}
    QJsonObject toJson() const;
};

// Canary against stable on real traffic (pure: no clock, no I/O). Any failing line makes it
// unhealthy; otherwise any line without enough data makes it insufficient; warnings (a signal
// neither version has, stable's own 401s) inform and decide nothing.
struct TrafficVerdict {
    enum class Overall { Healthy, Unhealthy, InsufficientData };
    Overall overall = Overall::InsufficientData;
    QList<TrafficLine> lines;
    bool operator==(const TrafficVerdict &) const = default;

    // The lines that decided a non-healthy verdict ("traffic-5xx-share: canary 5xx ...").
    QStringList reasons() const;
    // {"overall": "healthy|unhealthy|insufficient-data", "lines": [...]}
    QJsonObject toJson() const;

    static TrafficVerdict evaluate(const VersionTraffic &canary, const VersionTraffic &stable,
                                   const AlertThresholds &alerts, const GateThresholds &gates,
                                   const TrafficTolerances &tolerances = {});
};

QString toString(TrafficLine::Mark mark);
QString toString(TrafficVerdict::Overall overall);

} // namespace golive

Q_DECLARE_METATYPE(golive::TrafficVerdict)
