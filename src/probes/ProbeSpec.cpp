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
    const QUrl base = profile.cohere.baseUrl;
    specs << spec(probename::cohereChat, ProbeKind::CohereChat,
                  CohereRequests::endpointUrl(base, CohereEndpoint::Chat), t.chat);
    specs << spec(probename::cohereEmbed, ProbeKind::CohereEmbed,
                  CohereRequests::endpointUrl(base, CohereEndpoint::Embed), t.embed);
    specs << spec(probename::cohereRerank, ProbeKind::CohereRerank,
                  CohereRequests::endpointUrl(base, CohereEndpoint::Rerank), t.rerank);
    return specs;
}

} // namespace golive
