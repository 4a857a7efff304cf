#pragma once

#include "StubKubectl.h"
#include "src/rollout/RunbookLoader.h"
#include "src/rollout/StepExecutor.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

namespace golive::test {

inline constexpr int kWaitMs = 10'000;
inline const QStringList kFlags = {"--context", "stub-context", "--namespace", "shop"};
inline const QStringList kReadback = QStringList{"get", "deployment/app", "-o", "json"} + kFlags;
inline const QStringList kUnpause =
    QStringList{"patch", "deployment/app", "--type=merge", "-p", R"({"spec":{"paused":false}})"} +
    kFlags;

// Signals emitted from inside the call that starts a step are already in the spy.
inline bool arrived(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(kWaitMs);
}

inline Runbook defaultRunbook()
{
    auto book = RunbookLoader::bundledDefault();
    EXPECT_TRUE(book.ok());
    return book.value();
}

// The default runbook as a team might have written it before golive chose rollback targets
// itself: the stub kubectl can answer it, since it lists no ReplicaSets. The bundled rollback and
// the deploy's canary read-back run against the fake API server (tests/integration/rollout).
inline Runbook stubRunbook()
{
    Runbook book = defaultRunbook();
    for (RunbookStep &step : book.steps) {
        step.expect.canary = false;
        if (step.id != QLatin1String("rollback"))
            continue;
        auto kubectl = [](const QStringList &args) {
            RunbookAction a;
            a.args = args;
            return a;
        };
        RunbookAction readback;
        readback.kind = RunbookAction::Kind::Readback;
        RunbookAction health;
        health.kind = RunbookAction::Kind::Health;
        health.healthTarget = QStringLiteral("production");
        step.actions = {
            kubectl({"patch", "deployment/${deployment}", "--type=merge", "-p",
                     R"({"spec":{"paused":false}})"}),
            kubectl({"rollout", "undo", "deployment/${deployment}", "--to-revision=${revision}"}),
            kubectl(
                {"rollout", "status", "deployment/${deployment}", "--timeout=${status_timeout}"}),
            readback, health};
        step.expect =
            StepExpectation{false, StepExpectation::Change::RevisionOrImage, false, false};
    }
    return book;
}

// An executor over the stub's runbook and the stub, with every gate's required items done and
// every check green unless a test says otherwise.
struct ExecutorFixture {
    StubKubectl stub;
    StepExecutor executor{stubRunbook(), stub.settings()};
    QSignalSpy finished{&executor, &StepExecutor::stepFinished};
    QStringList healthAsked;

    ExecutorFixture()
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

} // namespace golive::test
