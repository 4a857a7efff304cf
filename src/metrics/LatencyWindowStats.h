#pragma once

#include "src/metrics/SampleSeries.h"

#include <map>
#include <optional>
#include <vector>

namespace golive {

// One point of the rolling percentile lines: P50 and P95 of every sample in
// [atMs - windowMs, atMs]. Empty windows give no point.
struct PercentilePoint {
    qint64 atMs = 0;
    double p50 = 0.0;
    double p95 = 0.0;
};

// Rolling P50/P95 lines for charts. Computed from every sample of each rolling window (the same
// nearest-rank percentiles as SampleSeries), then sampled once per pixel column: the line is
// exact at each point it draws, only drawn at display resolution.
//
// Points sit on a grid of absolute times (multiples of the column width), not relative to the
// window's edges, so that a scrolling view asks for the same points again and a cache
// (RollingPercentileCache) can keep the ones that can no longer change.
class LatencyWindowStats {
public:
    // The rolling window a chart range uses: 1 min for up to 5 min, 5 min for up to 1 h, 30 min
    // beyond, so that the lines smooth noise without hiding a change for longer than the range
    // can show.
    static qint64 rollingWindowFor(qint64 rangeMs);

    // The grid step for `columns` points over [fromMs, toMs]: ceil(span / columns), at least 1.
    static qint64 gridStep(qint64 fromMs, qint64 toMs, int columns);

    // One point at each multiple of gridStep() inside [fromMs, toMs] (at most columns + 1), its
    // window reaching `windowMs` back (possibly before fromMs, so the line starts at the left
    // edge). Reuses one buffer across points: one allocation, not one per column.
    static std::vector<PercentilePoint> rollingPercentiles(const SampleSeries &series,
                                                           qint64 fromMs, qint64 toMs, int columns,
                                                           qint64 windowMs);

    // P50/P95 of [endMs - windowMs, endMs]; `buffer` is scratch space.
    static std::optional<PercentilePoint> pointAt(const SampleSeries &series, qint64 endMs,
                                                  qint64 windowMs, std::vector<double> &buffer);
};

} // namespace golive
