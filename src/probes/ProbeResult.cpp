#include "src/probes/ProbeResult.h"

#include <limits>

namespace golive {

Sample ProbeResult::toSample() const
{
    Sample sample;
    sample.atMs = at.toMSecsSinceEpoch();
    sample.latencyMs = double(latencyMs);
    sample.inputTokens = inputTokens;
    sample.outputTokens = outputTokens;
    sample.httpStatus = qint16(qBound(0, httpStatus, int(std::numeric_limits<qint16>::max())));
    sample.searchUnits = quint16(qMin(searchUnits, quint32(std::numeric_limits<quint16>::max())));
    sample.failure = failure;
    switch (status) {
    case ProbeStatus::Healthy:
        sample.outcome = Outcome::Healthy;
        break;
    case ProbeStatus::Degraded:
        sample.outcome = Outcome::Degraded;
        break;
    case ProbeStatus::Down:
    case ProbeStatus::Skipped:
        sample.outcome = Outcome::Down;
        break;
    }
    return sample;
}

} // namespace golive
