#include "src/metrics/AlertSources.h"

#include "src/common/ProbeNames.h"

namespace golive {

AlertSources AlertSources::standard(const CohereSettings &cohere)
{
    AlertSources sources;
    sources.healthProbes = {QString::fromLatin1(probename::healthStaging),
                            QString::fromLatin1(probename::healthProduction)};
    sources.cohereProbes = {{QString::fromLatin1(probename::cohereChat), cohere.chatModel},
                            {QString::fromLatin1(probename::cohereEmbed), cohere.embedModel},
                            {QString::fromLatin1(probename::cohereRerank), cohere.rerankModel}};
    sources.chatProbe = QString::fromLatin1(probename::cohereChat);
    return sources;
}

} // namespace golive
