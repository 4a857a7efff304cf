#include "src/rollout/StepExecutor.h"

namespace golive {

StepExecutor::StepExecutor(Runbook runbook, KubectlSettings settings, const Clock &clock,
                           QObject *parent)
    : QObject(parent), m_runbook(std::move(runbook)), m_settings(std::move(settings)),
      m_clock(clock)
{
}

StepExecutor::~StepExecutor() = default;

QString StepExecutor::runningStepId() const
{
    return m_current ? m_current->step().id : QString();
}

Status StepExecutor::runStep(const QString &stepId, const StepRunOptions &options)
{
    if (stepId == rollbackStepId())
        return rollback(options.revision, options.pinnedTemplateHash);
    const RunbookStep *step = m_runbook.step(stepId);
    if (!step)
        return Error{QStringLiteral("unknown-step"),
                     QStringLiteral("The runbook has no step \"%1\".").arg(stepId)};
    if (m_current || m_pendingRollback)
        return Error{QStringLiteral("busy"),
                     QStringLiteral("Step \"%1\" is still running; wait for it or cancel it.")
                         .arg(m_pendingRollback ? rollbackStepId() : runningStepId())};
    begin(*step, options, m_clock.monotonicMs());
    return std::nullopt;
}

Status StepExecutor::rollback(const QString &revision, const QString &pinnedHash)
{
    const qint64 requestedAtMs = m_clock.monotonicMs();
    const RunbookStep *step = m_runbook.stepWithRole(steprole::rollback);
    if (!step)
        return Error{QStringLiteral("unknown-step"),
                     QStringLiteral("The runbook has no step with the rollback role.")};
    if (m_pendingRollback || runningStepId() == rollbackStepId())
        return Error{QStringLiteral("busy"), QStringLiteral("A rollback is already running.")};
    StepRunOptions options;
    options.revision = revision;
    options.pinnedTemplateHash = pinnedHash;
    options.ungated = true;
    if (m_current) {
        // Started from onRunFinished the moment the running step (and its kubectl) is gone.
        m_pendingRollback = PendingRollback{revision, pinnedHash, requestedAtMs};
        m_current->cancel();
        return std::nullopt;
    }
    begin(*step, options, requestedAtMs);
    return std::nullopt;
}

void StepExecutor::begin(const RunbookStep &step, const StepRunOptions &options,
                         qint64 requestedAtMs)
{
    StepRunOptions withWindow = options;
    withWindow.watchMinutes = m_watchMinutes;
    auto *run = new StepRun(step, m_settings, withWindow, m_callbacks, m_clock, this);
    if (m_graceMs >= 0)
        run->setKillGracePeriodMs(m_graceMs);
    run->setJournal(m_journal);
    const QString id = step.id;
    connect(run, &StepRun::actionStarted, this,
            [this, id](const QStringList &arguments, qint64 startedAtMs) {
                Q_EMIT actionStarted(id, arguments, startedAtMs);
            });
    connect(run, &StepRun::outputReceived, this,
            [this, id](const QString &text, OutputChannel channel) {
                Q_EMIT output(id, text, channel);
            });
    connect(run, &StepRun::gateOverridden, this,
            [this, id](const QString &gate, const QStringList &items, const QString &reason) {
                Q_EMIT gateOverridden(id, gate, items, reason);
            });
    connect(run, &StepRun::watchStarted, this,
            [this, id](qint64 durationMs) { Q_EMIT watchStarted(id, durationMs); });
    connect(run, &StepRun::watchFinished, this, [this, id] { Q_EMIT watchFinished(id); });
    connect(run, &StepRun::finished, this, &StepExecutor::onRunFinished);
    m_current = run;
    Q_EMIT stepStarted(id);
    run->start(requestedAtMs);
}

void StepExecutor::onRunFinished(const StepResult &result)
{
    if (m_current) {
        m_current->deleteLater();
        m_current = nullptr;
    }
    Q_EMIT stepFinished(result);
    if (m_pendingRollback && !m_current) {
        const PendingRollback pending = *m_pendingRollback;
        m_pendingRollback.reset();
        if (const RunbookStep *step = m_runbook.stepWithRole(steprole::rollback)) {
            StepRunOptions options;
            options.revision = pending.revision;
            options.pinnedTemplateHash = pending.pinnedHash;
            options.ungated = true;
            begin(*step, options, pending.requestedAtMs);
        }
    }
}

void StepExecutor::cancel()
{
    if (m_current)
        m_current->cancel();
}

void StepExecutor::completeWatch()
{
    if (m_current)
        m_current->completeWatch();
}

void StepExecutor::setWatchVerdict(const CanaryVerdict &verdict)
{
    if (m_current)
        m_current->setWatchVerdict(verdict);
}

} // namespace golive
