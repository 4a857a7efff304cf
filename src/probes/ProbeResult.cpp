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
    sample.rateLimitedResponses = quint8(qBound(0, rateLimitedResponses, 255));
    switch (status) {
    case ProbeStatus::Healthy:
    case ProbeStatus::Slow: // answered, only slower than its gate: the latency says how much
        sample.outcome = Outcome::Healthy;
        break;
    case ProbeStatus::Degraded:
        sample.outcome = Outcome::Degraded;
        break;
    case ProbeStatus::Down:
    case ProbeStatus::Skipped:
    case ProbeStatus::Unknown: // not measured, so never stored; Down only for completeness
        sample.outcome = Outcome::Down;
        break;
    }
    return sample;
}

} // namespace golive
