#pragma once

#include "checklist/ChecklistModel.h"
#include "common/Clock.h"
#include "config/Profile.h"
#include "rollout/CanaryWatch.h"
#include "rollout/HealthChecker.h"
#include "rollout/StepExecutor.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace golive {

class MetricsStore;

// The one object behind both the rollout panel and `golive run`, so a headless run does exactly
// what the button does: the gate (open required items of the release's checklist), overrides
// with a typed reason, the exact command lines for the confirmation, the canary watch hooked to
// the runbook's watch action, and a rollback that is never gated and pre-empts any running step.
class RolloutController : public QObject {
    Q_OBJECT
public:
    RolloutController(Profile profile, Runbook runbook, const MetricsStore &metrics,
                      CanaryWatch::ActiveAlerts activeAlerts,
                      const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);

    // The release's checklist decides the gates; without one, the bundled checklist unticked
    // (every required item open) does.
    void setChecklist(ChecklistModel *checklist);
    ChecklistModel *checklist() const { return m_checklist; }
    // Answers preconditions and health actions. Not owned; must outlive the controller's runs.
    void setHealthChecker(HealthChecker *checker) { m_health = checker; }

    const Profile &profile() const { return m_profile; }
    const Runbook &runbook() const { return m_executor.runbook(); }
    StepExecutor &executor() { return m_executor; }
    CanaryWatch &canaryWatch() { return m_watch; }

    bool hasDeployment() const { return !m_profile.kubectl.deployment.isEmpty(); }
    bool isRunning() const { return m_executor.isRunning(); }
    QString runningStepId() const { return m_executor.runningStepId(); }

    // The required items still open for that step's gate (empty for an ungated step).
    QStringList openItems(const QString &stepId) const;
    // Each kubectl the step would run, as shell-quoted lines for people (never executed so).
    Result<QStringList> commandLines(const QString &stepId, const QString &revision = {}) const;
    // What the confirmation shows and `golive run` prints: question, context, namespace, commands.
    Result<QString> confirmationText(const QString &stepId, const QString &revision = {}) const;

    // Starts a step; an open gate needs a non-blank `overrideReason`. Errors: unknown step, a step
    // already running, a blank override reason. Gate refusals arrive as a Refused stepFinished.
    Status runStep(const QString &stepId, const QString &overrideReason = {},
                   const QString &revision = {});
    Status rollback(const QString &revision = {});
    void cancel() { m_executor.cancel(); }

    // From rollback() to the moment the rollback's first kubectl process had started; -1 before.
    qint64 lastRollbackStartLatencyMs() const { return m_lastRollbackLatencyMs; }
    const std::optional<StepResult> &lastResult() const { return m_lastResult; }
    QStringList historyRevisions() const { return m_revisions; }

    // The revisions `kubectl rollout history` lists, newest last.
    static QStringList parseHistoryRevisions(const QString &historyOutput);
    // `a 'b c'`: argv joined for display with POSIX shell quoting.
    static QString shellQuoted(const QStringList &argv);

Q_SIGNALS:
    // The open items of some gate may have changed (a tick, another release's checklist).
    void gatesChanged();
    void stepStarted(const QString &stepId);
    void actionStarted(const QString &stepId, const QStringList &arguments);
    void output(const QString &stepId, const QString &text, golive::OutputChannel channel);
    void overrideRecorded(const QString &stepId, const QString &gate, const QStringList &openItems,
                          const QString &reason);
    void stepFinished(const golive::StepResult &result);
    void rollbackStartLatencyMeasured(qint64 ms);
    void historyRead(const QStringList &revisions);
    void autoRollbackStarted(const QString &reason);

private:
    void onStepFinished(const StepResult &result);

    Profile m_profile;
    const Clock &m_clock;
    StepExecutor m_executor;
    CanaryWatch m_watch;
    QPointer<ChecklistModel> m_checklist;
    HealthChecker *m_health = nullptr;
    std::optional<qint64> m_rollbackRequestedMs;
    qint64 m_lastRollbackLatencyMs = -1;
    std::optional<StepResult> m_lastResult;
    QString m_historyText;
    QStringList m_revisions;
};

} // namespace golive
