#include "src/metrics/SampleSeries.h"
#include "MetricsTestSamples.h"
#include "QStringPrinter.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

using namespace golive;

namespace {

Sample at(qint64 ms, double latencyMs = 100, FailureKind failure = FailureKind::Ok)
{
    return test::sampleAt(ms, latencyMs, failure);
}

// The nearest-rank percentile, computed the slow and obvious way.
double bruteForcePercentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const auto n = double(values.size());
    const auto rank =
        std::clamp<qsizetype>(qsizetype(std::ceil(p * n / 100.0)), 1, qsizetype(values.size()));
    return values[size_t(rank - 1)];
}

} // namespace

TEST(SampleSeries, ASampleIsSmall)
{
    EXPECT_LE(sizeof(Sample), 32u);
}

TEST(SampleSeries, ByDefaultHoldsADayAtOneSampleASecond)
{
    EXPECT_EQ(SampleSeries().capacity(), 86'400);
}

TEST(SampleSeries, WhenFullTheOldestSamplesAreDropped)
{
    SampleSeries series(5);
    for (qint64 t = 1; t <= 7; ++t)
        series.append(at(t * 1000, double(t)));
    ASSERT_EQ(series.size(), 5);
    EXPECT_EQ(series.at(0).atMs, 3000);
    EXPECT_EQ(series.last()->atMs, 7000);
    EXPECT_EQ(series.count(0, 10'000), 5);
    EXPECT_EQ(series.count(1000, 2000), 0) << "dropped samples are gone from every window";
    EXPECT_EQ(series.percentile(100, 0, 10'000), 7.0);
    EXPECT_EQ(series.percentile(1, 0, 10'000), 3.0);
}

TEST(SampleSeries, WindowsIncludeBothEnds)
{
    SampleSeries series;
    for (qint64 t : {1000, 2000, 3000, 4000})
        series.append(at(t));
    EXPECT_EQ(series.count(2000, 3000), 2);
    EXPECT_EQ(series.count(2001, 2999), 0);
    EXPECT_EQ(series.count(0, 1000), 1);
    EXPECT_EQ(series.count(4000, 4000), 1);
    EXPECT_EQ(series.count(3000, 2000), 0) << "a window that ends before it starts is empty";
    EXPECT_EQ(series.count(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()),
              4);
}

TEST(SampleSeries, ASampleFromAClockThatSteppedBackKeepsTheSeriesInOrder)
{
    SampleSeries series;
    series.append(at(5000));
    series.append(at(4000)); // NTP stepped the wall clock back a second
    series.append(at(6000));
    EXPECT_EQ(series.at(1).atMs, 5000);
    EXPECT_EQ(series.count(5000, 5000), 2);
    EXPECT_EQ(series.count(0, 4999), 0);
}

TEST(SampleSeries, PercentilesAreNearestRankOverEverySampleInTheWindow)
{
    SampleSeries series;
    for (int i = 1; i <= 100; ++i)
        series.append(at(i, double(101 - i))); // latencies 100..1, not in sorted order
    EXPECT_EQ(series.percentile(50, 0, 1000), 50.0);
    EXPECT_EQ(series.percentile(95, 0, 1000), 95.0);
    EXPECT_EQ(series.percentile(99, 0, 1000), 99.0);
    EXPECT_EQ(series.percentile(100, 0, 1000), 100.0);
    // The first 20 samples carry latencies 100..81: P95 of 20 values is the 19th smallest.
    EXPECT_EQ(series.percentile(95, 1, 20), 99.0);
    // Three values: the median is the middle one, P95 the largest.
    EXPECT_EQ(series.percentile(50, 1, 3), 99.0);
    EXPECT_EQ(series.percentile(95, 1, 3), 100.0);
    EXPECT_EQ(series.percentile(95, 5, 5), 96.0);
    EXPECT_FALSE(series.percentile(95, 1000, 2000).has_value()) << "no samples, no percentile";

    const LatencyPercentiles all = series.percentiles(0, 1000);
    EXPECT_EQ(all.count, 100);
    EXPECT_EQ(all.p50, 50.0);
    EXPECT_EQ(all.p95, 95.0);
    EXPECT_EQ(all.p99, 99.0);
    EXPECT_EQ(series.percentiles(1000, 2000).count, 0);
    EXPECT_FALSE(series.percentiles(1000, 2000).p95.has_value());
}

TEST(SampleSeries, PercentilesMatchABruteForceSortOnRandomData)
{
    std::mt19937_64 random(20261124);
    std::lognormal_distribution<double> latency(5.5, 1.2); // long-tailed, like real latencies
    std::uniform_int_distribution<int> gap(0, 3'000);      // duplicates of atMs included
    // A small ring written 2.5 times over, so windows straddle the wrap-around point.
    SampleSeries series(1000);
    std::vector<Sample> kept;
    qint64 t = 1'700'000'000'000;
    for (int i = 0; i < 2500; ++i) {
        t += gap(random);
        const Sample s = at(t, std::round(latency(random) * 10) / 10);
        series.append(s);
        kept.push_back(s);
    }
    kept.erase(kept.begin(), kept.end() - 1000);
    ASSERT_EQ(series.at(0), kept.front());

    std::uniform_int_distribution<size_t> index(0, kept.size() - 1);
    for (int round = 0; round < 300; ++round) {
        size_t a = index(random);
        size_t b = index(random);
        if (a > b)
            std::swap(a, b);
        const qint64 from = kept[a].atMs;
        const qint64 to = kept[b].atMs;
        std::vector<double> window;
        for (const Sample &s : kept) {
            if (s.atMs >= from && s.atMs <= to)
                window.push_back(s.latencyMs);
        }
        ASSERT_EQ(series.count(from, to), qsizetype(window.size()));
        for (double p : {0.1, 25.0, 50.0, 90.0, 95.0, 99.0, 99.9, 100.0})
            ASSERT_EQ(series.percentile(p, from, to), bruteForcePercentile(window, p))
                << "p" << p << " over " << window.size() << " samples";
        const LatencyPercentiles all = series.percentiles(from, to);
        ASSERT_EQ(all.p50, bruteForcePercentile(window, 50));
        ASSERT_EQ(all.p95, bruteForcePercentile(window, 95));
        ASSERT_EQ(all.p99, bruteForcePercentile(window, 99));
    }
}

TEST(SampleSeries, CountsFailuresAndTheShareOf5xxInAWindow)
{
    SampleSeries series;
    series.append(at(1000, 100, FailureKind::Ok));
    series.append(at(2000, 100, FailureKind::Server5xx));
    series.append(at(3000, 100, FailureKind::RateLimited));
    series.append(at(4000, 100, FailureKind::RateLimited));
    EXPECT_EQ(series.countFailures(FailureKind::RateLimited, 0, 5000), 2);
    EXPECT_EQ(series.countFailures(FailureKind::RateLimited, 0, 3000), 1);
    EXPECT_EQ(series.serverErrorShare(0, 5000), 0.25);
    EXPECT_EQ(series.serverErrorShare(3000, 5000), 0.0);
    EXPECT_FALSE(series.serverErrorShare(9000, 9999).has_value());
}

TEST(SampleSeries, CountsConsecutiveFailuresAtTheEnd)
{
    SampleSeries series(3);
    EXPECT_EQ(series.consecutiveFailures(), 0);
    series.append(at(1, 1, FailureKind::Timeout));
    series.append(at(2, 1, FailureKind::Server5xx));
    EXPECT_EQ(series.consecutiveFailures(), 2);
    series.append(at(3, 1, FailureKind::RateLimited)); // degraded means reachable
    EXPECT_EQ(series.consecutiveFailures(), 0);
    for (int i = 0; i < 5; ++i)
        series.append(at(4 + i, 1, FailureKind::Network));
    EXPECT_EQ(series.consecutiveFailures(), 5) << "the streak outlives the ring that held it";
    series.append(at(10, 1, FailureKind::Ok));
    EXPECT_EQ(series.consecutiveFailures(), 0);
}

TEST(SampleSeries, SumsBilledUnitsAndReturnsTheWindowInOrder)
{
    SampleSeries series;
    for (qint64 t = 1; t <= 4; ++t) {
        Sample s = at(t * 1000);
        s.inputTokens = quint32(t * 10);
        s.outputTokens = 1;
        s.searchUnits = 2;
        series.append(s);
    }
    const BilledTotals units = series.billedUnits(2000, 3000);
    EXPECT_EQ(units.inputTokens, 50u);
    EXPECT_EQ(units.outputTokens, 2u);
    EXPECT_EQ(units.searchUnits, 4u);
    const std::vector<Sample> window = series.samples(2000, 4000);
    ASSERT_EQ(window.size(), 3u);
    EXPECT_EQ(window.front().atMs, 2000);
    EXPECT_EQ(window.back().atMs, 4000);
    EXPECT_FALSE(SampleSeries().last().has_value());
}

TEST(SampleSeries, PercentilesComeFromAnsweredCallsOnlyFailuresAreCountedApart)
{
    SampleSeries series;
    // Two fast answers, and failures whose "latency" is a timeout's deadline or retried 429s.
    series.append(test::sampleAt(test::metricsStartMs, 100));
    series.append(test::sampleAt(test::metricsStartMs + 1, 120));
    series.append(test::sampleAt(test::metricsStartMs + 2, 3400, FailureKind::RateLimited));
    series.append(test::sampleAt(test::metricsStartMs + 3, 20000, FailureKind::Timeout));
    series.append(test::sampleAt(test::metricsStartMs + 4, 5, FailureKind::Server5xx));
    const qint64 from = test::metricsStartMs;
    const qint64 to = test::metricsStartMs + 10;
    EXPECT_EQ(series.percentile(95, from, to), 120.0);
    EXPECT_EQ(series.percentile(50, from, to), 100.0);
    EXPECT_EQ(series.percentiles(from, to).count, 2);
    EXPECT_EQ(series.count(from, to), 5);
    EXPECT_EQ(series.countFailures(FailureKind::Timeout, from, to), 1);
    // A window of failures only has no latency at all.
    EXPECT_FALSE(series.percentile(95, test::metricsStartMs + 2, to).has_value());
}
