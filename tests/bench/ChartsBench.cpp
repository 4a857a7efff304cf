// How much the latency charts cost: a full-day redraw of the five charted probes, one append, and
// the memory of a day of samples. Run by tests/bench/run.sh (offscreen), not by ctest.
#include "FakeClock.h"
#include "ui/charts/LatencyChartView.h"
#include "ui/charts/LatencyChartsPanel.h"
#include "src/metrics/DecimationCache.h"
#include "src/metrics/LatencyWindowStats.h"
#include "src/metrics/MetricsStore.h"
#include "src/common/ProbeNames.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QPainter>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>

using namespace golive;

namespace {

constexpr qint64 daySeconds = 24 * 60 * 60;
constexpr qint64 startMs = 1'795'000'000'000;
const QSize panelSize(1280, 900);

// The five probes the panel charts: chat, embed, rerank, production and staging health.
const QStringList &chartedProbes()
{
    static const QStringList names = {QString::fromLatin1(probename::cohereChat),
                                      QString::fromLatin1(probename::cohereEmbed),
                                      QString::fromLatin1(probename::cohereRerank),
                                      QString::fromLatin1(probename::healthProduction),
                                      QString::fromLatin1(probename::healthStaging)};
    return names;
}

Sample syntheticSample(std::mt19937_64 &random, qint64 atMs)
{
    static std::lognormal_distribution<double> latency(6.0, 0.8);
    static std::uniform_int_distribution<int> roll(0, 999);
    Sample s;
    s.atMs = atMs;
    s.latencyMs = latency(random);
    const int r = roll(random);
    s.failure = r < 5    ? FailureKind::Server5xx
                : r < 10 ? FailureKind::RateLimited
                : r < 12 ? FailureKind::Timeout
                         : FailureKind::Ok;
    s.outcome = outcomeOf(s.failure);
    s.httpStatus = s.failure == FailureKind::Ok ? 200 : s.failure == FailureKind::Timeout ? 0 : 503;
    return s;
}

void fillDay(MetricsStore &store, qint64 firstMs, unsigned seed)
{
    std::mt19937_64 random(seed);
    for (qint64 t = 0; t < daySeconds; ++t) {
        for (const QString &probe : chartedProbes())
            (void)store.record(probe, syntheticSample(random, firstMs + t * 1000));
    }
}

struct DayFixture {
    test::FakeClock clock{QDateTime::fromMSecsSinceEpoch(startMs + daySeconds * 1000, Qt::UTC)};
    MetricsStore store;
    LatencyChartsPanel *panel = nullptr;
    QImage canvas{panelSize, QImage::Format_ARGB32_Premultiplied};

    DayFixture()
    {
        fillDay(store, startMs + 1000, 42);
        panel = new LatencyChartsPanel(store, GateThresholds{}, AlertThresholds{}, clock);
        panel->resize(panelSize);
        panel->setAttribute(Qt::WA_DontShowOnScreen);
        panel->show();
        panel->setRange(ChartRange::OneDay);
    }
};

DayFixture &day()
{
    static DayFixture *fixture = new DayFixture;
    return *fixture;
}

void render(DayFixture &f)
{
    QPainter painter(&f.canvas);
    f.panel->render(&painter);
}

// The first draw of the 24 h view (switching to it): decimate + every percentile point +
// replace the points of every series of the three charts, then paint the whole panel into an
// image.
void firstDrawDayAndRender(benchmark::State &state)
{
    DayFixture &f = day();
    for (auto _ : state) {
        state.PauseTiming();
        f.panel->setRange(ChartRange::OneHour); // forgets the 24 h percentile points
        state.ResumeTiming();
        f.panel->setRange(ChartRange::OneDay);
        render(f);
    }
    state.counters["samples"] = double(chartedProbes().size() * daySeconds);
}
BENCHMARK(firstDrawDayAndRender)->Unit(benchmark::kMillisecond);

// One new sample per probe a second later, then the coalesced redraw of every chart (decimate
// the newest columns, the newest percentile points, replace).
void appendASecondAndRedraw(DayFixture &f, std::mt19937_64 &random)
{
    f.clock.advanceSeconds(1);
    const qint64 now = f.clock.nowUtc().toMSecsSinceEpoch();
    for (const QString &probe : chartedProbes())
        (void)f.store.record(probe, syntheticSample(random, now));
    for (LatencyChartView *chart : f.panel->charts())
        chart->redraw();
}

// A live redraw of the 24 h view, and the paint.
void liveRedrawDayAndRender(benchmark::State &state)
{
    DayFixture &f = day();
    f.panel->setRange(ChartRange::OneDay);
    std::mt19937_64 random(9);
    for (auto _ : state) {
        appendASecondAndRedraw(f, random);
        render(f);
    }
}
BENCHMARK(liveRedrawDayAndRender)->Unit(benchmark::kMillisecond);

// The live redraw without the paint: the data side alone.
void liveRedrawDayDataOnly(benchmark::State &state)
{
    DayFixture &f = day();
    f.panel->setRange(ChartRange::OneDay);
    std::mt19937_64 random(10);
    for (auto _ : state)
        appendASecondAndRedraw(f, random);
}
BENCHMARK(liveRedrawDayDataOnly)->Unit(benchmark::kMillisecond);

void decimateDay(benchmark::State &state)
{
    DayFixture &f = day();
    const qint64 to = startMs + daySeconds * 1000;
    for (auto _ : state) {
        for (const QString &probe : chartedProbes()) {
            auto d = DecimationCache().decimate(*f.store.series(probe), to - daySeconds * 1000, to,
                                                1000);
            benchmark::DoNotOptimize(d);
        }
    }
}
BENCHMARK(decimateDay)->Unit(benchmark::kMillisecond);

void percentileLinesDay(benchmark::State &state)
{
    DayFixture &f = day();
    const qint64 to = startMs + daySeconds * 1000;
    const qint64 window = LatencyWindowStats::rollingWindowFor(daySeconds * 1000);
    for (auto _ : state) {
        for (const QString &probe : chartedProbes()) {
            // A point every LatencyChartView::percentilePixelStep pixels of a 1000 px plot.
            auto lines = LatencyWindowStats::rollingPercentiles(
                *f.store.series(probe), to - daySeconds * 1000, to,
                1000 / LatencyChartView::percentilePixelStep, window);
            benchmark::DoNotOptimize(lines);
        }
    }
}
BENCHMARK(percentileLinesDay)->Unit(benchmark::kMillisecond);

// Appending with the full panel listening: the store's O(1) ring append plus, per chart, a check
// whether a redraw is already scheduled. No series is touched.
void appendWithChartsListening(benchmark::State &state)
{
    DayFixture &f = day();
    std::mt19937_64 random(7);
    const QString probe = QString::fromLatin1(probename::cohereChat);
    qint64 t = startMs + daySeconds * 1000;
    for (auto _ : state) {
        const Sample s = syntheticSample(random, t += 1000);
        benchmark::DoNotOptimize(f.store.record(probe, s));
    }
}
BENCHMARK(appendWithChartsListening);

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
