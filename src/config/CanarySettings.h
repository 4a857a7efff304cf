#pragma once

#include "src/config/ProfileDefaults.h"

namespace golive {

// The profile's `canary.*` section: how long the paused rollout is watched, and whether a failed
// verdict rolls back without asking (off by default: a person decides).
struct CanarySettings {
    int watchMinutes = defaults::canaryWatchMinutes;
    bool autoRollback = defaults::canaryAutoRollback;
    bool operator==(const CanarySettings &) const = default;
};

} // namespace golive
