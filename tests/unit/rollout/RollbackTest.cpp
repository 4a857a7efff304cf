#include "StepExecutorFixture.h"

using namespace golive;
using namespace golive::test;

TEST(Rollback, UndoesWaitsReadsBackAndChecksProduction)
{
    ExecutorFixture f;
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    EXPECT_EQ(f.stub.calls(),
              (QList<QStringList>{
                  kReadback, kUnpause, QStringList{"rollout", "undo", "deployment/app"} + kFlags,
                  QStringList{"rollout", "status", "deployment/app", "--timeout=295s"} + kFlags,
                  kReadback}));
    EXPECT_EQ(f.healthAsked, QStringList{"production"});
    ASSERT_TRUE(r.before && r.after);
    EXPECT_NE(r.before->images, r.after->images);
}

TEST(Rollback, BacksOutAPausedCanary)
{
    ExecutorFixture f;
    ASSERT_TRUE((f.executor.runStep("deploy-canary")).ok());
    const StepResult canary = f.next();
    ASSERT_EQ(canary.outcome, StepResult::Outcome::Ok) << canary.message.toStdString();
    ASSERT_TRUE(canary.after && canary.after->paused);

    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    ASSERT_TRUE(r.after);
    EXPECT_FALSE(r.after->paused);
    EXPECT_EQ(r.after->images, QStringList{"example.com/app:v3"})
        << "back to the image before the canary";
}

TEST(Rollback, WithoutUnpausingAPausedCanaryFailsWithKubectlsReason)
{
    ExecutorFixture f;
    f.stub.setState("paused", "true");
    f.stub.setScript({"patch\tstdout=deployment.apps/app patched"}); // but it stays paused
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_TRUE(r.message.contains("you cannot rollback a paused deployment"))
        << r.message.toStdString();
}

TEST(Rollback, IsNeverGated)
{
    ExecutorFixture f;
    bool gateAsked = false;
    f.executor.setGateCheck([&](const QString &) {
        gateAsked = true;
        return QStringList{"Everything"};
    });
    ASSERT_TRUE((f.executor.runStep("rollback")).ok());
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_FALSE(gateAsked);
}

TEST(Rollback, ToAChosenRevision)
{
    ExecutorFixture f;
    ASSERT_TRUE((f.executor.rollback("2")).ok());
    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Ok);
    EXPECT_EQ(f.stub.calls().at(2),
              QStringList({"rollout", "undo", "deployment/app", "--to-revision=2"}) + kFlags);

    ASSERT_TRUE((f.executor.rollback("two")).ok());
    const StepResult refused = f.next();
    EXPECT_EQ(refused.outcome, StepResult::Outcome::Refused);
    EXPECT_TRUE(refused.message.contains("Revision \"two\" is not a positive whole number"))
        << refused.message.toStdString();

    StepRunOptions options;
    options.revision = "2";
    ASSERT_TRUE((f.executor.runStep("pause", options)).ok());
    EXPECT_EQ(f.next().message, QStringLiteral("The step \"pause\" does not take a revision."));
}

TEST(Rollback, ThatChangedNothingIsReportedAsFailed)
{
    ExecutorFixture f;
    f.stub.setScript(
        {"rollout undo\tstdout=deployment.apps/app rolled back"}); // but nothing changes
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_EQ(r.message, QStringLiteral("The deployment did not change: still revision 3, image "
                                        "example.com/app:v3, not paused, 3/3 ready."));
    ASSERT_TRUE(r.before && r.after);
    EXPECT_EQ(*r.before, *r.after);
}

TEST(PostCondition, APauseThatDidNotPauseIsReportedAsFailed)
{
    ExecutorFixture f;
    f.stub.setScript(
        {"rollout pause\tstdout=deployment.apps/app paused"}); // but spec.paused stays false
    ASSERT_TRUE((f.executor.runStep("pause")).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_EQ(r.message,
              QStringLiteral("The deployment is not paused after the step; it should be paused."));
}

TEST(Rollback, AFailedKubectlStopsItWithKubectlsReason)
{
    ExecutorFixture f;
    f.stub.setScript(
        {"rollout undo\tstderr=Error from server (Forbidden): deployments.apps \"app\" is "
         "forbidden: User \"ci\" cannot patch resource \"deployments\"\texit=1"});
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_TRUE(
        r.message.startsWith("kubectl rollout undo deployment/app failed: The cluster denied "
                             "permission (RBAC)"))
        << r.message.toStdString();
    const auto calls = f.stub.calls();
    ASSERT_GE(calls.size(), 3);
    for (qsizetype i = 3; i < calls.size(); ++i)
        EXPECT_EQ(calls.at(i).first(), QStringLiteral("get"))
            << "only reads of the state it left ran after the failure";
    EXPECT_TRUE(f.healthAsked.isEmpty());
}

TEST(Rollback, AnUnhealthyProductionFailsTheRollback)
{
    ExecutorFixture f;
    f.executor.setHealthCheck([](const QString &, std::function<void(Status)> done) {
        done(Error{"down", "/api/health answered 503"});
    });
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    // The change happened and was verified: amber, with both facts, not "not done".
    EXPECT_EQ(r.outcome, StepResult::Outcome::Unhealthy);
    EXPECT_EQ(r.message, QStringLiteral("The change was made, verified (deployment now: revision "
                                        "4, image example.com/app:v2, not paused, 3/3 ready), but "
                                        "the production health check still fails: /api/health "
                                        "answered 503"));
}

TEST(Rollback, AHealthCheckThatNeverAnswersTimesOut)
{
    ExecutorFixture f;
    const auto book = RunbookLoader::fromJson(R"({"steps": [
        {"id": "rollback", "title": "R", "mutates": true, "confirm": "?", "timeout_s": 1,
         "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}, {"health": "production"}]}]})");
    ASSERT_TRUE(book.ok()) << book.error().message.toStdString();
    f.executor.setRunbook(book.value());
    f.executor.setHealthCheck([](const QString &, std::function<void(Status)>) {});
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_EQ(r.message, QStringLiteral("The production health check did not answer within 1 s."));
}

TEST(Rollback, AHangingKubectlFailsItAtTheStepTimeout)
{
    ExecutorFixture f;
    const auto book = RunbookLoader::fromJson(R"({"steps": [
        {"id": "rollback", "title": "R", "mutates": true, "confirm": "?", "timeout_s": 1,
         "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})");
    ASSERT_TRUE(book.ok());
    f.executor.setRunbook(book.value());
    f.stub.setScript({"rollout undo\thang"});
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_TRUE(r.message.contains("failed: kubectl did not finish within 1 s and was stopped."))
        << r.message.toStdString();
    EXPECT_TRUE(std::any_of(r.runs.cbegin(), r.runs.cend(), [](const KubectlRun &run) {
        return run.outcome == KubectlOutcome::TimedOut;
    }));
}

TEST(Rollback, CancelsTheRunningWatchAndStartsAtOnce)
{
    ExecutorFixture f;
    QSignalSpy watchStarted(&f.executor, &StepExecutor::watchStarted);
    QSignalSpy actions(&f.executor, &StepExecutor::actionStarted);
    ASSERT_TRUE((f.executor.runStep("watch-canary")).ok());
    ASSERT_TRUE(arrived(watchStarted));
    ASSERT_TRUE((f.executor.rollback()).ok());
    const StepResult watch = f.next();
    EXPECT_EQ(watch.stepId, QStringLiteral("watch-canary"));
    EXPECT_EQ(watch.outcome, StepResult::Outcome::Cancelled);
    const StepResult rollback = f.next();
    EXPECT_EQ(rollback.stepId, QStringLiteral("rollback"));
    EXPECT_EQ(rollback.outcome, StepResult::Outcome::Ok) << rollback.message.toStdString();
    EXPECT_EQ(actions.first().at(0).toString(), QStringLiteral("rollback"));
}

TEST(Rollback, CancelsARunningKubectlThenStartsItsOwn)
{
    ExecutorFixture f;
    f.stub.setScript({"apply\tstdout=applying\thang"});
    QSignalSpy output(&f.executor, &StepExecutor::output);
    ASSERT_TRUE((f.executor.runStep("deploy-canary")).ok());
    // Wait until the apply itself (after the readback) is running.
    while (output.isEmpty() || output.last().at(1).toString() != "applying\n")
        ASSERT_TRUE(output.wait(kWaitMs));

    ASSERT_TRUE((f.executor.rollback()).ok());
    EXPECT_EQ(f.executor.rollback()->message, QStringLiteral("A rollback is already running."));
    const StepResult deploy = f.next();
    EXPECT_EQ(deploy.outcome, StepResult::Outcome::Cancelled);
    EXPECT_TRUE(deploy.message.contains("The deployment may already have changed"))
        << deploy.message.toStdString();
    EXPECT_EQ(deploy.runs.last().outcome, KubectlOutcome::Cancelled);

    const StepResult rollback = f.next();
    EXPECT_EQ(rollback.outcome, StepResult::Outcome::Ok) << rollback.message.toStdString();
    EXPECT_EQ(f.stub.calls().at(2), kReadback);
    EXPECT_EQ(f.stub.calls().at(3), kUnpause);
    EXPECT_EQ(f.stub.calls().at(4), QStringList({"rollout", "undo", "deployment/app"}) + kFlags);
    // From the rollback request to rollback's first kubectl process: only the terminate in between.
    const qint64 latencyMs = rollback.runs.first().startedAtMs - rollback.requestedAtMs;
    EXPECT_GE(latencyMs, 0);
    EXPECT_LT(latencyMs, 2'000);
}
