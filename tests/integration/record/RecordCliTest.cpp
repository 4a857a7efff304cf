#include "src/checklist/BundledChecklist.h"
#include "src/console/ReleaseRecorder.h"
#include "src/release/ReleaseRecord.h"
#include "src/release/ReleaseSession.h"
#include "src/release/ReleaseStore.h"

#include "FakeClock.h"
#include "GoliveProcess.h"
#include "QStringPrinter.h"
#include "TestEnvironment.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

using test::GoliveRun;

class RecordCliTest : public ::testing::Test {
protected:
    QTemporaryDir dataDir;
    test::FakeClock clock;
    QString releaseId;
    QString recordPath;

    void SetUp() override
    {
        ReleaseStore store(dataDir.path(), clock);
        const auto release = store.createRelease(
            QStringLiteral("GA launch"), BundledChecklist::markdown(), QStringLiteral("bundled"));
        ASSERT_TRUE(release.ok());
        releaseId = release.value().id;
        const QString folder = store.releaseFolder(releaseId).value();
        auto record = ReleaseRecord::open(folder, clock);
        ASSERT_TRUE(record.ok());
        recordPath = record.value()->path();
        ReleaseRecorder recorder(*record.value());
        recorder.recordReleaseCreated(release.value());
        for (int i = 0; i < 5; ++i) {
            clock.advanceSeconds(10);
            recorder.recordProbeResult(QStringLiteral("cohere-chat"), QStringLiteral("healthy"),
                                       300 + i * 50, 200, {});
        }
    }

    GoliveRun run(const QStringList &arguments) const
    {
        return test::runGolive(QStringList{QStringLiteral("--data-dir"), dataDir.path()} +
                               arguments);
    }
};

} // namespace

TEST_F(RecordCliTest, VerifySaysIntactAndExitsZero)
{
    const GoliveRun result = run({QStringLiteral("verify")});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(result.out.trimmed(), QStringLiteral("intact (7 events)"));
}

TEST_F(RecordCliTest, VerifyNamesTheBrokenLineOfATamperedRecordAndExitsOne)
{
    QFile file(recordPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    file.close();
    bytes.replace("\"latency_ms\":350", "\"latency_ms\":35");
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
    file.close();

    const GoliveRun result =
        run({QStringLiteral("verify"), QStringLiteral("--release"), releaseId});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.out.startsWith(QLatin1String("broken at line 5: ")))
        << result.out.toStdString();
}

TEST_F(RecordCliTest, VerifyOfAnUnknownReleaseIsAUsageError)
{
    const GoliveRun result =
        run({QStringLiteral("verify"), QStringLiteral("--release"), QStringLiteral("nope")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_FALSE(result.err.isEmpty());
}

TEST_F(RecordCliTest, ReportWritesAnHtmlFileWithTheChecklist)
{
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("report.html"));
    const GoliveRun result = run({QStringLiteral("report"), QStringLiteral("--format"),
                                  QStringLiteral("html"), QStringLiteral("-o"), path});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    QFile report(path);
    ASSERT_TRUE(report.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(report.readAll());
    EXPECT_TRUE(html.contains(QLatin1String("<h2>Checklist</h2>")));
    EXPECT_TRUE(html.contains(QLatin1String("GA launch")));
    EXPECT_TRUE(html.contains(QLatin1String("cohere-chat")));
    EXPECT_TRUE(html.contains(QStringLiteral("☐</span>Staging environment tested and verified")))
        << "the bundled checklist's items, open";
}

TEST_F(RecordCliTest, ReportWithABadFormatOrNoOutputIsAUsageError)
{
    EXPECT_EQ(run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("pdf"),
                   QStringLiteral("-o"), QStringLiteral("x.pdf")})
                  .exitCode,
              2);
    EXPECT_EQ(
        run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("md")}).exitCode,
        2);
}
