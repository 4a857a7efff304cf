#include "metrics/LatencyWindowStats.h"

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

} // namespace

qint64 LatencyWindowStats::rollingWindowFor(qint64 rangeMs)
{
    if (rangeMs <= 5 * minuteMs)
        return minuteMs;
    if (rangeMs <= 60 * minuteMs)
        return 5 * minuteMs;
    return 30 * minuteMs;
}

std::vector<PercentilePoint> LatencyWindowStats::rollingPercentiles(const SampleSeries &series,
                                                                    qint64 fromMs, qint64 toMs,
                                                                    int columns, qint64 windowMs)
{
    std::vector<PercentilePoint> points;
    if (fromMs > toMs || columns < 1 || windowMs < 0)
        return points;
    points.reserve(size_t(columns));
    std::vector<double> values;
    values.reserve(size_t(series.count(toMs - windowMs, toMs)) + 16);

    const qint64 span = toMs - fromMs + 1;
    qint64 previousEnd = fromMs - 1;
    for (int c = 0; c < columns; ++c) {
        // The column's last millisecond; with span < columns some columns coincide: skip them.
        const qint64 end = fromMs + (span * (c + 1)) / columns - 1;
        if (end <= previousEnd)
            continue;
        previousEnd = end;
        values.clear();
        series.forEach(end - windowMs, end,
                       [&](const Sample &s) { values.push_back(s.latencyMs); });
        if (values.empty())
            continue;
        const auto p95 = values.begin() + qsizetype(nearestRankIndex(95.0, values.size()));
        std::nth_element(values.begin(), p95, values.end());
        const auto p50 = values.begin() + qsizetype(nearestRankIndex(50.0, values.size()));
        // Everything up to P95's rank is now no larger than it, so P50 is selected there.
        std::nth_element(values.begin(), p50, p95 + 1);
        points.push_back({end, *p50, *p95});
    }
    return points;
}

} // namespace golive
