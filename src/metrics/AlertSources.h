#pragma once

#include "src/config/CohereSettings.h"
#include "src/config/ProbeSettings.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace golive {

// A Cohere probe and the model it calls (what its billed units are priced at).
struct PricedProbe {
    QString probeName;
    QString model;
    int intervalS = 0; // how often the probe runs; 0 = unknown
    bool operator==(const PricedProbe &) const = default;
};

// Which recorded probes each alert rule reads.
struct AlertSources {
    QStringList healthProbes;        // cohere-unreachable: the team's /api/health checks
    QList<PricedProbe> cohereProbes; // high-error-rate, rate-limited, auth-failure, budget
    QString chatProbe;               // high-latency
    int attemptsPerCall = 1;         // a Cohere call's requests, retries included

    // The standard probe names of ProbeNames.h, priced at the profile's models, at the profile's
    // probe intervals.
    static AlertSources standard(const CohereSettings &cohere, const ProbeSettings &probes = {});
    bool operator==(const AlertSources &) const = default;
};

} // namespace golive
