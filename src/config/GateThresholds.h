#pragma once

#include "src/config/ProfileDefaults.h"

#include <QString>

#include <optional>

namespace golive {

// The profile's `gates.*` section: the canary's pass marks ("P95 latency < 5s for chat, < 500ms
// for embed/rerank"). Unlike alerts, these decide go / no-go.
struct GateThresholds {
    int chatP95Ms = defaults::chatP95GateMs;
    int embedP95Ms = defaults::embedP95GateMs;
    int rerankP95Ms = defaults::rerankP95GateMs;
    bool operator==(const GateThresholds &) const = default;

    // The P95 latency gate of the probe recorded under `probeName` (ProbeNames.h); nullopt for a
    // probe no gate watches (health endpoints, the status page). The one probe → gate mapping:
    // the charts, the canary verdict and the report all ask here.
    std::optional<int> forProbe(const QString &probeName) const;
};

} // namespace golive
