#include "src/checklist/BundledChecklist.h"
#include "src/console/ReleaseRecorder.h"
#include "src/release/ReleaseRecord.h"
#include "src/release/ReleaseSession.h"
#include "src/release/ReleaseStore.h"
#include "src/secrets/RecordKeyLoader.h"

#include "FakeClock.h"
#include "GoliveProcess.h"
#include "QStringPrinter.h"
#include "TestEnvironment.h"

#include <QFile>
#include <functional>
#include <QFileInfo>
#include <QJsonObject>
#include <QSignalSpy>
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
        // Unsigned, as a machine without a keychain writes it: the same wherever the test runs.
        auto record = ReleaseRecord::open(folder, clock, RecordKey::unavailable(QStringLiteral("no keychain in this test")));
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
    const QStringList lines = result.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_GE(lines.size(), 2) << result.out.toStdString();
    EXPECT_EQ(lines.at(0), QStringLiteral("intact (7 events; 7 unsigned lines)"));
    EXPECT_EQ(lines.at(1), QStringLiteral("lines 1-7: unsigned: golive had no record key (no "
                                          "keychain in this test)"));
    EXPECT_TRUE(result.out.contains(QLatin1String("prove nothing beyond the hash chain")));
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

namespace {

void rewrite(const QString &path, const std::function<void(QList<QByteArray> &)> &change)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    file.close();
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    change(lines);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(lines.join('\n') + '\n');
}

} // namespace

// A crash tore a line, the next golive recorded the recovery, and later someone edited a line:
// verify names both, tells which is which, and exits 1 for the edit.
TEST_F(RecordCliTest, VerifyListsACrashTearAndALaterEditSeparately)
{
    rewrite(recordPath, [](QList<QByteArray> &lines) { lines.last().chop(12); });
    {
        // The torn line ends without its newline, as a crash leaves it.
        QFile file(recordPath);
        ASSERT_TRUE(file.open(QIODevice::ReadWrite));
        ASSERT_TRUE(file.resize(file.size() - 1));
    }
    {
        auto reopened = ReleaseRecord::open(QFileInfo(recordPath).path(), clock,
                                            RecordKey::unavailable(QStringLiteral("no keychain in this test")));
        ASSERT_TRUE(reopened.ok());
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE(reopened.value()->append(QStringLiteral("note"), QStringLiteral("alice"),
                                                 {{QStringLiteral("n"), i}}).ok());
    }
    // Lines: 1-6 as written, 7 torn, 8 recovered, 9-11 notes. Edit line 9.
    rewrite(recordPath, [](QList<QByteArray> &lines) { lines[8].replace("alice", "mallory"); });

    const GoliveRun result = run({QStringLiteral("verify")});
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    EXPECT_TRUE(result.out.startsWith(QLatin1String("broken at line 10: ")))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QLatin1String("line 7: crash tear: a write was cut short")))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QLatin1String("line 8 records the recovery")));
    EXPECT_TRUE(result.out.contains(QLatin1String("line 10: tampering: its prev hash does not "
                                                  "match line 9")))
        << result.out.toStdString();
}

// With the installation's record key in a real keychain (run under the README's
// dbus-run-session recipe; skipped without a session bus), a forged event appended with a correct
// prev hash is caught by `golive verify`.
TEST_F(RecordCliTest, VerifyCatchesAForgedEventWithTheKeychainsRecordKey)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "No D-Bus session bus: run inside dbus-run-session with an unlocked "
                        "gnome-keyring (README, Set up).";
    RecordKeyLoader loader(RecordKeyLoader::Mode::LoadOrCreate);
    QSignalSpy finished(&loader, &RecordKeyLoader::finished);
    loader.load();
    ASSERT_TRUE(finished.wait(10'000));
    ASSERT_TRUE(loader.key().available()) << loader.key().unavailableReason().toStdString();

    ReleaseStore store(dataDir.path(), clock);
    const auto release = store.createRelease(QStringLiteral("Signed"), BundledChecklist::markdown(),
                                             QStringLiteral("bundled"));
    ASSERT_TRUE(release.ok());
    const QString folder = store.releaseFolder(release.value().id).value();
    QString signedPath;
    {
        auto record = ReleaseRecord::open(folder, clock, loader.key());
        ASSERT_TRUE(record.ok());
        signedPath = record.value()->path();
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE(record.value()->append(QStringLiteral("note"), QStringLiteral("alice"),
                                               {{QStringLiteral("n"), i}}).ok());
    }
    const GoliveRun intact =
        run({QStringLiteral("verify"), QStringLiteral("--release"), release.value().id});
    EXPECT_EQ(intact.exitCode, 0) << intact.out.toStdString() << intact.err.toStdString();
    EXPECT_TRUE(intact.out.contains(QLatin1String("3 signed lines checked")))
        << intact.out.toStdString();

    rewrite(signedPath, [](QList<QByteArray> &lines) {
        const QJsonObject forged{
            {QStringLiteral("prev"), QString::fromLatin1(ReleaseRecord::lineHash(lines.last()))},
            {QStringLiteral("seq"), 4},
            {QStringLiteral("at"), QStringLiteral("2026-11-24T13:00:00.000Z")},
            {QStringLiteral("kind"), QStringLiteral("step")},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("id"), QStringLiteral("promote")},
                                                 {QStringLiteral("ok"), true}}}};
        lines.append(ReleaseRecord::sealedLine(
            forged, RecordKey::fromSecret(QByteArray(RecordKey::secretBytes, 'f'))));
    });
    const GoliveRun forged =
        run({QStringLiteral("verify"), QStringLiteral("--release"), release.value().id});
    EXPECT_EQ(forged.exitCode, 1) << forged.out.toStdString();
    EXPECT_TRUE(forged.out.startsWith(QLatin1String("broken at line 4: bad signature")))
        << forged.out.toStdString();
}
