// Rollback and deploy against the real kubectl and a loopback Kubernetes API whose controller
// the test freezes and steps, and which renumbers revisions as the real one does.
#include "FakeKubeApi.h"
#include "ScriptedHealth.h"
#include "src/metrics/MetricsStore.h"
#include "src/rollout/RolloutController.h"
#include "src/rollout/RunbookLoader.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr int kWaitMs = 30'000;
const QString kV1 = QStringLiteral("example/app:v1");
const QString kV2 = QStringLiteral("example/app:v2");
const QString kV3 = QStringLiteral("example/app:v3");

// Answers every health question with what the test says production looks like.
using test::ScriptedHealth;

class RollbackSafetyTest : public ::testing::Test {
protected:
    test::FakeKubeApi kube;
    MetricsStore metrics;
    ScriptedHealth health;
    std::unique_ptr<RolloutController> controller;

    void SetUp() override
    {
        ASSERT_TRUE(kube.start());
        kube.writeManifest(kV3);
        Profile profile;
        profile.kubectl = kube.settings();
        profile.canary.watchMinutes = 1;
        auto runbook = RunbookLoader::bundledDefault();
        ASSERT_TRUE(runbook.ok());
        controller = std::make_unique<RolloutController>(profile, runbook.value(), metrics,
                                                         [] { return QList<Alert>(); });
        controller->setHealthChecker(&health);
        controller->executor().setKillGracePeriodMs(300);
    }

    StepResult run(const std::function<Status()> &start)
    {
        QSignalSpy finished(controller.get(), &RolloutController::stepFinished);
        const Status started = start();
        EXPECT_TRUE(started.ok()) << (started.failed() ? started->message.toStdString()
                                                       : std::string());
        if (started.failed())
            return {};
        EXPECT_TRUE(!finished.isEmpty() || finished.wait(kWaitMs)) << "the step never finished";
        return finished.isEmpty() ? StepResult{} : finished.first().first().value<StepResult>();
    }

    Result<RollbackTarget> prepare(const QString &revision = {}, const QString &hash = {})
    {
        QSignalSpy prepared(controller.get(), &RolloutController::rollbackPrepared);
        controller->prepareRollback(revision, hash);
        EXPECT_TRUE(!prepared.isEmpty() || prepared.wait(kWaitMs));
        if (prepared.isEmpty())
            return Error{QStringLiteral("test"), QStringLiteral("no answer")};
        return prepared.first().first().value<Result<RollbackTarget>>();
    }

    // The deploy step, with the pause landing before the controller acted on the apply.
    StepResult deployWhilePauseBeatsTheController()
    {
        kube.freezeController();
        QSignalSpy finished(controller.get(), &RolloutController::stepFinished);
        EXPECT_TRUE(controller
                        ->runStep(QStringLiteral("deploy-canary"),
                                  QStringLiteral("checklist done on paper"))
                        .ok());
        // Once the pause is in, let the controller look: a paused deployment gets no new
        // ReplicaSet, exactly as kube-controller-manager behaves.
        EXPECT_TRUE(QTest::qWaitFor(
            [&] {
                for (const QJsonValue &r : kube.mutatingRequests()) {
                    if (r.toObject().value("body").toObject().value("spec").toObject().value(
                            "paused") == QJsonValue(true))
                        return true;
                }
                return !finished.isEmpty();
            },
            kWaitMs));
        kube.stepController();
        EXPECT_TRUE(!finished.isEmpty() || finished.wait(kWaitMs));
        return finished.isEmpty() ? StepResult{} : finished.first().first().value<StepResult>();
    }

    // A real canary: the controller moved one pod to v3 before the rollout was paused.
    void makeCanaryByHand()
    {
        kube.freezeController();
        QProcess kubectl;
        const auto runKubectl = [&](const QStringList &args) {
            kubectl.start(QStringLiteral("kubectl"),
                          args + QStringList{"--kubeconfig", kube.kubeconfigPath(), "--context",
                                             "prod-eu-1", "--namespace", "shop"});
            ASSERT_TRUE(kubectl.waitForFinished(kWaitMs));
            ASSERT_EQ(kubectl.exitCode(), 0) << kubectl.readAllStandardError().toStdString();
        };
        runKubectl({"apply", "-f", kube.settings().manifest});
        kube.stepController(); // a new ReplicaSet with one pod
        runKubectl({"rollout", "pause", "deployment/app"});
        kube.stepController();
        ASSERT_TRUE(kube.podImages().contains(kV3)) << kube.podImages().join(' ').toStdString();
        ASSERT_TRUE(kube.podImages().contains(kV2));
    }
};

} // namespace

TEST_F(RollbackSafetyTest, AMissingRevisionOnAPausedDeploymentChangesNothing)
{
    kube.createDeployment(4, {kV1, kV2}, /*paused=*/true);
    const QJsonObject before = kube.deployment();

    const auto target = prepare(QStringLiteral("99"));
    ASSERT_FALSE(target.ok());
    EXPECT_TRUE(target.error().message.contains("Revision 99 does not exist"))
        << target.error().message.toStdString();

    const StepResult r = run([&] { return controller->rollback(QStringLiteral("99")); });
    EXPECT_EQ(r.outcome, StepResult::Outcome::Refused) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("Nothing was changed")) << r.message.toStdString();
    EXPECT_TRUE(kube.mutatingRequests().isEmpty()) << "the rollback touched the deployment";
    const QJsonObject after = kube.deployment();
    EXPECT_EQ(after.value("spec").toObject().value("paused"), QJsonValue(true));
    EXPECT_EQ(after.value("spec").toObject().value("template"),
              before.value("spec").toObject().value("template"));
}

TEST_F(RollbackSafetyTest, APauseThatBeatTheControllerIsNotReportedAsACanary)
{
    kube.createDeployment(4, {kV1, kV2});
    const StepResult r = deployWhilePauseBeatsTheController();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("No canary: the pause came before the controller created the "
                                   "new ReplicaSet"))
        << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("Resume briefly")) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains(kV2))
        << "it says what still serves: " << r.message.toStdString();
    EXPECT_TRUE(kube.replicaSetsCreated().isEmpty());
}

TEST_F(RollbackSafetyTest, AfterACanarylessDeployTheDefaultRollbackReturnsToWhatServedBefore)
{
    kube.createDeployment(4, {kV1, kV2});
    ASSERT_EQ(deployWhilePauseBeatsTheController().outcome, StepResult::Outcome::Failed);

    // The confirmation names the version before anything runs: v2, not "previous in history" v1.
    const auto target = prepare();
    ASSERT_TRUE(target.ok()) << target.error().message.toStdString();
    EXPECT_EQ(target.value().images, QStringList{kV2});
    EXPECT_TRUE(controller->rollbackConfirmationText(target.value()).contains(kV2));

    kube.runController();
    const StepResult r = run([&] { return controller->rollback({}, target.value().templateHash); });
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("Rolled back to revision")) << r.message.toStdString();
    EXPECT_EQ(kube.podImages(), QStringList(4, kV2));
    const QJsonObject spec = kube.deployment().value("spec").toObject();
    EXPECT_NE(spec.value("paused"), QJsonValue(true));
    for (const QJsonValue &rs : kube.replicaSetsCreated())
        EXPECT_NE(rs.toObject().value("image").toString(), kV3)
            << "a ReplicaSet of the bad version appeared during the rollback";
}

TEST_F(RollbackSafetyTest, RollingBackARealCanaryNeverAdvancesTheBadVersion)
{
    kube.createDeployment(4, {kV1, kV2});
    makeCanaryByHand();
    const int createdBefore = int(kube.replicaSetsCreated().size());

    const auto target = prepare();
    ASSERT_TRUE(target.ok()) << target.error().message.toStdString();
    EXPECT_EQ(target.value().images, QStringList{kV2});

    kube.runController();
    const StepResult r = run([&] { return controller->rollback({}, target.value().templateHash); });
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    EXPECT_EQ(kube.podImages(), QStringList(4, kV2));
    EXPECT_EQ(kube.replicaSetsCreated().size(), createdBefore) << "no ReplicaSet was created";

    // The order: pause (a no-op here), restore while paused, resume. Never unpause first.
    QStringList patches;
    for (const QJsonValue &request : kube.mutatingRequests()) {
        const QJsonObject o = request.toObject();
        patches << o.value("content_type").toString();
    }
    const qsizetype jsonPatch = patches.lastIndexOf(QStringLiteral("application/json-patch+json"));
    ASSERT_GE(jsonPatch, 0) << patches.join(' ').toStdString();
}

TEST_F(RollbackSafetyTest, RenumberedRevisionsAreFollowedAndAStaleChoiceIsRefused)
{
    kube.createDeployment(4, {kV1, kV2});
    makeCanaryByHand();
    // Revision 2 (v2) is what the person picks; the rollback renumbers it.
    const auto first = prepare(QStringLiteral("2"));
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    kube.runController();
    ASSERT_EQ(run([&] { return controller->rollback({}, first.value().templateHash); }).outcome,
              StepResult::Outcome::Ok);

    QSignalSpy read(controller.get(), &RolloutController::snapshotRead);
    controller->refreshSnapshot();
    ASSERT_TRUE(read.wait(kWaitMs));
    const auto snapshot = read.first().first().value<Result<RolloutSnapshot>>();
    ASSERT_TRUE(snapshot.ok());
    QStringList revisions;
    for (const ReplicaSetView &rs : snapshot.value().replicaSets)
        revisions << QStringLiteral("%1 %2%3")
                         .arg(rs.revision)
                         .arg(rs.images.join(','), rs.current ? " current" : "");
    EXPECT_EQ(revisions,
              (QStringList{"4 example/app:v2 current", "3 example/app:v3", "1 example/app:v1"}));

    // "revision 2" is stale now: refused before anything is touched.
    const int mutations = int(kube.mutatingRequests().size());
    const StepResult stale = run([&] { return controller->rollback(QStringLiteral("2")); });
    EXPECT_EQ(stale.outcome, StepResult::Outcome::Refused) << stale.message.toStdString();
    EXPECT_EQ(kube.mutatingRequests().size(), mutations);

    // Redeploying v3 brings its ReplicaSet back under a new number, and the read-back says so.
    kube.stepOnChange(1);
    const StepResult redeploy = run([&] {
        return controller->runStep(QStringLiteral("deploy-canary"), QStringLiteral("second try"));
    });
    EXPECT_EQ(redeploy.outcome, StepResult::Outcome::Ok) << redeploy.message.toStdString();
    EXPECT_TRUE(
        redeploy.message.contains("canary: 1 of 4 pods on revision 5, image example/app:v3"))
        << redeploy.message.toStdString();
    const auto target = prepare();
    ASSERT_TRUE(target.ok()) << target.error().message.toStdString();
    EXPECT_EQ(target.value().revision, 4);
    EXPECT_EQ(target.value().images, QStringList{kV2});
}

TEST_F(RollbackSafetyTest, ARollbackThatWorkedWhileProductionStaysUnhealthyIsToldApart)
{
    kube.createDeployment(4, {kV1, kV2});
    makeCanaryByHand();
    kube.runController();
    health.production = Error{QStringLiteral("down"), QStringLiteral("Cohere status: down")};
    const StepResult r = run([&] { return controller->rollback(); });
    EXPECT_EQ(r.outcome, StepResult::Outcome::Unhealthy) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("Rolled back to revision")) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("Cohere status: down")) << r.message.toStdString();
    EXPECT_EQ(kube.podImages(), QStringList(4, kV2));
}

TEST_F(RollbackSafetyTest, AFailedRestoreLeavesTheDeploymentPausedAndSaysWhatRuns)
{
    kube.createDeployment(4, {kV1, kV2});
    makeCanaryByHand();
    kube.runController();
    kube.rejectNext(QStringLiteral("application/json-patch+json"), 500);
    const StepResult r = run([&] { return controller->rollback(); });
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("Nothing was resumed: the deployment is paused; production "
                                   "runs example/app:v3 on 1 pod, example/app:v2 on 3 pods"))
        << r.message.toStdString();
    EXPECT_EQ(kube.deployment().value("spec").toObject().value("paused"), QJsonValue(true));
    EXPECT_EQ(kube.podImages(), (QStringList{kV2, kV2, kV2, kV3}));
}

TEST_F(RollbackSafetyTest, TheDeployReadBackReportsTheCanaryThatExists)
{
    kube.createDeployment(4, {kV1, kV2});
    // The controller acts on the apply before the pause arrives: one pod moves to v3.
    kube.stepOnChange(1);
    const StepResult r = run([&] {
        return controller->runStep(QStringLiteral("deploy-canary"), QStringLiteral("on paper"));
    });
    EXPECT_EQ(r.outcome, StepResult::Outcome::Ok) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("canary: 1 of 4 pods on revision 3, image example/app:v3; "
                                   "stable: 3 pods on revision 2, image example/app:v2"))
        << r.message.toStdString();
    ASSERT_TRUE(r.snapshot);
    EXPECT_EQ(r.snapshot->canaryState(), RolloutSnapshot::CanaryState::Canary);
}

TEST_F(RollbackSafetyTest, ARolloutThatCompletedBeforeThePauseIsNotACanary)
{
    kube.createDeployment(4, {kV1, kV2});
    kube.stepOnChange(10);
    const StepResult r = run([&] {
        return controller->runStep(QStringLiteral("deploy-canary"), QStringLiteral("on paper"));
    });
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("No canary: the rollout completed before the pause"))
        << r.message.toStdString();
}
