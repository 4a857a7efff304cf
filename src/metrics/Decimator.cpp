#include "metrics/Decimator.h"

#include <algorithm>

namespace golive {

int Decimator::columnOf(qint64 atMs, qint64 fromMs, qint64 toMs, int columns)
{
    if (columns <= 1 || toMs <= fromMs)
        return 0;
    const qint64 span = toMs - fromMs + 1;
    const qint64 offset = std::clamp<qint64>(atMs - fromMs, 0, span - 1);
    // 128-bit free: spans are at most days (1e8 ms) and columns thousands, far below 2^63.
    return int(offset * columns / span);
}

DecimatedSamples Decimator::decimate(const SampleSeries &series, qint64 fromMs, qint64 toMs,
                                     int columns)
{
    DecimatedSamples result;
    if (fromMs > toMs || columns < 1)
        return result;
    result.line.reserve(size_t(columns) * 2);

    int current = -1;
    const Sample *lowest = nullptr;
    const Sample *highest = nullptr;
    auto flush = [&] {
        if (lowest == nullptr)
            return;
        // Time order within the column, so the envelope line never runs backwards.
        const Sample *first = lowest->atMs <= highest->atMs ? lowest : highest;
        const Sample *second = first == lowest ? highest : lowest;
        result.line.push_back(*first);
        if (second != first)
            result.line.push_back(*second);
        lowest = highest = nullptr;
    };

    series.forEach(fromMs, toMs, [&](const Sample &s) {
        if (s.failure != FailureKind::Ok) {
            result.failures.push_back(s);
            return;
        }
        const int column = columnOf(s.atMs, fromMs, toMs, columns);
        if (column != current) {
            flush();
            current = column;
        }
        if (lowest == nullptr || s.latencyMs < lowest->latencyMs)
            lowest = &s;
        if (highest == nullptr || s.latencyMs > highest->latencyMs)
            highest = &s;
    });
    flush();
    return result;
}

} // namespace golive
