#pragma once

#include "src/config/CanarySettings.h"
#include "src/rollout/CanaryVerdict.h"
#include "src/rollout/PodHealthSample.h"
#include "src/rollout/RolloutSnapshot.h"

#include <QDateTime>
#include <QList>

namespace golive {

// The canary judged against the stable version, from the cluster's own view (pure: the caller
// passes the time): its pods' state, and their health answers through the pod proxy against the
// stable pods' answers over the same period.
//
// Reasons (ids are stable): "no-canary", "canary-pods" (a crash reason fails at once),
// "canary-ready" (not Ready past canary.grace_s fails), "pod-health" (not configured, or not
// readable: 403 on pods/proxy), "canary-health-failures" (share above stable's beyond
// canary.health_failure_tolerance_percent fails; fewer canary answers than canary.min_samples is
// no data), "canary-health-latency" (median above stable's times canary.health_latency_factor
// fails).
struct CanaryComparison {
    enum class Overall { Healthy, Unhealthy, InsufficientData, NoCanary };
    enum class Recommendation { Promote, Wait, RollBack };

    Overall overall = Overall::NoCanary;
    QList<CanaryReason> reasons;

    Recommendation recommendation() const;

    // With `healthRequired`, no pod health configured is a "no data" line (the headless verdict
    // has nothing else); the watch, which also has its probes, leaves the line out instead.
    static CanaryComparison evaluate(const RolloutSnapshot &snapshot,
                                     const QList<PodHealthSample> &samples,
                                     const CanarySettings &settings, const QDateTime &now,
                                     bool healthRequired = true);

    // Container reasons that mean the pod is not running its program (fail at once).
    static bool isCrashReason(const QString &reason);
    // Is a rollout in progress (its two sides are shown, the canary's possibly not created yet)?
    // False when it completed, or none was started.
    static bool rolloutInProgress(const RolloutSnapshot &snapshot);
};

QString toString(CanaryComparison::Overall overall);               // "healthy", "no-canary", ...
QString toString(CanaryComparison::Recommendation recommendation); // "promote", "wait", ...

} // namespace golive
