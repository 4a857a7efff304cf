#pragma once

#include "src/rollout/CanaryVerdict.h"
#include "src/rollout/DeploymentReadback.h"
#include "src/rollout/KubectlRun.h"
#include "src/rollout/RollbackTarget.h"
#include "src/rollout/RolloutSnapshot.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace golive {

// How one run of a runbook step ended, with everything the release record keeps about it.
struct StepResult {
    enum class Outcome {
        Ok,
        Failed,    // an action failed, or the deployment did not end up as the step expects
        Cancelled, // stopped on request (or to make way for a rollback)
        Refused,   // nothing was run: gate closed without override, precondition unmet, bad values
        // The change was made and verified, but the health check after it failed (a rollback
        // that worked while production is still unhealthy): neither "ok" nor "not done".
        Unhealthy,
    };
    QString stepId;
    QString role; // the step's runbook role, if it has one
    Outcome outcome = Outcome::Failed;
    QString message; // one sentence for people
    QList<KubectlRun> runs;
    std::optional<DeploymentReadback> before; // mutating steps: read back before the first action
    std::optional<DeploymentReadback> after;  // mutating steps: read back after the change
    std::optional<RolloutSnapshot> snapshot;  // the last full read (ReplicaSets and pods), if any
    std::optional<RollbackTarget> rollbackTarget; // the version a rollback step chose
    std::optional<CanaryVerdict> verdict;         // a watch step: the verdict it ended with
    QString gate;
    QStringList overriddenItems; // open required items the override went past
    QString overrideReason;      // non-empty when the gate was overridden
    qint64 requestedAtMs = -1;   // monotonic, when runStep()/rollback() was called
    qint64 finishedAtMs = -1;

    bool ok() const { return outcome == Outcome::Ok; }
};

QString toString(StepResult::Outcome outcome);

} // namespace golive

Q_DECLARE_METATYPE(golive::StepResult)
