#pragma once

#include "src/config/AlertThresholds.h"
#include "src/metrics/Alert.h"
#include "src/metrics/AlertSources.h"
#include "src/metrics/MetricsStore.h"

#include <QList>

#include <functional>
#include <optional>

namespace golive {

// What a rule reads when it is evaluated.
struct AlertContext {
    const MetricsStore &store;
    const AlertThresholds &thresholds;
    const AlertSources &sources;
    QDateTime nowUtc;
    qint64 nowMs; // nowUtc as UTC epoch ms, the time base of Sample::atMs
};

// One of the seed's monitoring rules. `check` returns the message to show when the condition
// holds now, nullopt when it does not.
//
// Thresholds are read literally from the seed's table:
//   cohere-unreachable  "Health check fails 3x"   fires at >= N consecutive failed checks
//   high-error-rate     "5xx > 5% of requests/5min" fires above the share; exactly 5 % is silent
//   rate-limited        "429 > 10/min"             fires at 11 in the last minute; 10 is silent
//   high-latency        "Chat P95 > 10s"           fires above; a P95 of exactly 10 s is silent
//   auth-failure        "Any 401 response"         fires on one; resolves after a later success
//   budget-exceeded     "Daily token cost > threshold" fires above; exactly the budget is silent
// "The last N minutes" is the half-open window (now - N min, now]: a sample exactly N minutes
// old has left it.
struct AlertRule {
    const char *id;
    AlertSeverity severity;
    const char *title;
    std::function<std::optional<QString>(const AlertContext &)> check;

    // The six rules, in the seed's order.
    static const QList<AlertRule> &all();

    // The notes that hold for these thresholds and sources, in rule order.
    static QList<RuleNote> notes(const AlertThresholds &thresholds, const AlertSources &sources);

    // The Cohere requests per minute probes alone can make, retries included (0 if unknown).
    static int probeRequestsPerMinute(const AlertSources &sources);
};

} // namespace golive
