#include "FakeClock.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/AlertEngine.h"
#include "src/metrics/MetricsStore.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace golive;

namespace {

constexpr qint64 daySeconds = 24 * 60 * 60;
constexpr qint64 startMs = 1'795'000'000'000; // an arbitrary UTC instant

// A day of probe results at one a second: log-normal latencies, a few failures.
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
                         : FailureKind::Ok;
    s.outcome = outcomeOf(s.failure);
    s.httpStatus = s.failure == FailureKind::Ok            ? 200
                   : s.failure == FailureKind::RateLimited ? 429
                                                           : 503;
    s.inputTokens = 3;
    s.outputTokens = 1;
    return s;
}

const QStringList &probeNames()
{
    static const QStringList names = {
        QString::fromLatin1(probename::healthProduction),
        QString::fromLatin1(probename::cohereChat), QString::fromLatin1(probename::cohereEmbed),
        QString::fromLatin1(probename::cohereRerank), QString::fromLatin1(probename::statusPage)};
    return names;
}

// Five full series: 5 x 86 400 = 432 000 samples.
MetricsStore &fullStore()
{
    static MetricsStore *store = [] {
        auto *s = new MetricsStore;
        std::mt19937_64 random(42);
        for (qint64 t = 0; t < daySeconds; ++t) {
            for (const QString &probe : probeNames())
                (void)s->record(probe, syntheticSample(random, startMs + t * 1000));
        }
        return s;
    }();
    return *store;
}

void appendToAFullSeries(benchmark::State &state)
{
    SampleSeries series;
    std::mt19937_64 random(1);
    qint64 t = startMs;
    for (qint64 i = 0; i < series.capacity(); ++i)
        series.append(syntheticSample(random, t += 1000));
    const Sample s = syntheticSample(random, t);
    for (auto _ : state) {
        Sample next = s;
        next.atMs = t += 1000;
        series.append(next); // evicts the oldest
        benchmark::DoNotOptimize(series);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(appendToAFullSeries);

void recordInTheStore(benchmark::State &state)
{
    MetricsStore store;
    std::mt19937_64 random(2);
    const QString probe = QString::fromLatin1(probename::cohereChat);
    const Sample s = syntheticSample(random, startMs);
    qint64 t = startMs;
    for (auto _ : state) {
        Sample next = s;
        next.atMs = t += 1000;
        benchmark::DoNotOptimize(store.record(probe, next));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(recordInTheStore);

// What the alert engine adds to each probe result: all six rules evaluated over a
// full day of five series (budget walks the UTC day; auth looks back for the last answer).
void evaluateAllRulesOverAFullDay(benchmark::State &state)
{
    MetricsStore &store = fullStore();
    test::FakeClock clock(QDateTime::fromMSecsSinceEpoch(startMs + daySeconds * 1000, Qt::UTC));
    AlertEngine engine(store, AlertThresholds{}, AlertSources::standard(CohereSettings{}), clock);
    for (auto _ : state)
        engine.evaluate();
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(evaluateAllRulesOverAFullDay)->Unit(benchmark::kMicrosecond);

// P95 of each of the five series over the last state.range(0) seconds of the day.
void p95OverFiveSeries(benchmark::State &state)
{
    MetricsStore &store = fullStore();
    const qint64 to = startMs + (daySeconds - 1) * 1000;
    const qint64 from = to - state.range(0) * 1000 + 1;
    qsizetype samples = 0;
    for (auto _ : state) {
        samples = 0;
        for (const QString &probe : probeNames()) {
            const SampleSeries *series = store.series(probe);
            benchmark::DoNotOptimize(series->percentile(95, from, to));
            samples += series->count(from, to);
        }
    }
    state.counters["samples"] = double(samples);
    state.SetItemsProcessed(state.iterations() * samples);
}
BENCHMARK(p95OverFiveSeries)
    ->Arg(5 * 60)
    ->Arg(60 * 60)
    ->Arg(daySeconds)
    ->Unit(benchmark::kMicrosecond);

// P50, P95 and P99 together, as a chart tooltip or gate would ask for them.
void p50p95p99OverFiveSeries(benchmark::State &state)
{
    MetricsStore &store = fullStore();
    const qint64 to = startMs + (daySeconds - 1) * 1000;
    const qint64 from = to - state.range(0) * 1000 + 1;
    for (auto _ : state) {
        for (const QString &probe : probeNames())
            benchmark::DoNotOptimize(store.series(probe)->percentiles(from, to));
    }
}
BENCHMARK(p50p95p99OverFiveSeries)
    ->Arg(5 * 60)
    ->Arg(60 * 60)
    ->Arg(daySeconds)
    ->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
