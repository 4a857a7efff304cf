#include "src/metrics/DecimationCache.h"

#include "src/metrics/LatencyWindowStats.h"

namespace golive {

DecimationCache::Column DecimationCache::decimateColumn(const SampleSeries &series, qint64 fromMs,
                                                        qint64 toMs)
{
    Column column;
    const Sample *lowest = nullptr;
    const Sample *highest = nullptr;
    series.forEach(fromMs, toMs, [&](const Sample &s) {
        if (s.failure != FailureKind::Ok) {
            column.failures.push_back(s);
            return;
        }
        if (lowest == nullptr || s.latencyMs < lowest->latencyMs)
            lowest = &s;
        if (highest == nullptr || s.latencyMs > highest->latencyMs)
            highest = &s;
    });
    if (lowest != nullptr) {
        // Time order within the column, so the envelope line never runs backwards.
        const Sample *first = lowest->atMs <= highest->atMs ? lowest : highest;
        const Sample *second = first == lowest ? highest : lowest;
        column.line[column.lineCount++] = *first;
        if (second != first)
            column.line[column.lineCount++] = *second;
    }
    return column;
}

DecimatedSamples DecimationCache::decimate(const SampleSeries &series, qint64 fromMs, qint64 toMs,
                                           int columns)
{
    DecimatedSamples result;
    if (fromMs > toMs || columns < 1)
        return result;
    const qint64 step = LatencyWindowStats::gridStep(fromMs, toMs, columns);
    if (step != m_step) {
        m_final.clear();
        m_step = step;
    }
    // Columns that left the view are not asked for again unless it scrolls back.
    m_final.erase(m_final.begin(), m_final.lower_bound(fromMs));
    m_final.erase(m_final.upper_bound(toMs), m_final.end());

    const std::optional<Sample> newest = series.last();
    result.line.reserve(size_t(columns) * 2 + 2);
    const qint64 first = fromMs >= 0 ? fromMs / step * step : -((-fromMs + step - 1) / step) * step;
    auto cached = m_final.lower_bound(first);
    for (qint64 start = first; start <= toMs; start += step) {
        const qint64 end = start + step - 1;
        const bool wholeInView = start >= fromMs && end <= toMs;
        while (cached != m_final.end() && cached->first < start)
            ++cached;
        const Column *column = nullptr;
        Column fresh;
        if (wholeInView && cached != m_final.end() && cached->first == start) {
            column = &cached->second;
        } else {
            fresh = decimateColumn(series, std::max(start, fromMs), std::min(end, toMs));
            const bool settled = newest && newest->atMs > end;
            if (wholeInView && settled) {
                cached = m_final.emplace_hint(cached, start, std::move(fresh));
                column = &cached->second;
            } else {
                column = &fresh;
            }
        }
        result.line.insert(result.line.end(), column->line.begin(),
                           column->line.begin() + column->lineCount);
        result.failures.insert(result.failures.end(), column->failures.begin(),
                               column->failures.end());
    }
    return result;
}

} // namespace golive
