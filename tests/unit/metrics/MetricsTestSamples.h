#pragma once

#include "src/metrics/SampleSeries.h"

#include <random>
#include <vector>

namespace golive::test {

inline constexpr qint64 metricsStartMs = 1'795'000'000'000;

inline Sample sampleAt(qint64 ms, double latencyMs = 100, FailureKind failure = FailureKind::Ok)
{
    Sample s;
    s.atMs = ms;
    s.latencyMs = latencyMs;
    s.failure = failure;
    s.outcome = outcomeOf(failure);
    return s;
}

// An hour at one sample a second from metricsStartMs, with noisy latencies and 3 % failures of
// mixed kinds.
inline std::vector<Sample> noisyHour(unsigned seed)
{
    std::vector<Sample> samples;
    std::mt19937 random(seed);
    std::lognormal_distribution<double> latency(5.5, 1.0);
    std::uniform_int_distribution<int> roll(0, 99);
    const FailureKind kinds[] = {FailureKind::RateLimited, FailureKind::Server5xx,
                                 FailureKind::Timeout};
    for (qint64 i = 0; i < 3600; ++i) {
        const int r = roll(random);
        samples.push_back(sampleAt(metricsStartMs + i * 1000, latency(random),
                                   r < 3 ? kinds[r] : FailureKind::Ok));
    }
    return samples;
}

inline SampleSeries seriesOf(const std::vector<Sample> &samples)
{
    SampleSeries series;
    for (const Sample &s : samples)
        series.append(s);
    return series;
}

} // namespace golive::test
