#include "StepExecutorFixture.h"

#include <QFileInfo>

using namespace golive;
using namespace golive::test;

TEST(StepExecutor, DeployCanaryReadsBackAppliesPausesAndVerifies)
{
    ExecutorFixture f;
    QSignalSpy actions(&f.executor, &StepExecutor::actionStarted);
    ASSERT_TRUE((f.executor.runStep("deploy-canary")).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    const QString manifest = QFileInfo(f.stub.manifestPath()).canonicalFilePath();
    EXPECT_EQ(f.stub.calls(),
              (QList<QStringList>{kReadback, QStringList{"apply", "-f", manifest} + kFlags,
                                  QStringList{"rollout", "pause", "deployment/app"} + kFlags,
                                  kReadback}));
    EXPECT_EQ(actions.size(), 4);
    ASSERT_TRUE(r.before && r.after);
    EXPECT_EQ(r.before->revision, QStringLiteral("3"));
    EXPECT_EQ(r.after->revision, QStringLiteral("4"));
    EXPECT_TRUE(r.after->paused);
    EXPECT_EQ(r.runs.size(), 4);
    EXPECT_TRUE(r.message.contains("revision 4")) << r.message.toStdString();
}

TEST(StepExecutor, ReadOnlyStepsRunExactlyTheirCommand)
{
    ExecutorFixture f;
    ASSERT_TRUE((f.executor.runStep("history")).ok());
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    ASSERT_TRUE((f.executor.runStep("status")).ok());
    const StepResult status = f.next();
    EXPECT_EQ(status.outcome, StepResult::Outcome::Ok);
    EXPECT_FALSE(status.before.has_value());
    EXPECT_EQ(f.stub.calls(),
              (QList<QStringList>{
                  QStringList{"rollout", "history", "deployment/app"} + kFlags,
                  QStringList{"rollout", "status", "deployment/app", "--watch=false"} + kFlags}));
    EXPECT_TRUE(status.runs.first().stdoutText.contains("successfully rolled out"));
}

TEST(StepExecutor, PromoteResumesWaitsAndChecksTheRolloutIsNoLongerPaused)
{
    ExecutorFixture f;
    f.stub.setState("paused", "true");
    ASSERT_TRUE((f.executor.runStep("promote")).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    EXPECT_EQ(f.stub.calls().at(2),
              QStringList({"rollout", "status", "deployment/app", "--timeout=595s"}) + kFlags);
    ASSERT_TRUE(r.after);
    EXPECT_FALSE(r.after->paused);
}

TEST(StepExecutor, PreflightAsksStagingAndTheStatusPage)
{
    ExecutorFixture f;
    ASSERT_TRUE((f.executor.runStep("preflight")).ok());
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_EQ(f.healthAsked, (QStringList{"staging", "status-page"}));
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, AnOpenGateRefusesTheStepWithoutRunningKubectl)
{
    ExecutorFixture f;
    QStringList asked;
    f.executor.setGateCheck([&](const QString &gate) {
        asked << gate;
        return QStringList{"Billing alerts configured", "Key rotation procedure documented"};
    });
    QSignalSpy started(&f.executor, &StepExecutor::stepStarted);
    ASSERT_TRUE((f.executor.runStep("deploy-canary")).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Refused);
    EXPECT_EQ(r.message,
              QStringLiteral("The gate \"deploy\" has 2 open required item(s): Billing alerts "
                             "configured; Key rotation procedure documented. Tick them, or "
                             "override with a typed reason."));
    EXPECT_EQ(asked, QStringList{"deploy"});
    EXPECT_EQ(started.size(), 1);
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, AnOverrideNeedsARealReason)
{
    ExecutorFixture f;
    f.executor.setGateCheck(
        [](const QString &) { return QStringList{"Billing alerts configured"}; });
    StepRunOptions blank;
    blank.overrideReason = "   ";
    ASSERT_TRUE((f.executor.runStep("deploy-canary", blank)).ok());
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, AnOverrideWithAReasonRunsTheStepAndIsReportedForTheRecord)
{
    ExecutorFixture f;
    f.executor.setGateCheck(
        [](const QString &) { return QStringList{"Billing alerts configured"}; });
    QSignalSpy overridden(&f.executor, &StepExecutor::gateOverridden);
    StepRunOptions options;
    options.overrideReason = " Finance confirmed alerts by phone ";
    ASSERT_TRUE((f.executor.runStep("deploy-canary", options)).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    ASSERT_EQ(overridden.size(), 1);
    EXPECT_EQ(overridden.first().at(0).toString(), QStringLiteral("deploy-canary"));
    EXPECT_EQ(overridden.first().at(1).toString(), QStringLiteral("deploy"));
    EXPECT_EQ(overridden.first().at(2).toStringList(), QStringList{"Billing alerts configured"});
    EXPECT_EQ(overridden.first().at(3).toString(),
              QStringLiteral("Finance confirmed alerts by phone"));
    EXPECT_EQ(r.overrideReason, QStringLiteral("Finance confirmed alerts by phone"));
    EXPECT_EQ(r.overriddenItems, QStringList{"Billing alerts configured"});
}

TEST(StepExecutor, RefusesAGatedStepWhenNoChecklistIsConnected)
{
    StubKubectl stub;
    StepExecutor executor(stubRunbook(), stub.settings());
    QSignalSpy finished(&executor, &StepExecutor::stepFinished);
    ASSERT_TRUE((executor.runStep("promote")).ok());
    ASSERT_TRUE(finished.wait(kWaitMs));
    const StepResult r = finished.first().first().value<StepResult>();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(r.message.contains("No checklist is connected")) << r.message.toStdString();
    EXPECT_TRUE(stub.calls().isEmpty());
}

TEST(StepExecutor, AnUnmetPreconditionRefusesTheStep)
{
    ExecutorFixture f;
    f.executor.setPreconditionCheck([](const QString &name, std::function<void(Status)> done) {
        if (name == "status-page")
            done(Error{"degraded", "status.cohere.com reports a partial outage"});
        else
            done(std::nullopt);
    });
    ASSERT_TRUE((f.executor.runStep("deploy-canary")).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Refused);
    EXPECT_EQ(
        r.message,
        QStringLiteral(
            "Precondition \"status-page\" is not met: status.cohere.com reports a partial outage"));
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, UnsafeProfileValuesRefuseTheStepBeforeAnythingRuns)
{
    ExecutorFixture f;
    KubectlSettings settings = f.stub.settings();
    settings.deployment = "--kubeconfig=/evil";
    f.executor.setSettings(settings);
    ASSERT_TRUE((f.executor.runStep("pause")).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(r.message.startsWith(
        "Step \"pause\" cannot run: kubectl.deployment \"--kubeconfig=/evil\""))
        << r.message.toStdString();
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, RefusesUnknownStepsAndASecondStepWhileOneRuns)
{
    ExecutorFixture f;
    EXPECT_EQ(f.executor.runStep("deploy-everything")->kind, QStringLiteral("unknown-step"));
    ASSERT_TRUE((f.executor.runStep("watch-canary")).ok());
    const Status busy = f.executor.runStep("promote");
    ASSERT_TRUE(busy.failed());
    EXPECT_TRUE(busy->message.contains("watch-canary")) << busy->message.toStdString();
    f.executor.cancel();
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Cancelled);
}

namespace {

CanaryVerdict verdictOf(CanaryVerdict::Overall overall)
{
    CanaryVerdict v;
    v.overall = overall;
    v.reasons << CanaryReason{QStringLiteral("5xx-share"),
                              overall == CanaryVerdict::Overall::Healthy ? CanaryReason::Mark::Pass
                                                                         : CanaryReason::Mark::Fail,
                              QStringLiteral("5xx share 0.0%")};
    return v;
}

} // namespace

TEST(StepExecutor, AWatchEndsAsItsVerdictSays)
{
    for (const auto overall : {CanaryVerdict::Overall::Healthy, CanaryVerdict::Overall::Unhealthy,
                               CanaryVerdict::Overall::InsufficientData}) {
        ExecutorFixture f;
        QSignalSpy watchStarted(&f.executor, &StepExecutor::watchStarted);
        QSignalSpy watchFinished(&f.executor, &StepExecutor::watchFinished);
        ASSERT_TRUE((f.executor.runStep("watch-canary")).ok());
        ASSERT_TRUE(arrived(watchStarted));
        EXPECT_EQ(watchStarted.first().at(1).toLongLong(), 10 * 60 * 1000);
        f.executor.setWatchVerdict(verdictOf(overall));
        f.executor.completeWatch();
        const StepResult r = f.next();
        EXPECT_EQ(r.ok(), overall == CanaryVerdict::Overall::Healthy) << r.message.toStdString();
        EXPECT_EQ(r.message, verdictOf(overall).summary() + QLatin1Char('.'));
        ASSERT_TRUE(r.verdict);
        EXPECT_EQ(r.verdict->overall, overall);
        EXPECT_EQ(watchFinished.size(), 1);
    }
}

TEST(StepExecutor, AWatchWithoutAVerdictIsNeverOk)
{
    ExecutorFixture f;
    QSignalSpy watchStarted(&f.executor, &StepExecutor::watchStarted);
    ASSERT_TRUE((f.executor.runStep("watch-canary")).ok());
    ASSERT_TRUE(arrived(watchStarted));
    f.executor.completeWatch();
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_TRUE(r.message.contains("without a verdict")) << r.message.toStdString();
}

TEST(StepExecutor, ACancelledWatchSaysSoWithItsVerdictSoFar)
{
    ExecutorFixture f;
    QSignalSpy watchStarted(&f.executor, &StepExecutor::watchStarted);
    ASSERT_TRUE((f.executor.runStep("watch-canary")).ok());
    ASSERT_TRUE(arrived(watchStarted));
    f.executor.setWatchVerdict(verdictOf(CanaryVerdict::Overall::Unhealthy));
    f.executor.cancel();
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Cancelled);
    EXPECT_TRUE(r.message.contains("of the 10:00 canary watch; verdict so far: Unhealthy"))
        << r.message.toStdString();
    ASSERT_TRUE(r.verdict);
    EXPECT_EQ(r.verdict->overall, CanaryVerdict::Overall::Unhealthy);
}

TEST(StepExecutor, TheCanaryWatchEndsByItselfAfterItsDuration)
{
    ExecutorFixture f;
    const auto book = RunbookLoader::fromJson(R"({"steps": [
        {"id": "watch-canary", "title": "W", "mutates": false, "actions": [{"watch": {"minutes": 0.002}}]},
        {"id": "rollback", "title": "R", "mutates": true, "confirm": "?",
         "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})");
    ASSERT_TRUE(book.ok()) << book.error().message.toStdString();
    f.executor.setRunbook(book.value());
    QSignalSpy watchFinished(&f.executor, &StepExecutor::watchFinished);
    QSignalSpy watchStarted(&f.executor, &StepExecutor::watchStarted);
    ASSERT_TRUE((f.executor.runStep("watch-canary")).ok());
    ASSERT_TRUE(arrived(watchStarted));
    f.executor.setWatchVerdict(verdictOf(CanaryVerdict::Overall::Healthy));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_EQ(watchFinished.size(), 1);
}

TEST(StepExecutor, CancelStopsTheRunningKubectl)
{
    ExecutorFixture f;
    f.stub.setScript({"rollout history\tignore-term\tstdout=REVISION\thang"});
    QSignalSpy output(&f.executor, &StepExecutor::output);
    ASSERT_TRUE((f.executor.runStep("history")).ok());
    ASSERT_TRUE(output.wait(kWaitMs)); // by now it ignores SIGTERM
    f.executor.cancel();
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Cancelled);
    ASSERT_EQ(r.runs.size(), 1);
    EXPECT_TRUE(r.runs.first().killed);
    EXPECT_FALSE(f.executor.isRunning());
}

TEST(StepExecutor, StreamsKubectlOutputLabelledWithTheStep)
{
    ExecutorFixture f;
    QSignalSpy output(&f.executor, &StepExecutor::output);
    ASSERT_TRUE((f.executor.runStep("history")).ok());
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    QString text;
    for (const QList<QVariant> &args : std::as_const(output)) {
        EXPECT_EQ(args.at(0).toString(), QStringLiteral("history"));
        text += args.at(1).toString();
    }
    EXPECT_TRUE(text.contains("REVISION  CHANGE-CAUSE")) << text.toStdString();
}
