#include "src/metrics/DecimationCache.h"
#include "MetricsTestSamples.h"
#include "src/metrics/LatencyWindowStats.h"

#include <algorithm>
#include <map>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr qint64 startMs = test::metricsStartMs;
using test::noisyHour;
using test::seriesOf;

bool contains(const std::vector<Sample> &points, const Sample &s)
{
    return std::find(points.begin(), points.end(), s) != points.end();
}

} // namespace

TEST(DecimationCache, KeepsEveryColumnsExtremesAndEveryFailure)
{
    const SampleSeries series = seriesOf(noisyHour(5));
    const qint64 from = startMs + 123'456;
    const qint64 to = startMs + 3'000'000;
    const int columns = 317;
    DecimationCache cache;
    const DecimatedSamples d = cache.decimate(series, from, to, columns);

    const qint64 step = LatencyWindowStats::gridStep(from, to, columns);
    std::map<qint64, std::pair<Sample, Sample>> extremes; // column -> (min, max)
    std::vector<Sample> failures;
    series.forEach(from, to, [&](const Sample &s) {
        if (s.failure != FailureKind::Ok) {
            failures.push_back(s);
            return;
        }
        auto [it, inserted] = extremes.try_emplace(s.atMs / step, s, s);
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
    EXPECT_LE(d.line.size(), size_t(2 * (columns + 1)));
    EXPECT_TRUE(std::is_sorted(d.line.begin(), d.line.end(),
                               [](const Sample &a, const Sample &b) { return a.atMs < b.atMs; }));
    EXPECT_EQ(d.failures, failures);
}

TEST(DecimationCache, GivesWhatAFreshDecimationGivesWhileSamplesArriveAndTheViewScrolls)
{
    const std::vector<Sample> samples = noisyHour(17);
    SampleSeries live;
    DecimationCache cache;
    const qint64 range = 10 * 60'000;
    for (size_t i = 0; i < samples.size(); ++i) {
        live.append(samples[i]);
        if (i % 29 != 0 && i != samples.size() - 1)
            continue;
        // A live view: the window ends just after the newest sample and scrolls with it.
        const qint64 to = samples[i].atMs + 700;
        const DecimatedSamples cached = cache.decimate(live, to - range, to, 250);
        const DecimatedSamples fresh = DecimationCache().decimate(live, to - range, to, 250);
        ASSERT_EQ(cached.line, fresh.line) << "after sample " << i;
        ASSERT_EQ(cached.failures, fresh.failures) << "after sample " << i;
    }
    EXPECT_GT(cache.cachedColumns(), 240) << "a scrolling view reuses the columns that are done";
}

TEST(DecimationCache, ALateSpikeInTheNewestColumnIsNotHiddenByTheCache)
{
    SampleSeries series;
    DecimationCache cache;
    for (qint64 i = 0; i < 600; ++i) {
        Sample s;
        s.atMs = startMs + i * 1000;
        s.latencyMs = 200;
        series.append(s);
    }
    // A view reaching well past the newest sample (paused, or zoomed to a canary window): the
    // newest sample's column lies wholly inside it, but is not finished yet.
    const qint64 from = startMs;
    const qint64 to = startMs + 1'000'000;
    const int columns = 100; // 10 s columns
    (void)cache.decimate(series, from, to, columns);
    Sample spike;
    spike.atMs = startMs + 599'500; // the same column as the sample before it
    spike.latencyMs = 9'000;
    ASSERT_EQ(spike.atMs / LatencyWindowStats::gridStep(from, to, columns),
              series.last()->atMs / LatencyWindowStats::gridStep(from, to, columns));
    series.append(spike);
    const DecimatedSamples d = cache.decimate(series, from, to, columns);
    EXPECT_TRUE(contains(d.line, spike));
}

TEST(DecimationCache, ANewColumnWidthStartsOver)
{
    const SampleSeries series = seriesOf(noisyHour(23));
    DecimationCache cache;
    (void)cache.decimate(series, startMs, startMs + 1'800'000, 100);
    ASSERT_GT(cache.cachedColumns(), 90);
    const DecimatedSamples wide = cache.decimate(series, startMs, startMs + 1'800'000, 400);
    EXPECT_EQ(wide.line,
              DecimationCache().decimate(series, startMs, startMs + 1'800'000, 400).line);
    EXPECT_LE(cache.cachedColumns(), 401);
    EXPECT_GT(wide.line.size(), 700u);
}

TEST(DecimationCache, ASpikeInsideADenseColumnSurvives)
{
    SampleSeries series;
    for (qint64 i = 0; i < 1000; ++i) {
        Sample s;
        s.atMs = startMs + i * 1000;
        s.latencyMs = i == 517 ? 9'000.0 : 200.0;
        series.append(s);
    }
    const DecimatedSamples d = DecimationCache().decimate(series, startMs, startMs + 999'000, 10);
    const auto peak = std::max_element(d.line.begin(), d.line.end(),
                                       [](auto &a, auto &b) { return a.latencyMs < b.latencyMs; });
    ASSERT_NE(peak, d.line.end());
    EXPECT_EQ(peak->latencyMs, 9'000.0);
    EXPECT_EQ(peak->atMs, startMs + 517'000);
    EXPECT_LE(d.line.size(), 22u);
}

TEST(DecimationCache, SamplesOutsideTheWindowAndBadArgumentsGiveNothing)
{
    SampleSeries series;
    Sample s;
    s.atMs = startMs;
    s.latencyMs = 100;
    series.append(s);
    DecimationCache cache;
    EXPECT_TRUE(cache.decimate(series, startMs + 1, startMs + 10, 5).line.empty());
    EXPECT_TRUE(cache.decimate(series, startMs, startMs, 0).line.empty());
    EXPECT_TRUE(cache.decimate(series, startMs + 10, startMs, 5).line.empty());
    EXPECT_EQ(cache.decimate(series, startMs, startMs, 5).line.size(), 1u);
}
