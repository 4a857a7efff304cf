// What the scan reads and what it skips (and counts).
#include "SourceTestSupport.h"

#include "src/evidence/SourceWalker.h"

#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::testing;

namespace {

const QByteArray kV1Client = "import cohere\nc = cohere.Client()\n";

} // namespace

TEST(SourceWalker, DependenciesVirtualEnvironmentsAndBuildOutputAreSkippedAndCounted)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("app.py"), "import cohere\nc = cohere.ClientV2()\n");
    folder.write(QStringLiteral("node_modules/cohere-ai/index.js"), kV1Client);
    folder.write(QStringLiteral(".venv/lib/site.py"), kV1Client);
    folder.write(QStringLiteral("env/pyvenv.cfg"), "home = /usr/bin\n");
    folder.write(QStringLiteral("env/lib/x.py"), kV1Client);
    folder.write(QStringLiteral("dist/bundle.js"), kV1Client);
    folder.write(QStringLiteral("ui/App.tsx"), "export {}\n");
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(report.filesScanned, 1);
    EXPECT_EQ(resultOf(report, QStringLiteral("api-v2")), EvidenceResult::Pass);
    EXPECT_EQ(report.skipped.value(QStringLiteral("node_modules")), 1);
    EXPECT_EQ(report.skipped.value(QStringLiteral("virtual environment")), 2);
    EXPECT_EQ(report.skipped.value(QStringLiteral("build output")), 1);
    EXPECT_EQ(report.skipped.value(QStringLiteral("TSX (not parsed)")), 1);
}

TEST(SourceWalker, FilesOverOneMebibyteAndBinaryFilesAreSkippedAndCounted)
{
    SnippetFolder folder;
    QByteArray big = kV1Client;
    big.append(QByteArray(SourceWalker::MaxFileBytes, '#'));
    folder.write(QStringLiteral("big.py"), big);
    folder.write(QStringLiteral("blob.js"), QByteArray("new CohereClient()\0\1\2", 21));
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(report.filesScanned, 0);
    EXPECT_EQ(report.skipped.value(QStringLiteral("over 1 MiB")), 1);
    EXPECT_EQ(report.skipped.value(QStringLiteral("binary")), 1);
}

TEST(SourceWalker, FileNamesAreRelativeToTheirSourceDir)
{
    SnippetFolder folder;
    folder.write(QStringLiteral("lib/deep/w.py"), kV1Client);
    const SourceScanReport report = folder.scan();
    EXPECT_EQ(locations(report, QStringLiteral("api-v2")),
              QStringList({QStringLiteral("src/lib/deep/w.py:2")}));
}
