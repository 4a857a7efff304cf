#pragma once

#include "src/metrics/SampleSeries.h"

#include <array>
#include <map>
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

// Min/max decimation into pixel columns, for a view that redraws as samples arrive. Min/max
// rather than LTTB because LTTB picks "visually important" points and may drop a spike's true
// peak, and the peak is what a release team is looking for. Display only: gates and alerts
// compute from every sample (SampleSeries), never from this.
//
// Columns sit on a grid of absolute times (multiples of the column width, as the rolling
// percentile points of LatencyWindowStats) rather than relative to the window's edges, so a
// scrolling view asks for the same columns again. A column wholly inside the view and wholly
// before the series' newest sample can no longer change (samples arrive in time order) and is
// kept, so a live redraw decimates only the newest column or two instead of every sample of the
// range. Forgets everything when the column width changes.
class DecimationCache {
public:
    DecimatedSamples decimate(const SampleSeries &series, qint64 fromMs, qint64 toMs, int columns);

    qsizetype cachedColumns() const { return qsizetype(m_final.size()); }

private:
    struct Column {
        std::array<Sample, 2> line; // fastest and slowest, in time order
        int lineCount = 0;
        std::vector<Sample> failures;
    };
    static Column decimateColumn(const SampleSeries &series, qint64 fromMs, qint64 toMs);

    qint64 m_step = 0;
    std::map<qint64, Column> m_final; // column start -> its decimation
};

} // namespace golive
