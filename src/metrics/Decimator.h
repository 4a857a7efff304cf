#pragma once

#include "metrics/SampleSeries.h"

#include <vector>

namespace golive {

// What a chart draws of one probe's window: few enough points to render at once, chosen so
// that nothing a person looks for disappears.
struct DecimatedSamples {
    // Successful samples (FailureKind::Ok), at most two per column: the column's fastest and
    // slowest, in time order. A line through them is the min/max envelope of the raw data.
    std::vector<Sample> line;
    // Every failed sample of the window, in time order: failures are never thinned out.
    std::vector<Sample> failures;
};

// Min/max decimation into pixel columns. The window [fromMs, toMs] is cut into `columns` equal
// slices of time; each slice keeps its extremes. Min/max rather than LTTB because LTTB picks
// "visually important" points and may drop a spike's true peak, and the peak is what a release
// team is looking for.
//
// O(n) over the window's samples, no allocation besides the two output vectors. Display only:
// gates and alerts compute from every sample (SampleSeries), never from this.
class Decimator {
public:
    static DecimatedSamples decimate(const SampleSeries &series, qint64 fromMs, qint64 toMs,
                                     int columns);

    // The column [0, columns) a time falls in; times outside the window are clamped.
    static int columnOf(qint64 atMs, qint64 fromMs, qint64 toMs, int columns);
};

} // namespace golive
