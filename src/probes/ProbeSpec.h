#pragma once

#include "src/config/Profile.h"
#include "src/probes/ProbeKind.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace golive {

// One probe as data: which name it records under (src/common/ProbeNames.h), what it talks to, how
// often and for how long. Probes differ by these values only, never by class.
struct ProbeSpec {
    ProbeSpec() = default;
    ProbeSpec(QString name, ProbeKind kind, QUrl target, int intervalMs = 60'000,
              int timeoutMs = 10'000, int gateMs = 0, QString gateName = {})
        : name(std::move(name)), kind(kind), target(std::move(target)), intervalMs(intervalMs),
          timeoutMs(timeoutMs), gateMs(gateMs), gateName(std::move(gateName))
    {
    }

    QString name;
    ProbeKind kind = ProbeKind::TeamHealth;
    QUrl target;
    int intervalMs = 60'000;
    int timeoutMs = 10'000;
    int gateMs = 0;   // the latency gate (gates.*); 0 = none. A healthy answer above it is Slow.
    QString gateName; // the gate's profile key, e.g. "gates.chat_p95_ms"
    bool operator==(const ProbeSpec &) const = default;
};

// Every probe a profile asks for, in display order: the team's health endpoints (one per
// configured URL; an empty URL is skipped), the status page (if configured), then chat, embed and
// rerank against the profile's Cohere base URL.
QList<ProbeSpec> probeSpecsFor(const Profile &profile);

} // namespace golive
