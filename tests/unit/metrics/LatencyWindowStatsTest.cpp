#include "src/metrics/LatencyWindowStats.h"
#include "MetricsTestSamples.h"
#include "src/metrics/RollingPercentileCache.h"

#include <algorithm>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr qint64 startMs = test::metricsStartMs;

Sample at(qint64 ms, double latencyMs)
{
    return test::sampleAt(ms, latencyMs);
}

SampleSeries noisyHour(unsigned seed)
{
    return test::seriesOf(test::noisyHour(seed));
}

} // namespace

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
