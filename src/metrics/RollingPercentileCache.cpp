#include "src/metrics/RollingPercentileCache.h"

namespace golive {

std::vector<PercentilePoint> RollingPercentileCache::points(const SampleSeries &series,
                                                            qint64 fromMs, qint64 toMs, int columns,
                                                            qint64 windowMs)
{
    std::vector<PercentilePoint> result;
    if (fromMs > toMs || columns < 1 || windowMs < 0)
        return result;
    const qint64 step = LatencyWindowStats::gridStep(fromMs, toMs, columns);
    if (step != m_step || windowMs != m_window) {
        m_final.clear();
        m_step = step;
        m_window = windowMs;
    }
    // Points outside the view are not asked for again unless the view scrolls back.
    m_final.erase(m_final.begin(), m_final.lower_bound(fromMs));
    m_final.erase(m_final.upper_bound(toMs), m_final.end());

    const std::optional<Sample> newest = series.last();
    result.reserve(size_t(columns) + 1);
    const qint64 first =
        fromMs >= 0 ? (fromMs + step - 1) / step * step : -((-fromMs) / step) * step;
    auto cached = m_final.lower_bound(first);
    for (qint64 end = first; end <= toMs; end += step) {
        while (cached != m_final.end() && cached->first < end)
            ++cached;
        std::optional<PercentilePoint> point;
        if (cached != m_final.end() && cached->first == end) {
            point = cached->second;
        } else {
            point = LatencyWindowStats::pointAt(series, end, windowMs, m_buffer);
            if (newest && end < newest->atMs)
                cached = m_final.emplace_hint(cached, end, point);
        }
        if (point)
            result.push_back(*point);
    }
    return result;
}

} // namespace golive
