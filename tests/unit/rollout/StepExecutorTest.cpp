#include "rollout/StepExecutor.h"
#include "StubKubectl.h"
#include "rollout/RunbookLoader.h"

#include <QFileInfo>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace golive;
using golive::test::StubKubectl;

namespace {

constexpr int kWaitMs = 10'000;
const QStringList kFlags = {"--context", "stub-context", "--namespace", "shop"};
const QStringList kReadback = QStringList{"get", "deployment/app", "-o", "json"} + kFlags;

// Signals emitted from inside the call that starts a step are already in the spy.
bool arrived(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(kWaitMs);
}

Runbook defaultRunbook()
{
    auto book = RunbookLoader::bundledDefault();
    EXPECT_TRUE(book.ok());
    return book.value();
}

// An executor over the default runbook and the stub, with every gate closed and every check green
// unless a test says otherwise.
struct Fixture {
    StubKubectl stub;
    StepExecutor executor{defaultRunbook(), stub.settings()};
    QSignalSpy finished{&executor, &StepExecutor::stepFinished};
    QStringList healthAsked;

    Fixture()
    {
        executor.setKillGracePeriodMs(300);
        executor.setGateCheck([](const QString &) { return QStringList(); });
        executor.setPreconditionCheck(
            [](const QString &, std::function<void(Status)> done) { done(std::nullopt); });
        executor.setHealthCheck([this](const QString &target, std::function<void(Status)> done) {
            healthAsked << target;
            done(std::nullopt);
        });
    }

    StepResult next()
    {
        if (finished.isEmpty()) {
            EXPECT_TRUE(finished.wait(kWaitMs)) << "no step finished";
        }
        if (finished.isEmpty())
            return {};
        return finished.takeFirst().first().value<StepResult>();
    }
};

} // namespace

TEST(StepExecutor, DeployCanaryReadsBackAppliesPausesAndVerifies)
{
    Fixture f;
    QSignalSpy actions(&f.executor, &StepExecutor::actionStarted);
    ASSERT_FALSE(f.executor.runStep("deploy-canary"));
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
    Fixture f;
    ASSERT_FALSE(f.executor.runStep("history"));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    ASSERT_FALSE(f.executor.runStep("status"));
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
    Fixture f;
    f.stub.setState("paused", "true");
    ASSERT_FALSE(f.executor.runStep("promote"));
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    EXPECT_EQ(f.stub.calls().at(2),
              QStringList({"rollout", "status", "deployment/app", "--timeout=595s"}) + kFlags);
    ASSERT_TRUE(r.after);
    EXPECT_FALSE(r.after->paused);
}

TEST(StepExecutor, PreflightAsksStagingAndTheStatusPage)
{
    Fixture f;
    ASSERT_FALSE(f.executor.runStep("preflight"));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_EQ(f.healthAsked, (QStringList{"staging", "status-page"}));
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, AnOpenGateRefusesTheStepWithoutRunningKubectl)
{
    Fixture f;
    QStringList asked;
    f.executor.setGateCheck([&](const QString &gate) {
        asked << gate;
        return QStringList{"Billing alerts configured", "Key rotation procedure documented"};
    });
    QSignalSpy started(&f.executor, &StepExecutor::stepStarted);
    ASSERT_FALSE(f.executor.runStep("deploy-canary"));
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
    Fixture f;
    f.executor.setGateCheck(
        [](const QString &) { return QStringList{"Billing alerts configured"}; });
    StepRunOptions blank;
    blank.overrideReason = "   ";
    ASSERT_FALSE(f.executor.runStep("deploy-canary", blank));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, AnOverrideWithAReasonRunsTheStepAndIsReportedForTheRecord)
{
    Fixture f;
    f.executor.setGateCheck(
        [](const QString &) { return QStringList{"Billing alerts configured"}; });
    QSignalSpy overridden(&f.executor, &StepExecutor::gateOverridden);
    StepRunOptions options;
    options.overrideReason = " Finance confirmed alerts by phone ";
    ASSERT_FALSE(f.executor.runStep("deploy-canary", options));
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
    StepExecutor executor(defaultRunbook(), stub.settings());
    QSignalSpy finished(&executor, &StepExecutor::stepFinished);
    ASSERT_FALSE(executor.runStep("promote"));
    ASSERT_TRUE(finished.wait(kWaitMs));
    const StepResult r = finished.first().first().value<StepResult>();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(r.message.contains("No checklist is connected")) << r.message.toStdString();
    EXPECT_TRUE(stub.calls().isEmpty());
}

TEST(StepExecutor, AnUnmetPreconditionRefusesTheStep)
{
    Fixture f;
    f.executor.setPreconditionCheck([](const QString &name, std::function<void(Status)> done) {
        if (name == "status-page")
            done(Error{"degraded", "status.cohere.com reports a partial outage"});
        else
            done(std::nullopt);
    });
    ASSERT_FALSE(f.executor.runStep("deploy-canary"));
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
    Fixture f;
    KubectlSettings settings = f.stub.settings();
    settings.deployment = "--kubeconfig=/evil";
    f.executor.setSettings(settings);
    ASSERT_FALSE(f.executor.runStep("pause"));
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(r.message.startsWith(
        "Step \"pause\" cannot run: kubectl.deployment \"--kubeconfig=/evil\""))
        << r.message.toStdString();
    EXPECT_TRUE(f.stub.calls().isEmpty());
}

TEST(StepExecutor, RefusesUnknownStepsAndASecondStepWhileOneRuns)
{
    Fixture f;
    EXPECT_EQ(f.executor.runStep("deploy-everything")->kind, QStringLiteral("unknown-step"));
    ASSERT_FALSE(f.executor.runStep("watch-canary"));
    const Status busy = f.executor.runStep("promote");
    ASSERT_TRUE(busy.has_value());
    EXPECT_TRUE(busy->message.contains("watch-canary")) << busy->message.toStdString();
    f.executor.cancel();
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Cancelled);
}

TEST(StepExecutor, TheCanaryWatchEndsWhenTheVerdictIsIn)
{
    Fixture f;
    QSignalSpy watchStarted(&f.executor, &StepExecutor::watchStarted);
    QSignalSpy watchFinished(&f.executor, &StepExecutor::watchFinished);
    ASSERT_FALSE(f.executor.runStep("watch-canary"));
    ASSERT_TRUE(arrived(watchStarted));
    EXPECT_EQ(watchStarted.first().at(1).toLongLong(), 10 * 60 * 1000);
    f.executor.completeWatch();
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_EQ(watchFinished.size(), 1);
}

TEST(StepExecutor, TheCanaryWatchEndsByItselfAfterItsDuration)
{
    Fixture f;
    const auto book = RunbookLoader::fromJson(R"({"steps": [
        {"id": "watch-canary", "title": "W", "mutates": false, "actions": [{"watch": {"minutes": 0.002}}]},
        {"id": "rollback", "title": "R", "mutates": true, "confirm": "?",
         "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})");
    ASSERT_TRUE(book.ok()) << book.error().message.toStdString();
    f.executor.setRunbook(book.value());
    QSignalSpy watchFinished(&f.executor, &StepExecutor::watchFinished);
    ASSERT_FALSE(f.executor.runStep("watch-canary"));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_EQ(watchFinished.size(), 1);
}

TEST(StepExecutor, RollbackUndoesWaitsReadsBackAndChecksProduction)
{
    Fixture f;
    ASSERT_FALSE(f.executor.rollback());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    EXPECT_EQ(f.stub.calls(),
              (QList<QStringList>{
                  kReadback, QStringList{"rollout", "undo", "deployment/app"} + kFlags,
                  QStringList{"rollout", "status", "deployment/app", "--timeout=295s"} + kFlags,
                  kReadback}));
    EXPECT_EQ(f.healthAsked, QStringList{"production"});
    ASSERT_TRUE(r.before && r.after);
    EXPECT_NE(r.before->images, r.after->images);
}

TEST(StepExecutor, RollbackIsNeverGated)
{
    Fixture f;
    bool gateAsked = false;
    f.executor.setGateCheck([&](const QString &) {
        gateAsked = true;
        return QStringList{"Everything"};
    });
    ASSERT_FALSE(f.executor.runStep("rollback"));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_FALSE(gateAsked);
}

TEST(StepExecutor, RollbackToAChosenRevision)
{
    Fixture f;
    ASSERT_FALSE(f.executor.rollback("2"));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_EQ(f.stub.calls().at(1),
              QStringList({"rollout", "undo", "deployment/app", "--to-revision=2"}) + kFlags);

    ASSERT_FALSE(f.executor.rollback("two"));
    const StepResult refused = f.next();
    EXPECT_EQ(refused.outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(refused.message.contains("Revision \"two\" is not a positive whole number"))
        << refused.message.toStdString();

    StepRunOptions options;
    options.revision = "2";
    ASSERT_FALSE(f.executor.runStep("pause", options));
    EXPECT_EQ(f.next().message, QStringLiteral("The step \"pause\" does not take a revision."));
}

TEST(StepExecutor, ARollbackThatChangedNothingIsReportedAsFailed)
{
    Fixture f;
    f.stub.setScript(
        {"rollout undo\tstdout=deployment.apps/app rolled back"}); // but nothing changes
    ASSERT_FALSE(f.executor.rollback());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_EQ(r.message, QStringLiteral("The deployment did not change: still revision 3, image "
                                        "example.com/app:v3, not paused, 3/3 ready."));
    ASSERT_TRUE(r.before && r.after);
    EXPECT_EQ(*r.before, *r.after);
}

TEST(StepExecutor, APauseThatDidNotPauseIsReportedAsFailed)
{
    Fixture f;
    f.stub.setScript(
        {"rollout pause\tstdout=deployment.apps/app paused"}); // but spec.paused stays false
    ASSERT_FALSE(f.executor.runStep("pause"));
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_EQ(r.message,
              QStringLiteral("The deployment is not paused after the step; it should be paused."));
}

TEST(StepExecutor, AFailedKubectlStopsTheStepWithKubectlsReason)
{
    Fixture f;
    f.stub.setScript(
        {"rollout undo\tstderr=Error from server (Forbidden): deployments.apps \"app\" is "
         "forbidden: User \"ci\" cannot patch resource \"deployments\"\texit=1"});
    ASSERT_FALSE(f.executor.rollback());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_TRUE(
        r.message.startsWith("kubectl rollout undo deployment/app failed: The cluster denied "
                             "permission (RBAC)"))
        << r.message.toStdString();
    EXPECT_EQ(f.stub.calls().size(), 2) << "nothing ran after the failure";
    EXPECT_TRUE(f.healthAsked.isEmpty());
}

TEST(StepExecutor, AnUnhealthyProductionFailsTheRollback)
{
    Fixture f;
    f.executor.setHealthCheck([](const QString &, std::function<void(Status)> done) {
        done(Error{"down", "/api/health answered 503"});
    });
    ASSERT_FALSE(f.executor.rollback());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_EQ(r.message,
              QStringLiteral("The production health check failed: /api/health answered 503"));
}

TEST(StepExecutor, AHealthCheckThatNeverAnswersTimesOut)
{
    Fixture f;
    const auto book = RunbookLoader::fromJson(R"({"steps": [
        {"id": "rollback", "title": "R", "mutates": true, "confirm": "?", "timeout_s": 1,
         "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}, {"health": "production"}]}]})");
    ASSERT_TRUE(book.ok()) << book.error().message.toStdString();
    f.executor.setRunbook(book.value());
    f.executor.setHealthCheck([](const QString &, std::function<void(Status)>) {});
    ASSERT_FALSE(f.executor.rollback());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_EQ(r.message, QStringLiteral("The production health check did not answer within 1 s."));
}

TEST(StepExecutor, AHangingKubectlFailsTheStepAtItsTimeout)
{
    Fixture f;
    const auto book = RunbookLoader::fromJson(R"({"steps": [
        {"id": "rollback", "title": "R", "mutates": true, "confirm": "?", "timeout_s": 1,
         "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})");
    ASSERT_TRUE(book.ok());
    f.executor.setRunbook(book.value());
    f.stub.setScript({"rollout undo\thang"});
    ASSERT_FALSE(f.executor.rollback());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_TRUE(r.message.endsWith("failed: kubectl did not finish within 1 s and was stopped."))
        << r.message.toStdString();
    EXPECT_EQ(r.runs.last().outcome, KubectlOutcome::TimedOut);
}

TEST(StepExecutor, RollbackCancelsTheRunningWatchAndStartsAtOnce)
{
    Fixture f;
    QSignalSpy watchStarted(&f.executor, &StepExecutor::watchStarted);
    QSignalSpy actions(&f.executor, &StepExecutor::actionStarted);
    ASSERT_FALSE(f.executor.runStep("watch-canary"));
    ASSERT_TRUE(arrived(watchStarted));
    ASSERT_FALSE(f.executor.rollback());
    const StepResult watch = f.next();
    EXPECT_EQ(watch.stepId, QStringLiteral("watch-canary"));
    EXPECT_EQ(watch.outcome, StepResult::Outcome::Cancelled);
    const StepResult rollback = f.next();
    EXPECT_EQ(rollback.stepId, QStringLiteral("rollback"));
    EXPECT_EQ(rollback.outcome, StepResult::Outcome::Ok) << rollback.message.toStdString();
    EXPECT_EQ(actions.first().at(0).toString(), QStringLiteral("rollback"));
}

TEST(StepExecutor, RollbackCancelsARunningKubectlThenStartsItsOwn)
{
    Fixture f;
    f.stub.setScript({"apply\tstdout=applying\thang"});
    QSignalSpy output(&f.executor, &StepExecutor::output);
    ASSERT_FALSE(f.executor.runStep("deploy-canary"));
    // Wait until the apply itself (after the readback) is running.
    while (output.isEmpty() || output.last().at(1).toString() != "applying\n")
        ASSERT_TRUE(output.wait(kWaitMs));

    ASSERT_FALSE(f.executor.rollback());
    EXPECT_EQ(f.executor.rollback()->message, QStringLiteral("A rollback is already running."));
    const StepResult deploy = f.next();
    EXPECT_EQ(deploy.outcome, StepResult::Outcome::Cancelled);
    EXPECT_TRUE(deploy.message.contains("The deployment may already have changed"))
        << deploy.message.toStdString();
    EXPECT_EQ(deploy.runs.last().outcome, KubectlOutcome::Cancelled);

    const StepResult rollback = f.next();
    EXPECT_EQ(rollback.outcome, StepResult::Outcome::Ok) << rollback.message.toStdString();
    EXPECT_EQ(f.stub.calls().at(2), kReadback);
    EXPECT_EQ(f.stub.calls().at(3), QStringList({"rollout", "undo", "deployment/app"}) + kFlags);
    // From the rollback request to rollback's first kubectl process: only the terminate in between.
    const qint64 latencyMs = rollback.runs.first().startedAtMs - rollback.requestedAtMs;
    EXPECT_GE(latencyMs, 0);
    EXPECT_LT(latencyMs, 2'000);
}

TEST(StepExecutor, CancelStopsTheRunningKubectl)
{
    Fixture f;
    f.stub.setScript({"rollout history\tignore-term\tstdout=REVISION\thang"});
    QSignalSpy output(&f.executor, &StepExecutor::output);
    ASSERT_FALSE(f.executor.runStep("history"));
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
    Fixture f;
    QSignalSpy output(&f.executor, &StepExecutor::output);
    ASSERT_FALSE(f.executor.runStep("history"));
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    QString text;
    for (const QList<QVariant> &args : std::as_const(output)) {
        EXPECT_EQ(args.at(0).toString(), QStringLiteral("history"));
        text += args.at(1).toString();
    }
    EXPECT_TRUE(text.contains("REVISION  CHANGE-CAUSE")) << text.toStdString();
}
