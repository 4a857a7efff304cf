#include "src/metrics/AlertSources.h"

#include "src/common/ProbeNames.h"

#include <algorithm>

namespace golive {

AlertSources AlertSources::standard(const CohereSettings &cohere, const ProbeSettings &probes)
{
    AlertSources sources;
    sources.healthProbes = {QString::fromLatin1(probename::healthStaging),
                            QString::fromLatin1(probename::healthProduction)};
    sources.cohereProbes = {
        {QString::fromLatin1(probename::cohereChat), cohere.chatModel, probes.chat.intervalS},
        {QString::fromLatin1(probename::cohereEmbed), cohere.embedModel, probes.embed.intervalS},
        {QString::fromLatin1(probename::cohereRerank), cohere.rerankModel,
         probes.rerank.intervalS}};
    sources.attemptsPerCall = std::max(1, cohere.retry.maxAttempts);
    sources.chatProbe = QString::fromLatin1(probename::cohereChat);
    return sources;
}

} // namespace golive
