#include "src/config/GateThresholds.h"

#include "src/common/ProbeNames.h"

namespace golive {

std::optional<int> GateThresholds::forProbe(const QString &probeName) const
{
    if (probeName == QLatin1String(probename::cohereChat))
        return chatP95Ms;
    if (probeName == QLatin1String(probename::cohereEmbed))
        return embedP95Ms;
    if (probeName == QLatin1String(probename::cohereRerank))
        return rerankP95Ms;
    return std::nullopt;
}

} // namespace golive
