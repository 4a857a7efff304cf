// Every production change is in the release record before it happens: the real golive binary,
// the real kubectl and the fake Kubernetes API server, whose request log says what kubectl
// really did, killed and interrupted at random instants.
#include "FakeKubeApi.h"
#include "GoliveProcess.h"
#include "LoopbackHttpServer.h"
#include "TestEnvironment.h"
#include "src/common/AtomicFile.h"
#include "src/release/RecordDigest.h"
#include "src/release/ReleaseRecord.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <csignal>
#include <functional>
#include <iostream>

using namespace golive;

namespace {

// How long the kill test keeps killing.
constexpr qint64 kKillBudgetMs = 60'000;

// The record of the only release in `dataDir` (empty when there is none).
QString recordPathIn(const QString &dataDir)
{
    const QDir releases(QDir(dataDir).filePath(QStringLiteral("releases")));
    const QStringList ids = releases.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (ids.size() != 1)
        return {};
    return QDir(releases.filePath(ids.first())).filePath(QStringLiteral("record.jsonl"));
}

QList<RecordEvent> eventsIn(const QString &dataDir)
{
    const QString path = recordPathIn(dataDir);
    if (path.isEmpty())
        return {};
    return ReleaseRecord::readEvents(path).value();
}

QList<RecordEvent> ofKind(const QList<RecordEvent> &events, const char *kind)
{
    QList<RecordEvent> out;
    for (const RecordEvent &event : events) {
        if (event.kind == QLatin1String(kind))
            out << event;
    }
    return out;
}

QStringList argvOf(const RecordEvent &event)
{
    QStringList argv;
    for (const QJsonValue &value : event.data.value(QStringLiteral("argv")).toArray())
        argv << value.toString();
    return argv;
}

// Which kubectl command sent a mutating request.
using CommandBehind = std::function<QStringList(const QJsonObject &request)>;

// In the deploy step: a PATCH that only pauses is `rollout pause`; every other change is `apply`.
QStringList deployCommandBehind(const QJsonObject &request)
{
    const QJsonObject pauseOnly{
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("paused"), true}}}};
    if (request.value(QStringLiteral("body")).toObject() == pauseOnly)
        return {QStringLiteral("rollout"), QStringLiteral("pause")};
    return {QStringLiteral("apply"), QStringLiteral("-f")};
}

bool argvRuns(const QStringList &argv, const QStringList &command)
{
    // argv = [program, verb words..., flags...]
    return argv.size() > command.size() && argv.mid(1, command.size()) == command;
}

// The kubectl processes whose parent is `pid`, from /proc.
QList<qint64> kubectlChildrenOf(qint64 pid)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 candidate = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(candidate));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
        const qsizetype close = text.lastIndexOf(')');
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        const QByteArray comm = text.mid(text.indexOf('(') + 1, close - text.indexOf('(') - 1);
        if (fields.size() > 1 && fields.at(1).toLongLong() == pid && comm == "kubectl")
            children << candidate;
    }
    return children;
}

// True once `process` has ended (it may have, unseen, while the event loop turned).
bool ended(QProcess &process, int timeoutMs = 10'000)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(timeoutMs);
}

bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2, 1) == "Z"; // a zombie runs nothing
}

// How the fake cluster's deployment controller behaves.
enum class Controller {
    Running,       // reconciles after every change
    CanaryOnApply, // one pod moves to the new version before the apply is answered: a canary
    Frozen,        // nothing moves: `rollout status` waits
};

class WriteAheadRecordTest : public ::testing::Test {
protected:
    std::unique_ptr<test::FakeKubeApi> kube;
    test::LoopbackHttpServer health;
    std::unique_ptr<QTemporaryDir> dataDir;
    QString profilePath;

    void SetUp() override
    {
        ASSERT_TRUE(health.listen());
        health.setHandler([](const test::LoopbackRequest &request) {
            if (request.path == QLatin1String("/status.json"))
                return test::LoopbackResponse::json(
                    200, QJsonObject{{"status", QJsonObject{{"indicator", "none"}}}});
            return test::LoopbackResponse::json(
                200, QJsonObject{{"status", "ok"},
                                 {"cohere", QJsonObject{{"status", "healthy"}, {"latencyMs", 90}}},
                                 {"timestamp", "2026-11-30T12:00:00.000Z"}});
        });
        freshCluster();
    }

    // A new fake API server (empty request log) with deployment "app" on v1, and a new data
    // folder with a profile that deploys v2.
    void freshCluster(const QStringList &revisions = {"example/app:v1"}, bool paused = false,
                      Controller controller = Controller::CanaryOnApply)
    {
        kube.reset();
        kube = std::make_unique<test::FakeKubeApi>();
        ASSERT_TRUE(kube->start());
        kube->createDeployment(4, revisions, paused);
        switch (controller) {
        case Controller::Running:
            kube->runController();
            break;
        case Controller::CanaryOnApply:
            kube->stepOnChange(1);
            break;
        case Controller::Frozen:
            kube->freezeController();
            break;
        }
        kube->writeManifest(QStringLiteral("example/app:v2"));
        dataDir = std::make_unique<QTemporaryDir>();
        const KubectlSettings k = kube->settings();
        profilePath = QDir(dataDir->path()).filePath(QStringLiteral("golive.json"));
        const QString json =
            QStringLiteral(R"({"kubectl": {"kubeconfig": "%1", "context": "%2", "namespace": "%3",
                "deployment": "app", "manifest": "%4"},
                "health": {"production": "%5", "staging": "%5"},
                "status_page": {"url": "%6"}})")
                .arg(k.kubeconfig, k.context, k.namespaceName, k.manifest,
                     health.url("/api/health").toString(), health.url("/status.json").toString());
        ASSERT_TRUE(writeFileAtomically(profilePath, json.toUtf8()).ok());
    }

    QStringList goliveArguments(const QStringList &run) const
    {
        return QStringList{"--data-dir", dataDir->path(), "run"} + run +
               QStringList{"--profile", profilePath};
    }

    QStringList deployArguments() const
    {
        return goliveArguments({"deploy-canary", "--yes", "--override-reason",
                                "write-ahead test: gates are not the subject"});
    }

    test::GoliveRun run(const QStringList &arguments)
    {
        return test::runGolive(goliveArguments(arguments));
    }

    // Every change the API server saw has its command-begun in the record, written before the
    // change reached the server.
    void expectEveryChangeWasRecordedFirst(const QList<RecordEvent> &events, const QString &where,
                                           const CommandBehind &commandBehind = deployCommandBehind)
    {
        const QList<RecordEvent> begun = ofKind(events, recordkind::commandBegun);
        for (const QJsonValue &value : kube->mutatingRequests()) {
            const QJsonObject request = value.toObject();
            const QStringList command = commandBehind(request);
            const QDateTime at = QDateTime::fromString(
                request.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
            bool found = false;
            for (const RecordEvent &event : begun)
                found = found || (argvRuns(argvOf(event), command) && event.atUtc <= at);
            EXPECT_TRUE(found) << where.toStdString() << ": the API server saw "
                               << request.value(QStringLiteral("method")).toString().toStdString()
                               << " "
                               << request.value(QStringLiteral("path")).toString().toStdString()
                               << " (kubectl " << command.join(' ').toStdString()
                               << ") that the record did not hold before it";
        }
    }
};

} // namespace

TEST_F(WriteAheadRecordTest,
       KilledAtAnyInstantTheRecordHoldsEveryChangeAndTheNextOpeningMarksTheCutOne)
{
    // How long a whole deploy takes here: the kill points are drawn over that span.
    const auto whole = test::runGolive(deployArguments());
    ASSERT_EQ(whole.exitCode, 0) << whole.out.toStdString() << whole.err.toStdString();
    expectEveryChangeWasRecordedFirst(eventsIn(dataDir->path()), QStringLiteral("uninterrupted"));
    QElapsedTimer measure;
    freshCluster();
    measure.start();
    ASSERT_EQ(test::runGolive(deployArguments()).exitCode, 0);
    const qint64 spanMs = measure.elapsed();

    const quint32 seed = QRandomGenerator::system()->generate();
    std::cout << "kill test seed " << seed << ", a deploy takes " << spanMs << " ms" << std::endl;
    QRandomGenerator random(seed);
    QElapsedTimer budget;
    budget.start();
    int iterations = 0;
    int cutMidCommand = 0;
    int changesSeen = 0;
    while (budget.elapsed() < kKillBudgetMs || iterations < 5) {
        freshCluster();
        const int delayMs = int(random.bounded(quint32(spanMs + 1)));
        const QString where = QStringLiteral("iteration %1 (seed %2, killed after %3 ms)")
                                  .arg(iterations)
                                  .arg(seed)
                                  .arg(delayMs);
        QProcess golive;
        golive.start(test::builtBinary(QStringLiteral("app/golive")), deployArguments());
        ASSERT_TRUE(golive.waitForStarted());
        bool killed = false;
        QTimer::singleShot(delayMs, &golive, [&] {
            if (golive.state() == QProcess::Running)
                ::kill(pid_t(golive.processId()), SIGKILL);
            killed = true;
        });
        ASSERT_TRUE(QTest::qWaitFor([&] { return killed; }, delayMs + 10'000));
        ASSERT_TRUE(ended(golive));

        const QList<RecordEvent> before = eventsIn(dataDir->path());
        changesSeen += int(kube->mutatingRequests().size());
        expectEveryChangeWasRecordedFirst(before, where);
        const QList<RecordEvent> unfinished = RecordDigest::unfinished(before);
        cutMidCommand += unfinished.isEmpty() ? 0 : 1;

        // Opening the release again (any golive run does) marks what was cut as interrupted.
        if (!recordPathIn(dataDir->path()).isEmpty()) {
            const auto reopened = run({"status"});
            EXPECT_EQ(reopened.exitCode, 0) << where.toStdString() << reopened.err.toStdString();
            const QList<RecordEvent> after = eventsIn(dataDir->path());
            EXPECT_TRUE(RecordDigest::unfinished(after).isEmpty()) << where.toStdString();
            const QList<RecordEvent> interrupted = ofKind(after, recordkind::interrupted);
            for (const RecordEvent &cut : unfinished) {
                bool named = false;
                for (const RecordEvent &event : interrupted)
                    named = named ||
                            event.data.value(QStringLiteral("begun_seq")).toInteger() == cut.seq;
                EXPECT_TRUE(named) << where.toStdString() << ": command-begun " << cut.seq
                                   << " was not recorded as interrupted";
            }
        }
        ++iterations;
    }
    std::cout << iterations << " kills, " << cutMidCommand << " while a kubectl was running, "
              << changesSeen << " changes reached the API server" << std::endl;
    EXPECT_GT(changesSeen, 0) << "no kill came late enough to test anything";
}

namespace {

// Starts `golive run promote` on a paused canary whose controller is frozen, so its
// `kubectl rollout status` waits, and returns once that kubectl runs.
struct HangingPromote {
    QProcess golive;
    qint64 kubectlPid = 0;
};

} // namespace

class WriteAheadSignalTest : public WriteAheadRecordTest,
                             public ::testing::WithParamInterface<int> {};

TEST_P(WriteAheadSignalTest, ASignalCancelsTheStepRecordsItAsInterruptedAndLeavesNoKubectl)
{
    const int signalNumber = GetParam();
    freshCluster({"example/app:v1", "example/app:v2"}, /*paused=*/true, Controller::Frozen);
    HangingPromote promote;
    promote.golive.start(test::builtBinary(QStringLiteral("app/golive")),
                         goliveArguments({"promote", "--yes", "--override-reason",
                                          "signal test: the watch is not the subject"}));
    ASSERT_TRUE(promote.golive.waitForStarted());
    QString out;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            out += QString::fromUtf8(promote.golive.readAllStandardOutput());
            if (!out.contains(QLatin1String("$ kubectl rollout status")))
                return false;
            const auto children = kubectlChildrenOf(promote.golive.processId());
            if (!children.isEmpty())
                promote.kubectlPid = children.first();
            return promote.kubectlPid > 0;
        },
        20'000))
        << out.toStdString() << promote.golive.readAllStandardError().toStdString();

    ::kill(pid_t(promote.golive.processId()), signalNumber);
    // kubectl is asked to stop and killed after the 2 s grace period at the latest.
    ASSERT_TRUE(ended(promote.golive));
    EXPECT_EQ(promote.golive.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(promote.golive.exitCode(), 128 + signalNumber);
    out += QString::fromUtf8(promote.golive.readAllStandardOutput());
    EXPECT_TRUE(out.contains(QLatin1String("cancelled:"))) << out.toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return processGone(promote.kubectlPid); }, 500))
        << "kubectl " << promote.kubectlPid << " outlived golive";

    const QList<RecordEvent> events = eventsIn(dataDir->path());
    const QList<RecordEvent> interrupted = ofKind(events, recordkind::interrupted);
    ASSERT_EQ(interrupted.size(), 1);
    EXPECT_EQ(interrupted.first().data.value(QStringLiteral("signal")).toString(),
              signalNumber == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM"));
    EXPECT_EQ(interrupted.first().data.value(QStringLiteral("step")).toString(),
              QStringLiteral("promote"));
    // Every command it began has its end: the cancelled `rollout status` included.
    EXPECT_TRUE(RecordDigest::unfinished(events).isEmpty());
    const QList<RecordEvent> steps = ofKind(events, recordkind::step);
    ASSERT_FALSE(steps.isEmpty());
    EXPECT_EQ(steps.last().data.value(QStringLiteral("outcome")).toString(),
              QStringLiteral("cancelled"));
    expectEveryChangeWasRecordedFirst(events, QStringLiteral("signal"), [](const QJsonObject &) {
        return QStringList{QStringLiteral("rollout"), QStringLiteral("resume")};
    });

    // `golive verify` names the interruption.
    const auto verified = test::runGolive({"--data-dir", dataDir->path(), "verify"});
    EXPECT_EQ(verified.exitCode, 0);
    EXPECT_TRUE(verified.out.contains(QLatin1String("interrupted: step promote interrupted by")))
        << verified.out.toStdString();
    // And so does the report.
    const QString reportPath = QDir(dataDir->path()).filePath(QStringLiteral("report.md"));
    const auto reported = test::runGolive({"--data-dir", dataDir->path(), "report", "--profile",
                                           profilePath, "--format", "md", "-o", reportPath});
    ASSERT_EQ(reported.exitCode, 0) << reported.err.toStdString();
    QFile report(reportPath);
    ASSERT_TRUE(report.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(report.readAll());
    EXPECT_TRUE(markdown.contains(QLatin1String("## Interrupted kubectl commands")));
    EXPECT_TRUE(markdown.contains(QLatin1String("step promote interrupted by")))
        << markdown.toStdString();
}

INSTANTIATE_TEST_SUITE_P(SigtermAndSigint, WriteAheadSignalTest, ::testing::Values(SIGTERM, SIGINT),
                         [](const ::testing::TestParamInfo<int> &info) {
                             return std::string(info.param == SIGINT ? "SIGINT" : "SIGTERM");
                         });

TEST_F(WriteAheadRecordTest, ARollbackOnAFreshDataFolderStartsTheFirstReleaseAndIsRecorded)
{
    freshCluster({"example/app:v1", "example/app:v2"}, false, Controller::Running);
    ASSERT_TRUE(recordPathIn(dataDir->path()).isEmpty());
    const auto result = run({"rollback", "--yes"});
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QLatin1String("started release")) &&
                result.err.contains(QLatin1String("to record this run")))
        << result.err.toStdString();

    const QList<RecordEvent> events = eventsIn(dataDir->path());
    ASSERT_FALSE(events.isEmpty()) << "the rollback was recorded nowhere";
    EXPECT_EQ(events.first().kind, QStringLiteral("release-created"));
    const QList<RecordEvent> steps = ofKind(events, recordkind::step);
    ASSERT_EQ(steps.size(), 1);
    EXPECT_EQ(steps.first().data.value(QStringLiteral("role")).toString(),
              QStringLiteral("rollback"));
    EXPECT_EQ(steps.first().data.value(QStringLiteral("outcome")).toString(), QStringLiteral("ok"));
    bool patched = false;
    for (const RecordEvent &event : ofKind(events, recordkind::commandBegun))
        patched = patched || argvRuns(argvOf(event), {QStringLiteral("patch")});
    EXPECT_TRUE(patched);
    EXPECT_FALSE(kube->mutatingRequests().isEmpty());
    expectEveryChangeWasRecordedFirst(events, QStringLiteral("rollback"), [](const QJsonObject &) {
        return QStringList{QStringLiteral("patch")};
    });
    EXPECT_TRUE(RecordDigest::unfinished(events).isEmpty());
}

TEST_F(WriteAheadRecordTest, ADamagedRecordRefusesAMutatingStepBeforeKubectlAndWarnsOnAReadOnlyOne)
{
    freshCluster();
    ASSERT_EQ(run({"status"}).exitCode, 0); // the first release and its record
    const QString recordPath = recordPathIn(dataDir->path());
    ASSERT_FALSE(recordPath.isEmpty());
    QFile record(recordPath);
    ASSERT_TRUE(record.open(QIODevice::Append));
    record.write("garbage written by something else\n");
    record.close();
    const qsizetype requestsBefore = kube->requests().size();

    const auto refused = test::runGolive(deployArguments());
    EXPECT_EQ(refused.exitCode, 2) << refused.out.toStdString() << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QLatin1String("is not an event")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QLatin1String("golive verify --release")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QLatin1String("new release"))) << refused.err.toStdString();
    EXPECT_TRUE(kube->mutatingRequests().isEmpty());
    EXPECT_EQ(kube->requests().size(), requestsBefore) << "kubectl ran for a refused step";

    const auto status = run({"status"});
    EXPECT_EQ(status.exitCode, 0) << status.err.toStdString();
    EXPECT_TRUE(status.err.contains(QLatin1String("NOT being recorded")))
        << status.err.toStdString();
    EXPECT_TRUE(status.out.contains(QLatin1String("$ kubectl rollout status")))
        << status.out.toStdString();

    // The way out the refusal names: a new release records again, and the damaged one is kept.
    const auto started = test::runGolive({"--data-dir", dataDir->path(), "release", "new"});
    EXPECT_EQ(started.exitCode, 0) << started.err.toStdString();
    EXPECT_TRUE(QFile::exists(recordPath));
    const auto recorded = run({"status"});
    EXPECT_EQ(recorded.exitCode, 0);
    EXPECT_FALSE(recorded.err.contains(QLatin1String("NOT being recorded")))
        << recorded.err.toStdString();
}

TEST_F(WriteAheadRecordTest, TheResultLineIsPrintedOnlyOnceTheRecordHoldsTheStep)
{
    freshCluster();
    for (int attempt = 0; attempt < 5; ++attempt) {
        const qsizetype stepsBefore = ofKind(eventsIn(dataDir->path()), recordkind::step).size();
        QProcess golive;
        golive.start(test::builtBinary(QStringLiteral("app/golive")), goliveArguments({"status"}));
        ASSERT_TRUE(golive.waitForStarted());
        bool sawResult = false;
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                while (golive.canReadLine()) {
                    const QByteArray line = golive.readLine();
                    if (!line.startsWith("ok:"))
                        continue;
                    // The moment the result shows, the record already holds the step.
                    const QList<RecordEvent> steps =
                        ofKind(eventsIn(dataDir->path()), recordkind::step);
                    EXPECT_EQ(steps.size(), stepsBefore + 1) << "attempt " << attempt;
                    if (!steps.isEmpty()) {
                        EXPECT_EQ(steps.last().data.value(QStringLiteral("id")).toString(),
                                  QStringLiteral("status"));
                    }
                    sawResult = true;
                }
                return sawResult;
            },
            20'000));
        ASSERT_TRUE(ended(golive));
        EXPECT_EQ(golive.exitCode(), 0);
    }
}

TEST_F(WriteAheadRecordTest, TheWindowClosesOnSigtermAsGoliveRunDoes)
{
    QProcess window;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    window.setProcessEnvironment(environment);
    window.start(test::builtBinary(QStringLiteral("app/golive")),
                 {"--data-dir", dataDir->path(), "--profile", profilePath});
    ASSERT_TRUE(window.waitForStarted());
    // Probe samples are recorded once the window is up and monitoring: its event loop runs.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !ofKind(eventsIn(dataDir->path()), recordkind::probeSample).isEmpty(); },
        20'000));
    ::kill(pid_t(window.processId()), SIGTERM);
    ASSERT_TRUE(ended(window));
    EXPECT_EQ(window.exitStatus(), QProcess::NormalExit) << "SIGTERM killed the window outright";
    EXPECT_EQ(window.exitCode(), 143);
}
