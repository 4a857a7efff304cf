#pragma once

#include "src/common/Clock.h"
#include "src/config/KubectlSettings.h"
#include "src/rollout/Runbook.h"
#include "src/rollout/StepResult.h"
#include "src/rollout/StepRun.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace golive {

// Runs the runbook's steps one at a time through kubectl. The UI confirms, then calls runStep();
// rollback() is never gated and pre-empts whatever is running: the running step is cancelled and
// the rollback's first kubectl starts as soon as the previous process is gone.
class StepExecutor : public QObject {
    Q_OBJECT
public:
    StepExecutor(Runbook runbook, KubectlSettings settings,
                 const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~StepExecutor() override;

    void setRunbook(Runbook runbook) { m_runbook = std::move(runbook); }
    void setSettings(KubectlSettings settings) { m_settings = std::move(settings); }
    void setGateCheck(GateCheck check) { m_callbacks.gate = std::move(check); }
    void setPreconditionCheck(AsyncCheck check) { m_callbacks.precondition = std::move(check); }
    void setHealthCheck(AsyncCheck check) { m_callbacks.health = std::move(check); }
    void setKillGracePeriodMs(int ms) { m_graceMs = ms; }
    // Where each step's kubectl commands are written before they start (not owned; null: nowhere).
    void setJournal(CommandJournal *journal) { m_journal = journal; }
    CommandJournal *journal() const { return m_journal; }

    const Runbook &runbook() const { return m_runbook; }

    // Starts a step: stepStarted, then exactly one stepFinished (refusals included). Returns an
    // error, and emits nothing, for an unknown step id or while another step runs.
    // Running the rollback step is rollback().
    Status runStep(const QString &stepId, const StepRunOptions &options = {});

    // Rolls back now (optionally to `revision`, or to the confirmed template `pinnedHash`),
    // cancelling any running step first.
    Status rollback(const QString &revision = {}, const QString &pinnedHash = {});

    void cancel();
    // Ends a running canary watch now (e.g. the verdict is in).
    void completeWatch();
    void setWatchVerdict(const CanaryVerdict &verdict);
    // The canary window for watch actions (0: what the runbook says).
    void setWatchMinutes(double minutes) { m_watchMinutes = minutes; }

    bool isRunning() const { return m_current != nullptr; }
    QString runningStepId() const;

    // The id of the runbook's step with the rollback role.
    QString rollbackStepId() const { return m_runbook.idOfRole(steprole::rollback); }

Q_SIGNALS:
    void stepStarted(const QString &stepId);
    void actionStarted(const QString &stepId, const QStringList &arguments, qint64 startedAtMs);
    void output(const QString &stepId, const QString &text, golive::OutputChannel channel);
    void gateOverridden(const QString &stepId, const QString &gate, const QStringList &openItems,
                        const QString &reason);
    void watchStarted(const QString &stepId, qint64 durationMs);
    void watchFinished(const QString &stepId);
    void stepFinished(const golive::StepResult &result);

private:
    void begin(const RunbookStep &step, const StepRunOptions &options, qint64 requestedAtMs);
    void onRunFinished(const StepResult &result);

    Runbook m_runbook;
    KubectlSettings m_settings;
    StepCallbacks m_callbacks;
    const Clock &m_clock;
    int m_graceMs = -1; // < 0: the runner's default
    CommandJournal *m_journal = nullptr;
    double m_watchMinutes = 0;
    QPointer<StepRun> m_current;
    struct PendingRollback {
        QString revision;
        QString pinnedHash;
        qint64 requestedAtMs = 0;
    };
    std::optional<PendingRollback> m_pendingRollback;
};

} // namespace golive
