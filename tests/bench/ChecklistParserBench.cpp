// The Markdown checklist parsing engine (below the 2 MiB limit of every way in) on ten-megabyte
// hostile inputs, next to a baseline from the same run: an ordinary checklist of the same size.
// A hostile input may cost more per byte (it is refused with a named error, or parsed into one
// strange item), but never quadratically more: the budget is a ratio to the baseline
// (kBudgetRatio), so it holds on a slow machine as on a fast one. Exit 1 when one is over it.
//   ninja -C build checklist_parser_bench && build/tests/bench/checklist_parser_bench
#include "HostileMarkdown.h"
#include "src/checklist/ChecklistParseRun.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

using namespace golive;
using namespace golive::test;

namespace {

// A linear parser stays within a small factor of the ordinary checklist on any input of the same
// size; a quadratic pass over 10 MB is thousands of times slower.
constexpr double kBudgetRatio = 5.0;
constexpr auto kBaselineName = "baseline: ordinary checklist, 10 MB";

// Prints Google Benchmark's table as usual and keeps each run's time for the ratios.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run> &runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs)
            m_realTimeNs[run.benchmark_name()] = run.GetAdjustedRealTime();
    }
    // One line per hostile input: its time as a multiple of the baseline's, against the budget.
    bool printRatios() const
    {
        const auto baseline = m_realTimeNs.find(kBaselineName);
        if (baseline == m_realTimeNs.end() || baseline->second <= 0)
            return false;
        bool withinBudget = true;
        std::printf("\nratio to the baseline (budget: at most %.1fx)\n", kBudgetRatio);
        for (const auto &[name, time] : m_realTimeNs) {
            if (name == kBaselineName)
                continue;
            const double ratio = time / baseline->second;
            withinBudget = withinBudget && ratio <= kBudgetRatio;
            std::printf("  %-40s %6.2fx %s\n", name.c_str(), ratio,
                        ratio <= kBudgetRatio ? "ok" : "OVER BUDGET");
        }
        return withinBudget;
    }

private:
    std::map<std::string, double> m_realTimeNs;
};

// Sections of ordinary items, as a team's checklist looks: the per-byte cost to compare with.
QByteArray ordinaryChecklist()
{
    QByteArray out;
    for (int section = 0; out.size() < kTenMegabytes; ++section) {
        out += "## Section " + QByteArray::number(section) + "\n";
        for (int item = 0; item < 20; ++item)
            out += "- [ ] Retry logic with exponential backoff for 429 and 5xx `" +
                   QByteArray::number(item) + "`\n  - [x] nested detail\n";
    }
    return out;
}

void parse(benchmark::State &state, const QByteArray &input)
{
    for (auto _ : state) {
        auto result = ChecklistParseRun().run(input);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(qint64(state.iterations()) * input.size());
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    const QByteArray baseline = ordinaryChecklist();
    benchmark::RegisterBenchmark(kBaselineName,
                                 [baseline](benchmark::State &s) { parse(s, baseline); })
        ->Unit(benchmark::kMillisecond);
    for (const HostileMarkdown &c : hostileMarkdownCases()) {
        const QByteArray input = c.input();
        benchmark::RegisterBenchmark(c.name, [input](benchmark::State &s) { parse(s, input); })
            ->Unit(benchmark::kMillisecond);
    }
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const bool withinBudget = reporter.printRatios();
    benchmark::Shutdown();
    return withinBudget ? 0 : 1;
}
