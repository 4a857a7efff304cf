#include "src/rollout/RolloutController.h"
#include "FakeClock.h"
#include "StepExecutorFixture.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"

#include <QSignalSpy>

#include <algorithm>
#include <cstdio>

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include <gtest/gtest.h>

using namespace golive;
using namespace golive::test;

namespace {

class GreenHealth : public HealthChecker {
public:
    QStringList asked;
    void check(const QString &target, std::function<void(Status)> done) override
    {
        asked << target;
        done(std::nullopt);
    }
};

// A controller over the stub kubectl and the default runbook. No release is open, so every
// gate's required items (from the bundled checklist) are open.
struct ControllerFixture {
    StubKubectl stub;
    MetricsStore metrics;
    GreenHealth health;
    std::unique_ptr<RolloutController> controller;
    std::unique_ptr<QSignalSpy> finished;

    explicit ControllerFixture(const Clock &clock = SystemClock::instance())
    {
        Profile profile;
        profile.kubectl = stub.settings();
        controller = std::make_unique<RolloutController>(
            profile, stubRunbook(), metrics, [] { return QList<Alert>(); }, clock);
        controller->setHealthChecker(&health);
        controller->executor().setKillGracePeriodMs(300);
        finished = std::make_unique<QSignalSpy>(controller.get(), &RolloutController::stepFinished);
    }

    StepResult next()
    {
        if (finished->isEmpty()) {
            EXPECT_TRUE(finished->wait(kWaitMs)) << "no step finished";
        }
        if (finished->isEmpty())
            return {};
        return finished->takeFirst().first().value<StepResult>();
    }

    bool ranAny(const QString &verb) const
    {
        const auto calls = stub.calls();
        return std::any_of(calls.begin(), calls.end(),
                           [&](const QStringList &argv) { return argv.first() == verb; });
    }
};

} // namespace

TEST(RolloutControllerTest, DeployIsRefusedWhileRequiredItemsOfItsGateAreOpen)
{
    ControllerFixture f;
    const QStringList open = f.controller->openItems(QStringLiteral("deploy-canary"));
    EXPECT_TRUE(open.contains(QStringLiteral("prereq-staging-verified")));
    EXPECT_TRUE(f.controller->openItems(QStringLiteral("status")).isEmpty());

    ASSERT_TRUE((f.controller->runStep(QStringLiteral("deploy-canary"))).ok());
    const StepResult result = f.next();
    EXPECT_EQ(result.outcome, StepResult::Outcome::Refused);
    EXPECT_FALSE(f.ranAny(QStringLiteral("apply")));
}

TEST(RolloutControllerTest, GatesFollowTheReleasesChecklistAsItemsAreTicked)
{
    ControllerFixture f;
    const auto bundled = MarkdownChecklistParser::parse(BundledChecklist::markdown());
    ASSERT_TRUE(bundled.ok());
    golive::test::FakeClock clock;
    Checklist checklist(clock);
    checklist.reset(bundled.value(), {});

    QSignalSpy changed(f.controller.get(), &RolloutController::gatesChanged);
    f.controller->setChecklist(&checklist);
    EXPECT_EQ(changed.size(), 1);
    const QStringList before = f.controller->openItems(QStringLiteral("deploy-canary"));
    ASSERT_TRUE(before.contains(QStringLiteral("prereq-staging-verified")));

    checklist.tick(QStringLiteral("prereq-staging-verified"));
    EXPECT_EQ(changed.size(), 2);
    const QStringList after = f.controller->openItems(QStringLiteral("deploy-canary"));
    EXPECT_EQ(after.size(), before.size() - 1);
    EXPECT_FALSE(after.contains(QStringLiteral("prereq-staging-verified")));
}

TEST(RolloutControllerTest, AnOverrideNeedsATypedReasonAndIsRecorded)
{
    ControllerFixture f;
    const auto blank =
        f.controller->runStep(QStringLiteral("deploy-canary"), QStringLiteral("   "));
    ASSERT_TRUE((blank).failed());
    EXPECT_EQ(blank->kind, QStringLiteral("blank-override"));

    QSignalSpy overridden(f.controller.get(), &RolloutController::overrideRecorded);
    ASSERT_TRUE((f.controller->runStep(QStringLiteral("deploy-canary"),
                                       QStringLiteral("Signed off by the CTO in the meeting")))
                    .ok());
    const StepResult result = f.next();
    EXPECT_EQ(result.outcome, StepResult::Outcome::Ok) << result.message.toStdString();
    ASSERT_EQ(overridden.size(), 1);
    EXPECT_EQ(overridden.first().at(0).toString(), QStringLiteral("deploy-canary"));
    EXPECT_EQ(overridden.first().at(1).toString(), QStringLiteral("deploy"));
    EXPECT_TRUE(
        overridden.first().at(2).toStringList().contains(QStringLiteral("prereq-pipeline")));
    EXPECT_EQ(overridden.first().at(3).toString(),
              QStringLiteral("Signed off by the CTO in the meeting"));
    EXPECT_TRUE(f.ranAny(QStringLiteral("apply")));
    EXPECT_EQ(f.health.asked, (QStringList{"staging-health", "status-page"}));
    ASSERT_TRUE(result.before && result.after);
    EXPECT_FALSE(result.before->paused);
    EXPECT_TRUE(result.after->paused);
}

TEST(RolloutControllerTest, ConfirmationNamesTheContextAndTheExactCommands)
{
    ControllerFixture f;
    const auto text =
        f.controller->confirmationText(QStringLiteral("rollback"), QStringLiteral("2"));
    ASSERT_TRUE(text.ok()) << text.error().message.toStdString();
    EXPECT_TRUE(text.value().contains(QStringLiteral("Context: stub-context")));
    EXPECT_TRUE(text.value().contains(
        f.stub.kubectlPath() +
        QStringLiteral(" patch deployment/app --type=merge -p '{\"spec\":{\"paused\":false}}' "
                       "--context stub-context --namespace shop")))
        << text.value().toStdString();
    EXPECT_TRUE(
        text.value().contains(QStringLiteral("rollout undo deployment/app --to-revision=2")));
    EXPECT_FALSE(
        f.controller->confirmationText(QStringLiteral("rollback"), QStringLiteral("two")).ok());
}

TEST(RolloutControllerTest, ShellQuotingIsForDisplayAndRoundTripsOddArguments)
{
    EXPECT_EQ(RolloutController::shellQuoted({"kubectl", "a b", "it's", "--x=1"}),
              QStringLiteral("kubectl 'a b' 'it'\\''s' --x=1"));
}

TEST(RolloutControllerTest, RollbackCancelsTheRunningStepThenRollsBack)
{
    ControllerFixture f;
    f.stub.setScript({"rollout status\thang"});
    QSignalSpy actions(f.controller.get(), &RolloutController::actionStarted);
    ASSERT_TRUE((f.controller->runStep(QStringLiteral("status"))).ok());
    ASSERT_TRUE(arrived(actions));
    f.stub.setScript({});
    ASSERT_TRUE((f.controller->rollback()).ok());

    EXPECT_EQ(f.next().outcome, StepResult::Outcome::Cancelled);
    const StepResult rollback = f.next();
    EXPECT_EQ(rollback.stepId, QStringLiteral("rollback"));
    EXPECT_EQ(rollback.outcome, StepResult::Outcome::Ok) << rollback.message.toStdString();
    const auto calls = f.stub.calls();
    EXPECT_TRUE(calls.contains(kUnpause));
    EXPECT_TRUE(calls.contains(QStringList{"rollout", "undo", "deployment/app"} + kFlags));
    EXPECT_GE(f.controller->lastRollbackStartLatencyMs(), 0);
}

TEST(RolloutControllerTest, RollbackStartLatencyIsMeasuredAndSmall)
{
    ControllerFixture f;
    std::vector<qint64> latencies;
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE((f.controller->rollback()).ok());
        const StepResult result = f.next();
        ASSERT_EQ(result.stepId, QStringLiteral("rollback"));
        latencies.push_back(f.controller->lastRollbackStartLatencyMs());
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("rollback start latency over 20 runs: min %lld ms, median %lld ms, max %lld ms\n",
                static_cast<long long>(latencies.front()), static_cast<long long>(latencies[10]),
                static_cast<long long>(latencies.back()));
    EXPECT_GE(latencies.front(), 0);
    EXPECT_LT(latencies[10], 50) << "median from rollback() to kubectl started";
}

TEST(RolloutControllerTest, TheWatchStepEndsWhenTheCanaryWatchHasItsVerdict)
{
    FakeClock clock;
    ControllerFixture f(clock);
    QSignalSpy verdicts(&f.controller->canaryWatch(), &CanaryWatch::finished);
    QSignalSpy window(&f.controller->canaryWatch(), &CanaryWatch::windowStarted);
    ASSERT_TRUE((f.controller->runStep(QStringLiteral("watch-canary"))).ok());
    ASSERT_TRUE(arrived(window));
    clock.advanceSeconds(600);
    f.controller->canaryWatch().evaluate();
    ASSERT_EQ(verdicts.size(), 1);
    // No probe sample in the window: the watch says so, it never passes.
    const StepResult r = f.next();
    EXPECT_EQ(r.outcome, StepResult::Outcome::Failed);
    EXPECT_TRUE(r.message.startsWith("Insufficient data")) << r.message.toStdString();
    ASSERT_TRUE(r.verdict);
    EXPECT_EQ(r.verdict->overall, CanaryVerdict::Overall::InsufficientData);
    EXPECT_FALSE(f.controller->promoteConcern().isEmpty());
}

TEST(RolloutControllerTest, PromoteNeedsAReasonUnlessTheCurrentCanaryWasWatchedHealthy)
{
    ControllerFixture f;
    const auto refused = f.controller->runStep(QStringLiteral("promote"));
    ASSERT_TRUE((refused).failed());
    EXPECT_TRUE(refused->message.contains("the current canary was not watched"))
        << refused->message.toStdString();
    EXPECT_TRUE(f.stub.calls().isEmpty());

    QSignalSpy overrides(f.controller.get(), &RolloutController::overrideRecorded);
    ASSERT_TRUE((f.controller->runStep(QStringLiteral("promote"),
                                       QStringLiteral("watched the dashboards by hand")))
                    .ok());
    ASSERT_GE(overrides.size(), 1);
    // First, before the step's gate and its first kubectl: the record holds it before anything
    // runs.
    EXPECT_EQ(overrides.first().at(1).toString(), QStringLiteral("canary-verdict"));
    EXPECT_EQ(overrides.first().at(3).toString(), QStringLiteral("watched the dashboards by hand"));
    f.next();
}
