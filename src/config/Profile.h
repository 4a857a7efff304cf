#pragma once

#include "src/config/AlertThresholds.h"
#include "src/config/CanarySettings.h"
#include "src/config/CohereProbeRequests.h"
#include "src/config/CohereSettings.h"
#include "src/config/EvidenceSettings.h"
#include "src/config/GateThresholds.h"
#include "src/config/HealthSettings.h"
#include "src/config/KubectlSettings.h"
#include "src/config/ProbeSettings.h"
#include "src/config/PrometheusSettings.h"
#include "src/config/StatusPageSettings.h"

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
    PrometheusSettings prometheus;
    EvidenceSettings evidence;
    // `runbook`: a team's own runbook JSON; empty means the bundled seed runbook.
    QString runbookPath;
    bool operator==(const Profile &) const = default;
};

} // namespace golive
