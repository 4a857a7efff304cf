#include "rollout/RolloutController.h"

#include "checklist/ChecklistGate.h"
#include "checklist/ChecklistModel.h"
#include "checklist/MarkdownChecklistParser.h"
#include "release/ReleaseSession.h"
#include "rollout/ArgumentTemplate.h"

#include <QRegularExpression>

namespace golive {

namespace {
const QString kHistoryStep = QStringLiteral("history");
}

RolloutController::RolloutController(Profile profile, Runbook runbook, const MetricsStore &metrics,
                                     CanaryWatch::ActiveAlerts activeAlerts, const Clock &clock,
                                     QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_clock(clock),
      m_executor(std::move(runbook), m_profile.kubectl, clock),
      m_watch(metrics, std::move(activeAlerts), m_profile.gates, m_profile.canary, clock)
{
    m_executor.setGateCheck([this](const QString &gate) {
        for (const RunbookStep &step : m_executor.runbook().steps) {
            if (step.gate == gate)
                return openItems(step.id);
        }
        return QStringList();
    });
    const auto ask = [this](const QString &target, std::function<void(Status)> done) {
        if (!m_health) {
            done(Error{QStringLiteral("no-health-checker"),
                       QStringLiteral("no health check is configured for \"%1\"").arg(target)});
            return;
        }
        m_health->check(target, std::move(done));
    };
    m_executor.setPreconditionCheck(ask);
    m_executor.setHealthCheck(ask);

    connect(&m_executor, &StepExecutor::stepStarted, this, [this](const QString &id) {
        if (id == kHistoryStep)
            m_historyText.clear();
        Q_EMIT stepStarted(id);
    });
    connect(&m_executor, &StepExecutor::actionStarted, this,
            [this](const QString &id, const QStringList &args, qint64 startedAtMs) {
                if (id == StepExecutor::kRollbackStepId && m_rollbackRequestedMs) {
                    m_lastRollbackLatencyMs = startedAtMs - *m_rollbackRequestedMs;
                    m_rollbackRequestedMs.reset();
                    Q_EMIT rollbackStartLatencyMeasured(m_lastRollbackLatencyMs);
                }
                Q_EMIT actionStarted(id, args);
            });
    connect(&m_executor, &StepExecutor::output, this,
            [this](const QString &id, const QString &text, OutputChannel channel) {
                if (id == kHistoryStep && channel == OutputChannel::Stdout)
                    m_historyText += text;
                Q_EMIT output(id, text, channel);
            });
    connect(&m_executor, &StepExecutor::gateOverridden, this, &RolloutController::overrideRecorded);
    connect(&m_executor, &StepExecutor::stepFinished, this, &RolloutController::onStepFinished);

    // The runbook's watch action is the canary window; the profile says how long it lasts.
    connect(&m_executor, &StepExecutor::watchStarted, this,
            [this] { m_watch.start(qint64(m_profile.canary.watchMinutes) * 60'000); });
    connect(&m_executor, &StepExecutor::watchFinished, this, [this] { m_watch.stop(); });
    connect(&m_watch, &CanaryWatch::finished, this, [this] {
        if (m_executor.isRunning())
            m_executor.completeWatch();
    });
    connect(&m_watch, &CanaryWatch::autoRollbackRequested, this, [this](const QString &reason) {
        Q_EMIT autoRollbackStarted(reason);
        rollback();
    });
}

void RolloutController::setChecklist(ChecklistModel *checklist)
{
    if (m_checklist)
        disconnect(m_checklist, nullptr, this, nullptr);
    m_checklist = checklist;
    if (m_checklist)
        connect(m_checklist, &ChecklistModel::itemStateChanged, this,
                &RolloutController::gatesChanged);
    Q_EMIT gatesChanged();
}

QStringList RolloutController::openItems(const QString &stepId) const
{
    const RunbookStep *step = runbook().step(stepId);
    if (!step || step->gate.isEmpty())
        return {};
    if (m_checklist)
        return ChecklistGate::openRequiredItems(m_checklist->document(), m_checklist->state(),
                                                step->gate);
    const auto bundled = MarkdownChecklistParser::parse(ReleaseSession::bundledChecklist());
    if (!bundled.ok())
        return {bundled.error().message};
    return ChecklistGate::openRequiredItems(bundled.value(), ChecklistState(), step->gate);
}

QString RolloutController::shellQuoted(const QStringList &argv)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=,@%+-]+$"));
    QStringList out;
    for (const QString &arg : argv) {
        if (safe.match(arg).hasMatch())
            out << arg;
        else
            out << QLatin1Char('\'') +
                       QString(arg).replace(QLatin1String("'"), QLatin1String("'\\''")) +
                       QLatin1Char('\'');
    }
    return out.join(QLatin1Char(' '));
}

Result<QStringList> RolloutController::commandLines(const QString &stepId,
                                                    const QString &revision) const
{
    const RunbookStep *step = runbook().step(stepId);
    if (!step)
        return Error{QStringLiteral("unknown-step"), QStringLiteral("no step \"%1\"").arg(stepId)};
    if (!revision.isEmpty()) {
        if (auto e = ArgumentTemplate::checkRevision(revision))
            return *e;
    }
    const ArgumentTemplate expander(m_profile.kubectl, {revision, step->timeoutSeconds});
    const QString program =
        m_profile.kubectl.path.isEmpty() ? QStringLiteral("kubectl") : m_profile.kubectl.path;
    QStringList lines;
    for (const RunbookAction &action : step->actions) {
        if (action.kind != RunbookAction::Kind::Kubectl)
            continue;
        const auto argv = expander.argv(action.args);
        if (!argv.ok())
            return argv.error();
        lines << shellQuoted(QStringList{program} + argv.value());
    }
    return lines;
}

Result<QString> RolloutController::confirmationText(const QString &stepId,
                                                    const QString &revision) const
{
    const auto lines = commandLines(stepId, revision);
    if (!lines.ok())
        return lines.error();
    const RunbookStep *step = runbook().step(stepId);
    QString text = step->confirm.isEmpty() ? step->title : step->confirm;
    text += QStringLiteral("\n\nContext: %1\nNamespace: %2\nDeployment: %3\n\nCommands:\n")
                .arg(m_profile.kubectl.context, m_profile.kubectl.namespaceName,
                     m_profile.kubectl.deployment);
    for (const QString &line : lines.value())
        text += QStringLiteral("  ") + line + QLatin1Char('\n');
    return text;
}

Status RolloutController::runStep(const QString &stepId, const QString &overrideReason,
                                  const QString &revision)
{
    if (stepId == StepExecutor::kRollbackStepId)
        return rollback(revision);
    if (!overrideReason.isEmpty() && overrideReason.trimmed().isEmpty())
        return Error{QStringLiteral("blank-override"),
                     QStringLiteral("an override needs a typed reason, not blanks")};
    StepRunOptions options;
    options.overrideReason = overrideReason.trimmed();
    options.revision = revision;
    return m_executor.runStep(stepId, options);
}

Status RolloutController::rollback(const QString &revision)
{
    m_rollbackRequestedMs = m_clock.monotonicMs();
    if (m_watch.isWatching())
        m_watch.stop();
    Status status = m_executor.rollback(revision);
    if (status)
        m_rollbackRequestedMs.reset();
    return status;
}

QStringList RolloutController::parseHistoryRevisions(const QString &historyOutput)
{
    static const QRegularExpression row(QStringLiteral("^\\s*(\\d+)\\s"));
    QStringList revisions;
    for (const QString &line : historyOutput.split(QLatin1Char('\n'))) {
        const auto match = row.match(line + QLatin1Char(' '));
        if (match.hasMatch())
            revisions << match.captured(1);
    }
    return revisions;
}

void RolloutController::onStepFinished(const StepResult &result)
{
    m_lastResult = result;
    if (result.stepId == kHistoryStep && result.ok()) {
        m_revisions = parseHistoryRevisions(m_historyText);
        Q_EMIT historyRead(m_revisions);
    }
    Q_EMIT stepFinished(result);
}

} // namespace golive
