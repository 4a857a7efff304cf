#pragma once

#include "src/config/ProfileDefaults.h"

#include <QString>

namespace golive {

// Where each pod's own health endpoint listens (`canary.pod_health`), reached through the API
// server's pod proxy. port 0 = not configured: pods are not probed.
struct PodHealthEndpoint {
    int port = 0;
    QString path; // starts with '/', e.g. "/api/health"
    bool configured() const { return port > 0; }
    bool operator==(const PodHealthEndpoint &) const = default;
};

// The profile's `canary.*` section: how long the paused rollout is watched, whether a failed
// verdict rolls back without asking (off by default: a person decides), and how the canary's
// pods are compared with the stable ones.
struct CanarySettings {
    int watchMinutes = defaults::canaryWatchMinutes;
    bool autoRollback = defaults::canaryAutoRollback;
    PodHealthEndpoint podHealth;
    int graceSeconds = defaults::canaryGraceSeconds;
    double healthFailureTolerancePercent = defaults::canaryHealthFailureTolerancePercent;
    double healthLatencyFactor = defaults::canaryHealthLatencyFactor;
    int minSamples = defaults::canaryMinSamples;
    bool operator==(const CanarySettings &) const = default;
};

} // namespace golive
