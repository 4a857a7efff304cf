#pragma once

#include "src/config/ProfileDefaults.h"

namespace golive {

// The profile's `gates.*` section: the canary's pass marks ("P95 latency < 5s for chat, < 500ms
// for embed/rerank"). Unlike alerts, these decide go / no-go.
struct GateThresholds {
    int chatP95Ms = defaults::chatP95GateMs;
    int embedP95Ms = defaults::embedP95GateMs;
    int rerankP95Ms = defaults::rerankP95GateMs;
    bool operator==(const GateThresholds &) const = default;
};

} // namespace golive
