#pragma once

#include "metrics/SampleSeries.h"

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
class LatencyWindowStats {
public:
    // The rolling window a chart range uses: 1 min for up to 5 min, 5 min for up to 1 h, 30 min
    // beyond, so that the lines smooth noise without hiding a change for longer than the range
    // can show.
    static qint64 rollingWindowFor(qint64 rangeMs);

    // One point at the end of each of `columns` equal slices of [fromMs, toMs], its window
    // reaching `windowMs` back (possibly before fromMs, so the line starts at the left edge).
    // Reuses one buffer across points: one allocation, not one per column.
    static std::vector<PercentilePoint> rollingPercentiles(const SampleSeries &series,
                                                           qint64 fromMs, qint64 toMs, int columns,
                                                           qint64 windowMs);
};

} // namespace golive
