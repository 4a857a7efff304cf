#include "src/rollout/KubectlRunner.h"
#include "StubKubectl.h"
#include "src/secrets/Redactor.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;
using golive::test::StubKubectl;

namespace {

constexpr int kWaitMs = 10'000;

KubectlRun waitForRun(QSignalSpy &finished)
{
    if (finished.isEmpty()) {
        EXPECT_TRUE(finished.wait(kWaitMs)) << "kubectl run did not report";
    }
    if (finished.isEmpty())
        return {};
    return finished.first().first().value<KubectlRun>();
}

} // namespace

TEST(KubectlRunner, PassesArgumentsVerbatimWithoutAShell)
{
    StubKubectl stub;
    KubectlRunner runner;
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    const QStringList args = {"get", "deployment/app", "x; touch /tmp/pwned", "$(id)", "a b"};
    ASSERT_TRUE((runner.start(stub.kubectlPath(), args, kWaitMs)).ok());
    waitForRun(finished);
    EXPECT_EQ(stub.calls(), QList<QStringList>{args});
}

TEST(KubectlRunner, CapturesOutputExitCodeAndTimes)
{
    StubKubectl stub;
    stub.setScript(
        {"rollout status\tstdout=deployment \"app\" successfully rolled out\tstderr=Waiting"});
    KubectlRunner runner;
    QSignalSpy started(&runner, &KubectlRunner::started);
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "status", "deployment/app"}, kWaitMs)).ok());
    const KubectlRun run = waitForRun(finished);
    EXPECT_TRUE(run.ok()) << run.message.toStdString();
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_EQ(run.stdoutText, QStringLiteral("deployment \"app\" successfully rolled out\n"));
    EXPECT_EQ(run.stderrText, QStringLiteral("Waiting\n"));
    EXPECT_EQ(started.size(), 1);
    EXPECT_GE(run.startedAtMs, run.requestedAtMs);
    EXPECT_GE(run.durationMs, 0);
    EXPECT_EQ(run.commandLine(), QStringLiteral("kubectl rollout status deployment/app"));
}

TEST(KubectlRunner, StreamsEachChannelBeforeTheRunEnds)
{
    StubKubectl stub;
    stub.setScript({"rollout status\tstdout=Waiting for rollout\tstderr=warning: "
                    "slow\tdelay=0.5\tstdout=done"});
    KubectlRunner runner;
    QSignalSpy output(&runner, &KubectlRunner::outputReceived);
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "status", "deployment/app"}, kWaitMs)).ok());
    QStringList out;
    QStringList err;
    while (out.join("") != "Waiting for rollout\n" || err.join("") != "warning: slow\n") {
        ASSERT_TRUE(output.wait(kWaitMs));
        for (const auto &args : std::as_const(output)) {
            (args.at(1).value<OutputChannel>() == OutputChannel::Stdout ? out : err)
                << args.at(0).toString();
        }
        output.clear();
    }
    EXPECT_TRUE(finished.isEmpty()) << "the first lines arrived only at the end";
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.stdoutText, QStringLiteral("Waiting for rollout\ndone\n"));
}

TEST(KubectlRunner, FindsKubectlOnPath)
{
    StubKubectl stub;
    KubectlRunner runner;
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE((runner.start(QString(), {"rollout", "history", "deployment/app"}, kWaitMs)).ok());
    const KubectlRun run = waitForRun(finished);
    EXPECT_TRUE(run.ok()) << run.message.toStdString();
    EXPECT_EQ(run.program, stub.kubectlPath());
    EXPECT_EQ(stub.calls().size(), 1);
}

TEST(KubectlRunner, ReportsMissingKubectlOnceWithoutStartingAnything)
{
    QTemporaryDir emptyBin;
    StubKubectl stub;
    stub.setEnv("PATH", emptyBin.path().toUtf8());
    KubectlRunner runner;
    QSignalSpy started(&runner, &KubectlRunner::started);
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE((runner.start(QString(), {"rollout", "undo", "deployment/app"}, kWaitMs)).ok());
    EXPECT_TRUE(finished.isEmpty()) << "reported from inside start()";
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, KubectlOutcome::KubectlMissing);
    EXPECT_EQ(
        run.message,
        QStringLiteral("kubectl not found: set kubectl.path in the profile or install kubectl."));
    EXPECT_EQ(started.size(), 0);
    EXPECT_EQ(run.startedAtMs, -1);
    EXPECT_FALSE(runner.isRunning());
}

TEST(KubectlRunner, NamesAConfiguredPathThatDoesNotExist)
{
    KubectlRunner runner;
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE((runner.start("/opt/nowhere/kubectl", {"version"}, kWaitMs)).ok());
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, KubectlOutcome::KubectlMissing);
    EXPECT_TRUE(run.message.contains("/opt/nowhere/kubectl")) << run.message.toStdString();
}

TEST(KubectlRunner, StopsAHangingKubectlAtTheTimeout)
{
    StubKubectl stub;
    stub.setScript({"rollout status\thang"});
    KubectlRunner runner;
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "status", "deployment/app"}, 300)).ok());
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, KubectlOutcome::TimedOut);
    EXPECT_EQ(run.message, QStringLiteral("kubectl did not finish within 0.3 s and was stopped."));
    EXPECT_FALSE(run.killed);
    EXPECT_GE(run.durationMs, 250);
}

TEST(KubectlRunner, CancelAsksPolitelyFirst)
{
    StubKubectl stub;
    stub.setScript({"rollout status\thang"});
    KubectlRunner runner;
    runner.setKillGracePeriodMs(5'000);
    QSignalSpy started(&runner, &KubectlRunner::started);
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "status", "deployment/app"}, kWaitMs)).ok());
    ASSERT_TRUE(started.wait(kWaitMs));
    runner.cancel();
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, KubectlOutcome::Cancelled);
    EXPECT_FALSE(run.killed);
    EXPECT_LT(run.durationMs, 5'000) << "it waited for the kill instead of terminating";
}

TEST(KubectlRunner, CancelKillsAKubectlThatIgnoresTerminateAfterTheGracePeriod)
{
    StubKubectl stub;
    stub.setScript({"rollout status\tignore-term\tstdout=Waiting\thang"});
    KubectlRunner runner;
    runner.setKillGracePeriodMs(300);
    QSignalSpy output(&runner, &KubectlRunner::outputReceived);
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "status", "deployment/app"}, kWaitMs)).ok());
    ASSERT_TRUE(output.wait(kWaitMs)); // by now it ignores SIGTERM
    runner.cancel();
    runner.cancel(); // a second press changes nothing
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, KubectlOutcome::Cancelled);
    EXPECT_TRUE(run.killed);
    EXPECT_TRUE(run.message.contains("ignored the request to stop and was killed"))
        << run.message.toStdString();
    EXPECT_GE(run.durationMs, 250);
    EXPECT_FALSE(finished.wait(500)) << "reported twice";
    EXPECT_EQ(finished.size(), 1);
}

TEST(KubectlRunner, RefusesASecondRunWhileOneIsInProgress)
{
    StubKubectl stub;
    stub.setScript({"rollout status\tdelay=0.2"});
    KubectlRunner runner;
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "status", "deployment/app"}, kWaitMs)).ok());
    const Status second =
        runner.start(stub.kubectlPath(), {"rollout", "undo", "deployment/app"}, kWaitMs);
    ASSERT_TRUE(second.failed());
    EXPECT_EQ(second->kind, QStringLiteral("busy"));
    EXPECT_TRUE(waitForRun(finished).ok());
    EXPECT_EQ(stub.calls(), (QList<QStringList>{{"rollout", "status", "deployment/app"}}));
}

TEST(KubectlRunner, CapsCapturedOutputAndSaysSo)
{
    StubKubectl stub;
    stub.setScript({"get\tstdout=" + QString(3000, 'x')});
    KubectlRunner runner;
    runner.setOutputCapBytes(1024);
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE((runner.start(stub.kubectlPath(), {"get", "pods"}, kWaitMs)).ok());
    const KubectlRun run = waitForRun(finished);
    EXPECT_TRUE(run.stdoutTruncated);
    EXPECT_TRUE(run.stdoutText.startsWith(QString(1024, 'x') + "\n[output truncated after 1 KiB]"))
        << run.stdoutText.left(1100).toStdString();
}

struct StderrCase {
    const char *label;
    const char *stderrLine;
    KubectlOutcome outcome;
    const char *messageStart;
};

void PrintTo(const StderrCase &c, std::ostream *os)
{
    *os << c.label;
}

class KubectlFailureKinds : public ::testing::TestWithParam<StderrCase> {};

TEST_P(KubectlFailureKinds, AreToldApartByWhatKubectlPrinted)
{
    StubKubectl stub;
    stub.setScript({QStringLiteral("rollout undo\tstderr=%1\texit=1").arg(GetParam().stderrLine)});
    KubectlRunner runner;
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "undo", "deployment/app"}, kWaitMs)).ok());
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, GetParam().outcome) << toString(run.outcome).toStdString();
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.message.startsWith(GetParam().messageStart)) << run.message.toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    KubectlRunner, KubectlFailureKinds,
    ::testing::Values(
        StderrCase{"UnableToConnect",
                   "Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout",
                   KubectlOutcome::Unreachable, "The cluster cannot be reached: Unable to connect"},
        StderrCase{"ConnectionRefused",
                   "The connection to the server 127.0.0.1:6443 was refused - did you specify the "
                   "right host or port?",
                   KubectlOutcome::Unreachable, "The cluster cannot be reached: The connection"},
        StderrCase{"UnknownContext", "error: context \"prod-us\" does not exist",
                   KubectlOutcome::UnknownContext,
                   "The context \"prod-us\" does not exist in the kubeconfig"},
        StderrCase{"NoContextWithName", "error: no context exists with the name: \"prod-us\"",
                   KubectlOutcome::UnknownContext, "The context \"prod-us\" does not exist"},
        StderrCase{
            "RbacDenied",
            "Error from server (Forbidden): deployments.apps \"app\" is forbidden: User \"ci\" "
            "cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"shop\"",
            KubectlOutcome::Forbidden, "The cluster denied permission (RBAC)"},
        StderrCase{"Unauthorized", "error: You must be logged in to the server (Unauthorized)",
                   KubectlOutcome::Unauthorized, "The cluster did not accept the credentials"},
        StderrCase{"NotFound", "Error from server (NotFound): deployments.apps \"app\" not found",
                   KubectlOutcome::NotFound, "Not found: Error from server (NotFound)"},
        StderrCase{"Other", "error: something odd happened", KubectlOutcome::Failed,
                   "kubectl exited with code 1: error: something odd happened"}),
    [](const ::testing::TestParamInfo<StderrCase> &info) { return std::string(info.param.label); });

TEST(KubectlFailure, UsesKubectlsSummaryLineAfterItsRetryNoise)
{
    const KubectlFailure f = classifyKubectlFailure(
        1,
        "E1124 memcache.go:265] couldn't get current server API group list: dial tcp 127.0.0.1:1: "
        "connect: connection refused\n"
        "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or "
        "port?\n");
    EXPECT_EQ(f.outcome, KubectlOutcome::Unreachable);
    EXPECT_TRUE(f.message.endsWith("did you specify the right host or port?"))
        << f.message.toStdString();
}

TEST(KubectlFailure, SaysWhenKubectlFailedSilently)
{
    const KubectlFailure f = classifyKubectlFailure(3, "");
    EXPECT_EQ(f.outcome, KubectlOutcome::Failed);
    EXPECT_EQ(f.message, QStringLiteral("kubectl exited with code 3 and printed no error."));
}

namespace {

// A "kubectl" that prints its environment, then a kubeconfig the way `config view --raw` does,
// the second half of the key a moment after its first half.
QString writeLeakyKubectl(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("kubectl"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(
        "#!/bin/sh\n"
        "env\n"
        "printf 'users:\\n- name: admin\\n  user:\\n    token: eyJhbGciOiJSUzI1NiJ9.secret\\n"
        "    client-key-data: LS0tLS1CRUdJTi\\n    password: hunter2\\n'\n"
        "printf 'half of the key: co-split-'; sleep 0.2; printf 'KEY-0123456789\\n'\n");
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

} // namespace

TEST(KubectlRunner, KubectlNeverSeesTheCohereKeyAndItsOutputIsRedactedBeforeAnyoneReadsIt)
{
    const QString key = QStringLiteral("co-split-KEY-0123456789");
    Redactor::registerSecret(key);
    qputenv("CO_API_KEY", key.toUtf8());
    qputenv("SOME_OTHER_NAME", ("prefix-" + key).toUtf8());
    QTemporaryDir dir;
    const QString kubectl = writeLeakyKubectl(dir);
    KubectlRunner runner;
    QSignalSpy output(&runner, &KubectlRunner::outputReceived);
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE((runner.start(kubectl, {"config", "view", "--raw"}, kWaitMs)).ok());
    const KubectlRun run = waitForRun(finished);
    qunsetenv("CO_API_KEY");
    qunsetenv("SOME_OTHER_NAME");
    Redactor::forgetSecret(key);

    QString shown;
    for (const QList<QVariant> &chunk : output)
        shown += chunk.first().toString();
    for (const QString &seen : {shown, run.stdoutText}) {
        EXPECT_FALSE(seen.contains("CO_API_KEY")) << seen.toStdString();
        EXPECT_FALSE(seen.contains("SOME_OTHER_NAME")) << "a variable holding the key is dropped";
        EXPECT_FALSE(seen.contains("co-split-"))
            << "not even half of the key: " << seen.toStdString();
        EXPECT_FALSE(seen.contains("eyJhbGciOiJSUzI1NiJ9")) << seen.toStdString();
        EXPECT_FALSE(seen.contains("LS0tLS1CRUdJTi")) << seen.toStdString();
        EXPECT_FALSE(seen.contains("hunter2")) << seen.toStdString();
        EXPECT_TRUE(seen.contains("PATH=")) << "the rest of the environment is kubectl's to use";
    }
}

namespace {

// A journal whose answers the test gives by hand, to see what the runner does before and after.
class HeldJournal : public CommandJournal {
public:
    Status problem() const override { return std::nullopt; }
    void begin(const CommandIntent &intent, QObject *context,
               std::function<void(Result<qint64>)> done) override
    {
        intents << intent;
        pending = [context, done = std::move(done)](Result<qint64> seq) {
            QMetaObject::invokeMethod(
                context, [done, seq] { done(seq); }, Qt::QueuedConnection);
        };
    }
    void end(qint64 begunSeq, const CommandIntent &, const KubectlRun &run) override
    {
        ends << qMakePair(begunSeq, run.outcome);
    }

    QList<CommandIntent> intents;
    std::function<void(Result<qint64>)> pending;
    QList<QPair<qint64, KubectlOutcome>> ends;
};

} // namespace

TEST(KubectlRunnerJournal, KubectlStartsOnlyOnceItsIntentIsWrittenAndItsEndNamesIt)
{
    StubKubectl stub;
    HeldJournal journal;
    KubectlRunner runner;
    runner.setJournal(&journal, {QStringLiteral("pause"), QString(), true});
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "pause", "deployment/app"}, kWaitMs)).ok());
    ASSERT_EQ(journal.intents.size(), 1);
    EXPECT_EQ(journal.intents.first().origin.stepId, QStringLiteral("pause"));
    EXPECT_EQ(journal.intents.first().arguments,
              (QStringList{"rollout", "pause", "deployment/app"}));
    // Not written yet: nothing ran, however long we wait for it (the event loop turns meanwhile).
    EXPECT_FALSE(finished.wait(300));
    EXPECT_TRUE(stub.calls().isEmpty());
    journal.pending(qint64(41));
    const KubectlRun run = waitForRun(finished);
    EXPECT_TRUE(run.ok()) << run.message.toStdString();
    EXPECT_EQ(stub.calls().size(), 1);
    ASSERT_EQ(journal.ends.size(), 1);
    EXPECT_EQ(journal.ends.first().first, 41);
}

TEST(KubectlRunnerJournal, AMutatingStepsCommandThatCannotBeWrittenIsNotRun)
{
    StubKubectl stub;
    HeldJournal journal;
    KubectlRunner runner;
    runner.setJournal(&journal, {QStringLiteral("deploy-canary"), QStringLiteral("deploy"), true});
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE((runner.start(stub.kubectlPath(), {"apply", "-f", "m.yaml"}, kWaitMs)).ok());
    journal.pending(Error{QStringLiteral("io"), QStringLiteral("Cannot append to the record.")});
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, KubectlOutcome::NotRecorded);
    EXPECT_TRUE(run.message.contains("Cannot append to the record.")) << run.message.toStdString();
    EXPECT_TRUE(stub.calls().isEmpty());
    EXPECT_TRUE(journal.ends.isEmpty());
}

TEST(KubectlRunnerJournal, AReadOnlyStepsCommandRunsUnrecordedWithAWarningOnStderr)
{
    StubKubectl stub;
    HeldJournal journal;
    KubectlRunner runner;
    runner.setJournal(&journal, {QStringLiteral("status"), QString(), false});
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    QSignalSpy output(&runner, &KubectlRunner::outputReceived);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "status", "deployment/app"}, kWaitMs)).ok());
    journal.pending(Error{QStringLiteral("io"), QStringLiteral("Cannot append to the record.")});
    const KubectlRun run = waitForRun(finished);
    EXPECT_TRUE(run.ok()) << run.message.toStdString();
    EXPECT_EQ(stub.calls().size(), 1);
    ASSERT_FALSE(output.isEmpty());
    EXPECT_TRUE(output.first().first().toString().contains("NOT being recorded"));
    EXPECT_EQ(output.first().at(1).value<OutputChannel>(), OutputChannel::Stderr);
}

TEST(KubectlRunnerJournal, ACancelWhileTheIntentIsBeingWrittenStartsNothingAndEndsTheIntent)
{
    StubKubectl stub;
    HeldJournal journal;
    KubectlRunner runner;
    runner.setJournal(&journal, {QStringLiteral("promote"), QStringLiteral("promote"), true});
    QSignalSpy finished(&runner, &KubectlRunner::finished);
    ASSERT_TRUE(
        (runner.start(stub.kubectlPath(), {"rollout", "resume", "deployment/app"}, kWaitMs)).ok());
    runner.cancel();
    journal.pending(qint64(7));
    const KubectlRun run = waitForRun(finished);
    EXPECT_EQ(run.outcome, KubectlOutcome::Cancelled);
    EXPECT_TRUE(stub.calls().isEmpty());
    ASSERT_EQ(journal.ends.size(), 1); // the record says it never ran, not "interrupted"
    EXPECT_EQ(journal.ends.first().first, 7);
    EXPECT_EQ(journal.ends.first().second, KubectlOutcome::Cancelled);
}
