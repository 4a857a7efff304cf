#pragma once

#include "src/metrics/LatencyWindowStats.h"

#include <map>

namespace golive {

// LatencyWindowStats::rollingPercentiles for a view that redraws as samples arrive: keeps each
// point whose window lies wholly before the series' newest sample (no later sample can change
// it: samples arrive in time order), so a redraw computes only the newest few points instead of
// every column. Forgets everything when the grid step or the window changes.
class RollingPercentileCache {
public:
    std::vector<PercentilePoint> points(const SampleSeries &series, qint64 fromMs, qint64 toMs,
                                        int columns, qint64 windowMs);

    qsizetype cachedPoints() const { return qsizetype(m_final.size()); }

private:
    qint64 m_step = 0;
    qint64 m_window = -1;
    std::map<qint64, std::optional<PercentilePoint>> m_final; // grid time -> point (or empty)
    std::vector<double> m_buffer;
};

} // namespace golive
