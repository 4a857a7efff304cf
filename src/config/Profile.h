#pragma once

#include "config/AlertThresholds.h"
#include "config/CanarySettings.h"
#include "config/CohereProbeRequests.h"
#include "config/CohereSettings.h"
#include "config/GateThresholds.h"
#include "config/HealthSettings.h"
#include "config/KubectlSettings.h"
#include "config/ProbeSettings.h"
#include "config/StatusPageSettings.h"

namespace golive {

// Everything a team configures, as kept in its repo (`golive.json`, read by ProfileLoader).
// A default-constructed Profile is the seed's configuration.
struct Profile {
    CohereSettings cohere;
    CohereProbeRequests probeRequests;
    HealthSettings health;
    StatusPageSettings statusPage;
    KubectlSettings kubectl;
    ProbeSettings probes;
    AlertThresholds alerts;
    GateThresholds gates;
    CanarySettings canary;
    // `runbook`: a team's own runbook JSON; empty means the bundled seed runbook.
    QString runbookPath;
    bool operator==(const Profile &) const = default;
};

} // namespace golive
