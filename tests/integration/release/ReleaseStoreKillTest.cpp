#include "src/release/ReleaseStore.h"

#include "SaveLoopState.h"
#include "src/common/Clock.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <random>

using namespace golive;

namespace {

constexpr int kRuns = 48;
constexpr int kMaxSavesBeforeKill = 20;
constexpr int kMaxKillDelayMs = 5;
constexpr int kChildTimeoutMs = 15000;

// One child run: start it, let it report killAfter saves, kill it kill delay later.
struct KillRun {
    int lastReportedSave = 0;
    bool finished = false;
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    QString childErrors;
};

KillRun runAndKill(const QString &dataDir, const QString &id, int killAfter, int killDelayMs)
{
    KillRun run;
    QProcess child;
    child.setProgram(QStringLiteral(CHILD_PATH));
    child.setArguments({dataDir, id});

    QByteArray pending;
    bool killScheduled = false;
    const auto readReports = [&] {
        pending += child.readAllStandardOutput();
        for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
            const QByteArray line = pending.left(end);
            pending.remove(0, end + 1);
            if (line.startsWith("saved "))
                run.lastReportedSave = line.mid(6).toInt();
        }
    };
    const auto scheduleKillWhenDue = [&] {
        if (killScheduled || run.lastReportedSave < killAfter)
            return;
        killScheduled = true;
        QTimer::singleShot(killDelayMs, &child, &QProcess::kill); // SIGKILL on Unix
    };
    QObject::connect(&child, &QProcess::started, &child, scheduleKillWhenDue);
    QObject::connect(&child, &QProcess::readyReadStandardOutput, &child, [&] {
        readReports();
        scheduleKillWhenDue();
    });

    QSignalSpy finished(&child, &QProcess::finished);
    child.start();
    run.finished = finished.wait(kChildTimeoutMs);
    if (!run.finished) {
        child.kill();
        finished.wait(kChildTimeoutMs);
    }
    readReports(); // lines that arrived together with the kill
    run.exitStatus = child.exitStatus();
    run.childErrors = QString::fromLocal8Bit(child.readAllStandardError());
    return run;
}

} // namespace

TEST(ReleaseStoreKill, ASaveKilledAtAnyMomentLeavesTheLastOrTheNextStateAndNoCorruption)
{
    const unsigned seed = std::random_device{}();
    SCOPED_TRACE("random seed " + std::to_string(seed));
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> savesBeforeKill(0, kMaxSavesBeforeKill);
    std::uniform_int_distribution<int> killDelayMs(0, kMaxKillDelayMs);

    QTemporaryDir dataDir;
    ASSERT_TRUE(dataDir.isValid());
    ReleaseStore store(dataDir.path(), SystemClock::instance());

    int inFlightSavesFound = 0;
    for (int runIndex = 0; runIndex < kRuns; ++runIndex) {
        const int killAfter = savesBeforeKill(random);
        const int delay = killDelayMs(random);
        SCOPED_TRACE(QStringLiteral("run %1: kill %2 ms after save %3")
                         .arg(runIndex)
                         .arg(delay)
                         .arg(killAfter)
                         .toStdString());
        const auto created =
            store.createRelease(QStringLiteral("kill run %1").arg(runIndex),
                                "- [ ] survives kill -9\n", QStringLiteral("test"));
        ASSERT_TRUE(created.ok()) << created.error().message.toStdString();
        const QString id = created.value().id;

        const KillRun run = runAndKill(dataDir.path(), id, killAfter, delay);
        ASSERT_TRUE(run.finished) << "the child did not stop";
        ASSERT_EQ(run.exitStatus, QProcess::CrashExit)
            << "the child ended by itself: " << run.childErrors.toStdString();
        ASSERT_GE(run.lastReportedSave, killAfter);

        const auto loaded = store.loadState(id);
        ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
        EXPECT_TRUE(loaded.value().warnings.isEmpty())
            << loaded.value().warnings.join(QLatin1Char('\n')).toStdString();
        const ChecklistState &state = loaded.value().state;
        const bool lastReported = state == test::saveLoopState(run.lastReportedSave);
        const bool inFlight = state == test::saveLoopState(run.lastReportedSave + 1);
        EXPECT_TRUE(lastReported || inFlight)
            << "loaded " << state.size() << " items after the child reported save "
            << run.lastReportedSave;
        inFlightSavesFound += inFlight ? 1 : 0;

        const QDir folder(store.releaseFolder(id).value());
        EXPECT_TRUE(folder.entryList({QStringLiteral("*corrupt*")}, QDir::Files).isEmpty());
    }
    RecordProperty("in_flight_saves_found", inFlightSavesFound);
}
