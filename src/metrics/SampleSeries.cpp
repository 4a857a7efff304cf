#include "src/metrics/SampleSeries.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace golive {

namespace {

// 1-based nearest rank of the p-th percentile among n values, clamped to [1, n].
qsizetype nearestRank(double p, qsizetype n)
{
    // p * n / 100 rather than p / 100 * n: for whole p the product is exact, so P95 of 20 values
    // is rank 19, not 20 through a rounding error.
    const double rank = std::ceil(p * double(n) / 100.0);
    return std::clamp<qsizetype>(qsizetype(rank), 1, n);
}

} // namespace

SampleSeries::SampleSeries(qsizetype capacity) : m_capacity(std::max<qsizetype>(capacity, 1)) {}

void SampleSeries::append(const Sample &sample)
{
    Sample stored = sample;
    if (m_size > 0)
        stored.atMs = std::max(stored.atMs, at(m_size - 1).atMs);
    const qsizetype cap = capacity();
    if (m_size < cap) {
        if (m_ring.size() == m_ring.capacity()) // grow by doubling, but never past capacity
            m_ring.reserve(size_t(std::min(cap, std::max<qsizetype>(1024, 2 * m_size))));
        m_ring.push_back(stored);
        ++m_size;
    } else {
        m_ring[size_t(m_head)] = stored;
        m_head = (m_head + 1) % cap;
    }
    m_trailingFailures = stored.outcome == Outcome::Down ? m_trailingFailures + 1 : 0;
}

const Sample &SampleSeries::at(qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < m_size);
    qsizetype physical = m_head + index;
    if (physical >= capacity())
        physical -= capacity();
    return m_ring[size_t(physical)];
}

std::optional<Sample> SampleSeries::last() const
{
    if (m_size == 0)
        return std::nullopt;
    return at(m_size - 1);
}

qsizetype SampleSeries::firstAtOrAfter(qint64 ms) const
{
    qsizetype low = 0;
    qsizetype high = m_size;
    while (low < high) {
        const qsizetype mid = low + (high - low) / 2;
        if (at(mid).atMs < ms)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

std::pair<qsizetype, qsizetype> SampleSeries::window(qint64 fromMs, qint64 toMs) const
{
    if (fromMs > toMs)
        return {0, 0};
    const qsizetype begin = firstAtOrAfter(fromMs);
    const qsizetype end =
        toMs == std::numeric_limits<qint64>::max() ? m_size : firstAtOrAfter(toMs + 1);
    return {begin, std::max(begin, end)};
}

qsizetype SampleSeries::count(qint64 fromMs, qint64 toMs) const
{
    const auto [begin, end] = window(fromMs, toMs);
    return end - begin;
}

qsizetype SampleSeries::countFailures(FailureKind failure, qint64 fromMs, qint64 toMs) const
{
    qsizetype n = 0;
    forEach(fromMs, toMs, [&](const Sample &s) { n += s.failure == failure ? 1 : 0; });
    return n;
}

qsizetype SampleSeries::countRateLimitedResponses(qint64 fromMs, qint64 toMs) const
{
    qsizetype n = 0;
    forEach(fromMs, toMs, [&](const Sample &s) {
        // A sample from before the count existed still stands for at least one 429.
        n += std::max<qsizetype>(s.rateLimitedResponses, isRateLimitResponse(s.failure) ? 1 : 0);
    });
    return n;
}

std::optional<double> SampleSeries::serverErrorShare(qint64 fromMs, qint64 toMs) const
{
    const qsizetype total = count(fromMs, toMs);
    if (total == 0)
        return std::nullopt;
    return double(countFailures(FailureKind::Server5xx, fromMs, toMs)) / double(total);
}

std::vector<double> SampleSeries::latencies(qint64 fromMs, qint64 toMs) const
{
    const auto [begin, end] = window(fromMs, toMs);
    std::vector<double> values;
    values.reserve(size_t(end - begin));
    // Copy the (at most two) contiguous runs of the ring without per-element index arithmetic.
    const qsizetype cap = capacity();
    qsizetype i = begin;
    while (i < end) {
        const qsizetype physical = (m_head + i) % cap;
        const qsizetype run = std::min(end - i, cap - physical);
        for (qsizetype k = 0; k < run; ++k) {
            const Sample &sample = m_ring[size_t(physical + k)];
            if (isAnsweredInFull(sample.failure))
                values.push_back(sample.latencyMs);
        }
        i += run;
    }
    return values;
}

std::optional<double> SampleSeries::percentile(double p, qint64 fromMs, qint64 toMs) const
{
    std::vector<double> values = latencies(fromMs, toMs);
    if (values.empty())
        return std::nullopt;
    const auto nth = values.begin() + (nearestRank(p, qsizetype(values.size())) - 1);
    std::nth_element(values.begin(), nth, values.end());
    return *nth;
}

LatencyPercentiles SampleSeries::percentiles(qint64 fromMs, qint64 toMs) const
{
    std::vector<double> values = latencies(fromMs, toMs);
    LatencyPercentiles result;
    result.count = qsizetype(values.size());
    if (values.empty())
        return result;
    // Largest rank first: each nth_element leaves everything smaller in front, so the next
    // selection only has to look there.
    auto end = values.end();
    for (auto [p, target] : {std::pair{99.0, &result.p99}, std::pair{95.0, &result.p95},
                             std::pair{50.0, &result.p50}}) {
        const auto nth = values.begin() + (nearestRank(p, result.count) - 1);
        std::nth_element(values.begin(), nth, end);
        *target = *nth;
        end = nth + 1;
    }
    return result;
}

BilledTotals SampleSeries::billedUnits(qint64 fromMs, qint64 toMs) const
{
    BilledTotals units;
    forEach(fromMs, toMs, [&](const Sample &s) {
        units.inputTokens += s.inputTokens;
        units.outputTokens += s.outputTokens;
        units.searchUnits += s.searchUnits;
    });
    return units;
}

std::vector<Sample> SampleSeries::samples(qint64 fromMs, qint64 toMs) const
{
    std::vector<Sample> result;
    result.reserve(size_t(count(fromMs, toMs)));
    forEach(fromMs, toMs, [&](const Sample &s) { result.push_back(s); });
    return result;
}

} // namespace golive
