#include "src/probes/ProbeSpec.h"

#include "src/cohere/CohereRequests.h"
#include "src/common/ProbeNames.h"

namespace golive {

namespace {
ProbeSpec spec(const char *name, ProbeKind kind, const QUrl &target, const ProbeTiming &timing)
{
    return {QString::fromLatin1(name), kind, target, timing.intervalS * 1000, timing.timeoutMs};
}
} // namespace

QList<ProbeSpec> probeSpecsFor(const Profile &profile)
{
    QList<ProbeSpec> specs;
    const ProbeSettings &t = profile.probes;
    if (!profile.health.staging.isEmpty())
        specs << spec(probename::healthStaging, ProbeKind::TeamHealth, profile.health.staging,
                      t.health);
    if (!profile.health.production.isEmpty())
        specs << spec(probename::healthProduction, ProbeKind::TeamHealth, profile.health.production,
                      t.health);
    if (!profile.statusPage.url.isEmpty())
        specs << spec(probename::statusPage, ProbeKind::StatusPage, profile.statusPage.url,
                      t.statusPage);
    // Each Cohere probe is judged by its P95 gate, one answer at a time.
    const auto gated = [&](ProbeSpec probe, const char *gateKey) {
        probe.gateMs = profile.gates.forProbe(probe.name).value_or(0);
        if (probe.gateMs > 0)
            probe.gateName = QString::fromLatin1(gateKey);
        return probe;
    };
    const QUrl base = profile.cohere.baseUrl;
    specs << gated(spec(probename::cohereChat, ProbeKind::CohereChat,
                        CohereRequests::endpointUrl(base, CohereEndpoint::Chat), t.chat),
                   "gates.chat_p95_ms");
    specs << gated(spec(probename::cohereEmbed, ProbeKind::CohereEmbed,
                        CohereRequests::endpointUrl(base, CohereEndpoint::Embed), t.embed),
                   "gates.embed_p95_ms");
    specs << gated(spec(probename::cohereRerank, ProbeKind::CohereRerank,
                        CohereRequests::endpointUrl(base, CohereEndpoint::Rerank), t.rerank),
                   "gates.rerank_p95_ms");
    return specs;
}

} // namespace golive
