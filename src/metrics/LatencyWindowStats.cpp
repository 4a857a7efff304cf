#include "src/metrics/LatencyWindowStats.h"

#include <algorithm>
#include <cmath>

namespace golive {

namespace {

constexpr qint64 minuteMs = 60'000;

// The 0-based nearest rank of SampleSeries (see its header): ceil(p * n / 100), within [1, n].
size_t nearestRankIndex(double p, size_t n)
{
    const double rank = std::ceil(p * double(n) / 100.0);
    return size_t(std::clamp<double>(rank, 1.0, double(n))) - 1;
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

} // namespace

qint64 LatencyWindowStats::rollingWindowFor(qint64 rangeMs)
{
    if (rangeMs <= 5 * minuteMs)
        return minuteMs;
    if (rangeMs <= 60 * minuteMs)
        return 5 * minuteMs;
    return 30 * minuteMs;
}

qint64 LatencyWindowStats::gridStep(qint64 fromMs, qint64 toMs, int columns)
{
    if (fromMs > toMs || columns < 1)
        return 1;
    return std::max<qint64>(1, ceilDiv(toMs - fromMs + 1, columns));
}

std::optional<PercentilePoint> LatencyWindowStats::pointAt(const SampleSeries &series, qint64 endMs,
                                                           qint64 windowMs,
                                                           std::vector<double> &buffer)
{
    buffer.clear();
    series.forEach(endMs - windowMs, endMs, [&](const Sample &s) {
        if (isAnsweredInFull(s.failure))
            buffer.push_back(s.latencyMs);
    });
    if (buffer.empty())
        return std::nullopt;
    const auto p95 = buffer.begin() + qsizetype(nearestRankIndex(95.0, buffer.size()));
    std::nth_element(buffer.begin(), p95, buffer.end());
    const auto p50 = buffer.begin() + qsizetype(nearestRankIndex(50.0, buffer.size()));
    // Everything up to P95's rank is now no larger than it, so P50 is selected there.
    std::nth_element(buffer.begin(), p50, p95 + 1);
    return PercentilePoint{endMs, *p50, *p95};
}

std::vector<PercentilePoint> LatencyWindowStats::rollingPercentiles(const SampleSeries &series,
                                                                    qint64 fromMs, qint64 toMs,
                                                                    int columns, qint64 windowMs)
{
    std::vector<PercentilePoint> points;
    if (fromMs > toMs || columns < 1 || windowMs < 0)
        return points;
    const qint64 step = gridStep(fromMs, toMs, columns);
    points.reserve(size_t(columns) + 1);
    std::vector<double> buffer;
    buffer.reserve(size_t(series.count(toMs - windowMs, toMs)) + 16);
    for (qint64 end = ceilDiv(fromMs, step) * step; end <= toMs; end += step) {
        if (auto point = pointAt(series, end, windowMs, buffer))
            points.push_back(*point);
    }
    return points;
}

} // namespace golive
