#pragma once

#include "src/metrics/Sample.h"

#include <optional>
#include <vector>

namespace golive {

// Billed usage summed over a window, for the budget rule.
struct BilledTotals {
    quint64 inputTokens = 0;
    quint64 outputTokens = 0;
    quint64 searchUnits = 0;
};

// Latency percentiles of one window. Empty windows have count 0 and no percentiles.
struct LatencyPercentiles {
    qsizetype count = 0;
    std::optional<double> p50;
    std::optional<double> p95;
    std::optional<double> p99;
};

// The samples of one probe, oldest first, in a ring of fixed capacity: when full, appending drops
// the oldest. The default holds 24 h at one sample a second (2.7 MB). The ring's memory grows
// with the samples (doubling, then exactly to capacity) rather than all at once: a probe that
// reports every 30 s uses a thirtieth of it.
//
// Windows are closed intervals [fromMs, toMs] of Sample::atMs (UTC epoch ms). Samples are kept in
// time order, so a window is found by binary search and only its own samples are visited.
//
// Percentiles use the nearest-rank method over the window's answered samples (isAnsweredInFull:
// failures are counted, never averaged into latency): sort the n latencies;
// the p-th percentile is the value at rank ceil(p / 100 * n) (1-based). It is always a latency
// that was really measured, never an interpolation, and P95 of 20 samples is the 19th smallest.
class SampleSeries {
public:
    static constexpr qsizetype defaultCapacity = 24 * 60 * 60;

    explicit SampleSeries(qsizetype capacity = defaultCapacity);

    // O(1). A sample stamped before its predecessor (the wall clock stepped back) is stored at its
    // predecessor's time, so the series stays ordered.
    void append(const Sample &sample);

    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }
    bool isEmpty() const { return m_size == 0; }
    const Sample &at(qsizetype index) const; // 0 = oldest kept
    std::optional<Sample> last() const;

    // Outcome::Down samples at the end of the series, counted since the last sample that was not
    // Down, even past what the ring still holds.
    qint64 consecutiveFailures() const { return m_trailingFailures; }

    qsizetype count(qint64 fromMs, qint64 toMs) const;
    qsizetype countFailures(FailureKind failure, qint64 fromMs, qint64 toMs) const;
    // HTTP 429 responses in the window, every attempt of every sample (Sample::rateLimited...).
    qsizetype countRateLimitedResponses(qint64 fromMs, qint64 toMs) const;
    // Share of Server5xx among the window's samples, 0..1; nullopt for an empty window.
    std::optional<double> serverErrorShare(qint64 fromMs, qint64 toMs) const;
    // p in (0, 100]; nullopt for an empty window. O(n) in the window's size.
    std::optional<double> percentile(double p, qint64 fromMs, qint64 toMs) const;
    LatencyPercentiles percentiles(qint64 fromMs, qint64 toMs) const;
    BilledTotals billedUnits(qint64 fromMs, qint64 toMs) const;
    std::vector<Sample> samples(qint64 fromMs, qint64 toMs) const;

    // Calls visit(sample) for each sample of the window, oldest first, or newest first.
    template <typename Visit> void forEach(qint64 fromMs, qint64 toMs, Visit visit) const
    {
        const auto [begin, end] = window(fromMs, toMs);
        for (qsizetype i = begin; i < end; ++i)
            visit(at(i));
    }
    template <typename Visit> void forEachBackwards(Visit visit) const
    {
        for (qsizetype i = m_size - 1; i >= 0; --i) {
            if (!visit(at(i)))
                return;
        }
    }

private:
    // Logical index range [begin, end) of the samples inside [fromMs, toMs].
    std::pair<qsizetype, qsizetype> window(qint64 fromMs, qint64 toMs) const;
    qsizetype firstAtOrAfter(qint64 ms) const;
    std::vector<double> latencies(qint64 fromMs, qint64 toMs) const;

    qsizetype m_capacity;
    std::vector<Sample> m_ring; // grows to m_capacity; only then does m_head move
    qsizetype m_head = 0;       // physical index of the oldest sample
    qsizetype m_size = 0;
    qint64 m_trailingFailures = 0;
};

} // namespace golive
