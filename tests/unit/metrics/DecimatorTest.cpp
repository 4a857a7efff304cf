#include "metrics/Decimator.h"
#include "metrics/LatencyWindowStats.h"
#include "metrics/RollingPercentileCache.h"

#include <algorithm>
#include <map>
#include <random>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr qint64 startMs = 1'795'000'000'000;

Sample at(qint64 ms, double latencyMs, FailureKind failure = FailureKind::Ok)
{
    Sample s;
    s.atMs = ms;
    s.latencyMs = latencyMs;
    s.failure = failure;
    s.outcome = outcomeOf(failure);
    return s;
}

// An hour at one sample a second with noisy latencies and 3 % failures of mixed kinds.
SampleSeries noisyHour(unsigned seed)
{
    SampleSeries series;
    std::mt19937 random(seed);
    std::lognormal_distribution<double> latency(5.5, 1.0);
    std::uniform_int_distribution<int> roll(0, 99);
    const FailureKind kinds[] = {FailureKind::RateLimited, FailureKind::Server5xx,
                                 FailureKind::Timeout};
    for (qint64 i = 0; i < 3600; ++i) {
        const int r = roll(random);
        series.append(at(startMs + i * 1000, latency(random), r < 3 ? kinds[r] : FailureKind::Ok));
    }
    return series;
}

bool contains(const std::vector<Sample> &points, const Sample &s)
{
    return std::find(points.begin(), points.end(), s) != points.end();
}

} // namespace

TEST(Decimator, KeepsTheFastestAndSlowestSuccessOfEveryColumn)
{
    for (unsigned seed : {1u, 2u, 3u}) {
        const SampleSeries series = noisyHour(seed);
        const qint64 from = startMs + 123'456;
        const qint64 to = startMs + 3'000'000;
        const int columns = 317;
        const DecimatedSamples d = Decimator::decimate(series, from, to, columns);

        std::map<int, std::pair<Sample, Sample>> extremes; // column -> (min, max)
        series.forEach(from, to, [&](const Sample &s) {
            if (s.failure != FailureKind::Ok)
                return;
            const int c = Decimator::columnOf(s.atMs, from, to, columns);
            auto [it, inserted] = extremes.try_emplace(c, s, s);
            if (s.latencyMs < it->second.first.latencyMs)
                it->second.first = s;
            if (s.latencyMs > it->second.second.latencyMs)
                it->second.second = s;
        });
        ASSERT_GT(extremes.size(), size_t(columns - 2));
        for (const auto &[column, minMax] : extremes) {
            EXPECT_TRUE(contains(d.line, minMax.first)) << "column " << column << " lost its min";
            EXPECT_TRUE(contains(d.line, minMax.second)) << "column " << column << " lost its max";
        }
        EXPECT_LE(d.line.size(), size_t(2 * columns));
        EXPECT_TRUE(
            std::is_sorted(d.line.begin(), d.line.end(),
                           [](const Sample &a, const Sample &b) { return a.atMs < b.atMs; }));
    }
}

TEST(Decimator, NeverDropsAFailure)
{
    const SampleSeries series = noisyHour(7);
    const DecimatedSamples d = Decimator::decimate(series, startMs, startMs + 3'600'000, 50);
    std::vector<Sample> expected;
    series.forEach(startMs, startMs + 3'600'000, [&](const Sample &s) {
        if (s.failure != FailureKind::Ok)
            expected.push_back(s);
    });
    ASSERT_GT(expected.size(), 50u);
    EXPECT_EQ(d.failures, expected);
    for (const Sample &s : d.line)
        EXPECT_EQ(s.failure, FailureKind::Ok);
}

TEST(Decimator, ASpikeInsideADenseColumnSurvives)
{
    SampleSeries series;
    for (qint64 i = 0; i < 1000; ++i)
        series.append(at(startMs + i * 1000, i == 517 ? 9'000.0 : 200.0));
    const DecimatedSamples d = Decimator::decimate(series, startMs, startMs + 999'000, 10);
    const auto peak = std::max_element(d.line.begin(), d.line.end(),
                                       [](auto &a, auto &b) { return a.latencyMs < b.latencyMs; });
    ASSERT_NE(peak, d.line.end());
    EXPECT_EQ(peak->latencyMs, 9'000.0);
    EXPECT_EQ(peak->atMs, startMs + 517'000);
}

TEST(Decimator, SamplesOutsideTheWindowAndBadArgumentsGiveNothing)
{
    SampleSeries series;
    series.append(at(startMs, 100));
    EXPECT_TRUE(Decimator::decimate(series, startMs + 1, startMs + 10, 5).line.empty());
    EXPECT_TRUE(Decimator::decimate(series, startMs, startMs, 0).line.empty());
    EXPECT_TRUE(Decimator::decimate(series, startMs + 10, startMs, 5).line.empty());
    EXPECT_EQ(Decimator::decimate(series, startMs, startMs, 5).line.size(), 1u);
}

TEST(LatencyWindowStats, PercentileLinesMatchTheSeriesOnTheSameWindows)
{
    const SampleSeries series = noisyHour(11);
    const qint64 from = startMs + 600'000;
    const qint64 to = startMs + 3'599'999;
    const qint64 window = LatencyWindowStats::rollingWindowFor(to - from);
    EXPECT_EQ(window, 5 * 60'000);
    const auto points = LatencyWindowStats::rollingPercentiles(series, from, to, 240, window);
    // One point per column, on a grid of absolute times one column apart.
    ASSERT_GE(points.size(), 239u);
    ASSERT_LE(points.size(), 241u);
    const qint64 step = LatencyWindowStats::gridStep(from, to, 240);
    EXPECT_EQ(step, 12'500);
    for (size_t i = 0; i < points.size(); ++i) {
        const PercentilePoint &p = points[i];
        EXPECT_EQ(p.atMs % step, 0);
        EXPECT_GE(p.atMs, from);
        EXPECT_LE(p.atMs, to);
        if (i > 0) {
            EXPECT_EQ(p.atMs - points[i - 1].atMs, step);
        }
        const LatencyPercentiles expected = series.percentiles(p.atMs - window, p.atMs);
        EXPECT_EQ(p.p50, *expected.p50) << p.atMs;
        EXPECT_EQ(p.p95, *expected.p95) << p.atMs;
    }
}

TEST(RollingPercentileCache, GivesTheSameLinesAsComputingAfreshWhileSamplesArrive)
{
    const SampleSeries full = noisyHour(13);
    SampleSeries live;
    RollingPercentileCache cache;
    const qint64 range = 5 * 60'000;
    const qint64 window = LatencyWindowStats::rollingWindowFor(range);
    for (qsizetype i = 0; i < full.size(); ++i) {
        live.append(full.at(i));
        if (i % 37 != 0 && i != full.size() - 1)
            continue;
        // A live view: the window ends at the newest sample and scrolls with it.
        const qint64 to = full.at(i).atMs + 500;
        const auto cached = cache.points(live, to - range, to, 300, window);
        const auto fresh =
            LatencyWindowStats::rollingPercentiles(live, to - range, to, 300, window);
        ASSERT_EQ(cached.size(), fresh.size()) << i;
        for (size_t k = 0; k < fresh.size(); ++k) {
            ASSERT_EQ(cached[k].atMs, fresh[k].atMs);
            ASSERT_EQ(cached[k].p50, fresh[k].p50) << i << " " << k;
            ASSERT_EQ(cached[k].p95, fresh[k].p95) << i << " " << k;
        }
    }
    EXPECT_GT(cache.cachedPoints(), 250) << "a scrolling view reuses what cannot change";
}

TEST(LatencyWindowStats, RollingWindowGrowsWithTheRange)
{
    EXPECT_EQ(LatencyWindowStats::rollingWindowFor(5 * 60'000), 60'000);
    EXPECT_EQ(LatencyWindowStats::rollingWindowFor(60 * 60'000), 5 * 60'000);
    EXPECT_EQ(LatencyWindowStats::rollingWindowFor(24 * 60 * 60'000), 30 * 60'000);
}

TEST(LatencyWindowStats, EmptyWindowsDrawNoPoint)
{
    SampleSeries series;
    series.append(at(startMs, 100));
    series.append(at(startMs + 10 * 60'000, 300));
    const auto points = LatencyWindowStats::rollingPercentiles(series, startMs - 60'000,
                                                               startMs + 11 * 60'000, 24, 60'000);
    // A 30 s grid over 12 minutes with a 1 min window: each sample is seen by two or three
    // points, the minutes between them by none.
    ASSERT_GE(points.size(), 4u);
    ASSERT_LE(points.size(), 6u);
    for (const PercentilePoint &p : points) {
        const bool nearFirst = p.atMs >= startMs && p.atMs <= startMs + 60'000;
        EXPECT_EQ(p.p50, nearFirst ? 100 : 300) << p.atMs;
    }
}
