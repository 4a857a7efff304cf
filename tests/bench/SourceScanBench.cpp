// The integration-code scan over a generated tree of 10 000 files (half TypeScript, half Python,
// each a copy of the faulty sample integration, 50 folders of 200 files), plus a node_modules
// folder the walk must skip. Run: ninja -C build source_scan_bench && build/tests/bench/source_scan_bench
#include "src/evidence/SourceScanner.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace golive;

namespace {

constexpr int kFolders = 50;
constexpr int kFilesPerFolder = 200;

QByteArray fixture(const char *relative)
{
    QFile file(QStringLiteral(GOLIVE_EVIDENCE_FIXTURES "/faulty/") + QLatin1String(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the fixture %s", relative);
    return file.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

QTemporaryDir &generatedTree()
{
    static QTemporaryDir dir;
    static const bool written = [] {
        const QByteArray ts = fixture("shop-api/src/cohere.ts");
        const QByteArray py = fixture("worker/jobs.py");
        for (int folder = 0; folder < kFolders; ++folder) {
            const QString path = dir.filePath(QStringLiteral("pkg%1").arg(folder));
            QDir().mkpath(path);
            for (int i = 0; i < kFilesPerFolder; ++i) {
                const bool python = i % 2 == 1;
                writeFile(QStringLiteral("%1/m%2.%3").arg(path).arg(i).arg(
                              python ? QStringLiteral("py") : QStringLiteral("ts")),
                          python ? py : ts);
            }
        }
        QDir().mkpath(dir.filePath(QStringLiteral("node_modules/cohere-ai")));
        writeFile(dir.filePath(QStringLiteral("node_modules/cohere-ai/index.js")), ts);
        return true;
    }();
    Q_UNUSED(written);
    return dir;
}

void BM_ScanTenThousandFiles(benchmark::State &state)
{
    const QList<SourceDir> dirs{SourceDir{QStringLiteral("generated"), generatedTree().path()}};
    const SourceScanner scanner(SourceScanner::bundledCatalogue(),
                                SourceScanner::bundledCatalogueName());
    int files = 0;
    for (auto _ : state) {
        const SourceScanReport report = scanner.scan(dirs);
        files = report.filesScanned;
        benchmark::DoNotOptimize(report.rules.size());
    }
    if (files != kFolders * kFilesPerFolder)
        state.SkipWithError("the scan did not read every generated file");
    state.counters["files"] = files;
}
BENCHMARK(BM_ScanTenThousandFiles)->Unit(benchmark::kSecond)->Iterations(3);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
