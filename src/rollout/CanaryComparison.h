#pragma once

#include "src/config/CanarySettings.h"
#include "src/rollout/CanaryVerdict.h"
#include "src/rollout/PodHealthSample.h"
#include "src/rollout/RolloutSnapshot.h"
#include "src/traffic/TrafficTemplate.h"

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
//
// With Prometheus, the traffic verdict's lines join them (TrafficReason, ids "traffic-*").
struct CanaryComparison {
    enum class Overall { Healthy, Unhealthy, InsufficientData, NoCanary };
    enum class Recommendation { Promote, Wait, RollBack };

    Overall overall = Overall::NoCanary;
    QList<CanaryReason> reasons;
    QList<TrafficReason> trafficReasons; // after `reasons`, in the verdict's order

    Recommendation recommendation() const;

    // Adds the traffic verdict of `canary` against stable and re-judges `overall` (no effect
    // without a canary).
    void addTraffic(const TrafficVerdict &verdict, const VersionTraffic &canary);

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
    // The versions whose real traffic is compared, as Prometheus should select them (their pod
    // names and pod-template-hash): {canary, stable}, or empty when no canary is out.
    static QList<VersionSelector> trafficVersions(const RolloutSnapshot &snapshot);

private:
    void judge(); // overall from every reason: any fail, else any without data, else healthy
};

QString toString(CanaryComparison::Overall overall);               // "healthy", "no-canary", ...
QString toString(CanaryComparison::Recommendation recommendation); // "promote", "wait", ...

} // namespace golive
