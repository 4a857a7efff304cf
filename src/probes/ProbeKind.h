#pragma once

#include "src/common/CallOutcome.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace golive {

// What a probe talks to. The names are a JSON contract (`golive check --json`).
enum class ProbeKind { CohereChat, CohereEmbed, CohereRerank, TeamHealth, StatusPage };

QString probeKindName(ProbeKind kind); // "cohere-chat", "team-health", ...
std::optional<ProbeKind> probeKindFromName(const QString &name);
bool isCohereKind(ProbeKind kind);

// How a probe went, in the seed's words, plus "skipped" (nothing could be asked, e.g. no key),
// "slow" (a healthy answer above the probe's latency gate) and "unknown" (an answer golive could
// not get or read, which says nothing either way: a status page that is down or speaks a format
// golive does not know).
enum class ProbeStatus { Healthy, Degraded, Down, Skipped, Slow, Unknown };

// "healthy", "degraded", "down", "skipped", "slow", "unknown"
QString probeStatusName(ProbeStatus status);

// The status a measured result has: the seed's outcome of its failure kind (CallOutcome.h).
ProbeStatus probeStatusOf(FailureKind failure);

} // namespace golive

Q_DECLARE_METATYPE(golive::ProbeStatus)
