#include "src/rollout/RolloutController.h"

#include "src/checklist/Checklist.h"
#include "src/checklist/ChecklistGate.h"
#include "src/rollout/ArgumentTemplate.h"
#include "src/rollout/CanaryComparison.h"

#include <QRegularExpression>

#include <utility>

namespace golive {

RolloutController::RolloutController(Profile profile, Runbook runbook, const MetricsStore &metrics,
                                     CanaryWatch::ActiveAlerts activeAlerts, const Clock &clock,
                                     QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_clock(clock),
      m_executor(std::move(runbook), m_profile.kubectl, clock),
      m_watch(metrics, std::move(activeAlerts), m_profile.gates, m_profile.canary, clock),
      m_snapshotReader(m_profile.kubectl, clock),
      m_podProber(m_profile.kubectl, m_profile.canary.podHealth, clock),
      m_prometheus(m_network, m_profile.prometheus), m_trafficReader(m_prometheus)
{
    connect(&m_trafficReader, &TrafficReader::finished, this,
            [this](const QList<VersionTraffic> &traffic) {
                if (traffic.size() != 2 || !m_watch.isWatching())
                    return;
                m_watch.setTrafficEvidence(TrafficVerdict::evaluate(traffic[0], traffic[1],
                                                                    m_profile.alerts,
                                                                    m_profile.gates),
                                           traffic[0]);
            });
    m_executor.setWatchMinutes(m_profile.canary.watchMinutes);
    connect(&m_snapshotReader, &RolloutSnapshotReader::finished, this,
            &RolloutController::onSnapshotRead);
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

    connect(&m_executor, &StepExecutor::stepStarted, this, &RolloutController::stepStarted);
    connect(&m_executor, &StepExecutor::actionStarted, this,
            [this](const QString &id, const QStringList &args, qint64 startedAtMs) {
                if (id == m_executor.rollbackStepId() && m_rollbackRequestedMs) {
                    m_lastRollbackLatencyMs = startedAtMs - *m_rollbackRequestedMs;
                    m_rollbackRequestedMs.reset();
                    Q_EMIT rollbackStartLatencyMeasured(m_lastRollbackLatencyMs);
                }
                Q_EMIT actionStarted(id, args);
            });
    connect(&m_executor, &StepExecutor::output, this, &RolloutController::output);
    connect(&m_executor, &StepExecutor::gateOverridden, this, &RolloutController::overrideRecorded);
    connect(&m_executor, &StepExecutor::stepFinished, this, &RolloutController::onStepFinished);

    // The runbook's watch action is the canary window; the profile says how long it lasts.
    connect(&m_executor, &StepExecutor::watchStarted, this,
            [this] { m_watch.start(qint64(m_profile.canary.watchMinutes) * 60'000); });
    connect(&m_executor, &StepExecutor::watchFinished, this, [this] { m_watch.stop(); });
    connect(&m_watch, &CanaryWatch::verdictChanged, &m_executor, &StepExecutor::setWatchVerdict);

    // During the watch the cluster is read again and again, so canary and stable stay current
    // and the verdict sees the canary's own pods.
    m_podRefresh.setInterval(kDefaultPodRefreshMs);
    // A tick while the last read or probe round is still going is skipped, never queued: a slow
    // cluster must not keep golive re-reading without ever showing a result.
    connect(&m_podRefresh, &QTimer::timeout, this, [this] {
        if (hasDeployment() && !m_snapshotReader.isReading() && !m_podProber.isProbing())
            (void)m_snapshotReader.read();
    });
    connect(&m_watch, &CanaryWatch::windowStarted, this, [this] {
        m_podSamples.clear();
        m_watch.clearPodEvidence();
        m_watch.clearTrafficEvidence();
        m_podRefresh.start();
        refreshSnapshot();
    });
    // A round in flight when the watch ends still completes, so the pods show their last answers.
    connect(&m_watch, &CanaryWatch::finished, &m_podRefresh, &QTimer::stop);
    connect(&m_podProber, &PodHealthProber::sampled, this, [this](const PodHealthSample &sample) {
        m_podSamples << sample;
        Q_EMIT podHealthSampled(sample);
    });
    connect(&m_podProber, &PodHealthProber::finished, this, [this] {
        if (m_watch.isWatching() && m_snapshot)
            m_watch.setPodEvidence(*m_snapshot, m_podSamples);
    });
    connect(&m_watch, &CanaryWatch::finished, this, [this](const CanaryVerdict &verdict) {
        m_executor.setWatchVerdict(verdict);
        if (m_executor.isRunning())
            m_executor.completeWatch();
    });
    connect(&m_watch, &CanaryWatch::autoRollbackRequested, this, [this](const QString &reason) {
        Q_EMIT autoRollbackStarted(reason);
        if (const Status started = rollback(); started.failed())
            qWarning().noquote() << "automatic rollback not started:" << started->message;
    });
}

void RolloutController::setChecklist(Checklist *checklist)
{
    if (m_checklist)
        disconnect(m_checklist, nullptr, this, nullptr);
    m_checklist = checklist;
    if (m_checklist)
        connect(m_checklist, &Checklist::itemStateChanged, this, &RolloutController::gatesChanged);
    Q_EMIT gatesChanged();
}

QStringList RolloutController::openItems(const QString &stepId) const
{
    const RunbookStep *step = runbook().step(stepId);
    if (!step || step->gate.isEmpty())
        return {};
    // Without a release the bundled checklist gates, all of it open.
    const auto open = ChecklistGate::openRequiredItemsOf(m_checklist.data(), step->gate);
    return open.ok() ? open.value() : QStringList{open.error().message};
}

QStringList RolloutController::openItemTexts(const QString &stepId) const
{
    return ChecklistGate::describeItems(m_checklist.data(), openItems(stepId));
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
        if (const Status e = ArgumentTemplate::checkRevision(revision); e.failed())
            return *e;
    }
    const ArgumentTemplate expander(m_profile.kubectl, {revision, step->timeoutSeconds});
    const QString program =
        m_profile.kubectl.path.isEmpty() ? QStringLiteral("kubectl") : m_profile.kubectl.path;
    QStringList lines;
    for (const RunbookAction &action : step->actions) {
        QStringList templates = action.args;
        if (action.kind == RunbookAction::Kind::RestoreTemplate)
            templates = StepRun::restoreArguments(
                QStringLiteral("<pod template of the rollback target, applied only while paused>"));
        else if (action.kind != RunbookAction::Kind::Kubectl)
            continue;
        const auto argv = expander.argv(templates);
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

QString RolloutController::promoteConcern() const
{
    if (!m_canary.deployed)
        return QStringLiteral("golive has not deployed or watched a canary in this session: "
                              "the current canary was not watched");
    if (!m_canary.verdict)
        return QStringLiteral("the current canary was not watched");
    if (!m_canary.watchCompleted)
        return QStringLiteral("the watch of the current canary was cancelled before its end "
                              "(verdict so far: %1)")
            .arg(m_canary.verdict->summary());
    if (m_canary.verdict->recommendation() != CanaryVerdict::Recommendation::Promote)
        return QStringLiteral("the canary's verdict was \"roll back\" (%1)")
            .arg(m_canary.verdict->summary());
    return {};
}

Status RolloutController::recordingProblem() const
{
    CommandJournal *journal = m_executor.journal();
    if (!journal)
        return std::nullopt;
    const Status problem = journal->problem();
    if (problem.ok())
        return std::nullopt;
    return Error{QStringLiteral("record-unwritable"),
                 QStringLiteral("A production change is recorded before it is made, and the "
                                "release record cannot be written: %1 Start a new release "
                                "(Release > New release..., or 'golive release new') to record "
                                "into, or run "
                                "'golive verify' to see where the record breaks.")
                     .arg(problem->message)};
}

Status RolloutController::runStep(const QString &stepId, const QString &overrideReason,
                                  const QString &revision)
{
    if (stepId == m_executor.rollbackStepId())
        return rollback(revision);
    if (const RunbookStep *step = runbook().step(stepId); step && step->mutates) {
        if (const Status problem = recordingProblem(); problem.failed())
            return problem;
    }
    if (!overrideReason.isEmpty() && overrideReason.trimmed().isEmpty())
        return Error{QStringLiteral("blank-override"),
                     QStringLiteral("an override needs a typed reason, not blanks")};
    StepRunOptions options;
    options.overrideReason = overrideReason.trimmed();
    options.revision = revision;
    const bool promoting = stepId == runbook().idOfRole(steprole::promote);
    const QString concern = promoting ? promoteConcern() : QString();
    if (!concern.isEmpty() && options.overrideReason.isEmpty())
        return Error{QStringLiteral("canary-not-judged"),
                     QStringLiteral("Promote needs a typed reason: %1.").arg(concern)};
    if (m_executor.isRunning())
        return Error{QStringLiteral("busy"),
                     QStringLiteral("Step \"%1\" is still running; wait for it or cancel it.")
                         .arg(m_executor.runningStepId())};
    // Recorded like a gate override, before the step's first command: who went ahead without a
    // verdict to go on, and why.
    if (!concern.isEmpty())
        Q_EMIT overrideRecorded(stepId, QStringLiteral("canary-verdict"), {concern},
                                options.overrideReason);
    return m_executor.runStep(stepId, options);
}

Status RolloutController::rollback(const QString &revision, const QString &pinnedHash)
{
    if (const Status problem = recordingProblem(); problem.failed())
        return problem;
    m_rollbackRequestedMs = m_clock.monotonicMs();
    // A running watch is cancelled with its step (recorded with its verdict so far), not ended.
    // A team's own rollback step without select-rollback-target cannot be pinned to a version.
    bool selects = false;
    if (const RunbookStep *step = runbook().stepWithRole(steprole::rollback)) {
        for (const RunbookAction &action : step->actions)
            selects = selects || action.kind == RunbookAction::Kind::SelectRollbackTarget;
    }
    Status status = m_executor.rollback(revision, selects ? pinnedHash : QString());
    if (status.failed())
        m_rollbackRequestedMs.reset();
    return status;
}

void RolloutController::refreshSnapshot()
{
    if (!hasDeployment())
        return;
    if (!m_snapshotReader.read())
        m_refreshAgain = true; // the read in flight may predate what the caller wants to see
}

void RolloutController::prepareRollback(const QString &revision, const QString &pinnedHash)
{
    m_preparing = PendingPreparation{revision, pinnedHash};
    if (!hasDeployment()) {
        m_preparing.reset();
        Q_EMIT rollbackPrepared(Error{QStringLiteral("no-deployment"),
                                      QStringLiteral("The profile names no deployment.")});
        return;
    }
    refreshSnapshot();
}

void RolloutController::readTraffic(const RolloutSnapshot &snapshot)
{
    // A read still in flight is left to finish: a slow Prometheus never starves the verdict.
    if (!m_profile.prometheus.configured() || m_trafficReader.isRunning())
        return;
    if (const auto versions = CanaryComparison::trafficVersions(snapshot); !versions.isEmpty())
        m_trafficReader.read(versions);
}

void RolloutController::onSnapshotRead(const Result<RolloutSnapshot> &snapshot)
{
    if (snapshot)
        m_snapshot = snapshot.value();
    if (std::exchange(m_refreshAgain, false))
        return refreshSnapshot();
    Q_EMIT snapshotRead(snapshot);
    // The verdict gets this snapshot together with its pods' answers (when pods are probed), so a
    // crash-looping canary is judged with its health beside it.
    if (snapshot && m_watch.isWatching() && !probePods(snapshot.value()))
        m_watch.setPodEvidence(snapshot.value(), m_podSamples);
    if (snapshot && m_watch.isWatching())
        readTraffic(snapshot.value());
    if (!m_preparing)
        return;
    const PendingPreparation asked = *std::exchange(m_preparing, std::nullopt);
    if (!snapshot) {
        Q_EMIT rollbackPrepared(snapshot.error());
        return;
    }
    if (!asked.revision.isEmpty()) {
        if (const Status e = ArgumentTemplate::checkRevision(asked.revision); e.failed()) {
            Q_EMIT rollbackPrepared(*e);
            return;
        }
    }
    Q_EMIT rollbackPrepared(
        RollbackTarget::choose(snapshot.value(), asked.revision.toInt(), asked.pinnedHash));
}

bool RolloutController::probePods(const RolloutSnapshot &snapshot)
{
    if (!m_profile.canary.podHealth.configured() || m_podProber.isProbing())
        return false;
    QList<PodHealthProber::Target> targets;
    if (const ReplicaSetView *canary = snapshot.newReplicaSet();
        canary && snapshot.canaryState() == RolloutSnapshot::CanaryState::Canary) {
        for (const PodView &pod : canary->pods)
            targets << PodHealthProber::Target{pod.name, PodVersion::Canary};
        if (const ReplicaSetView *stable = snapshot.stableReplicaSet()) {
            for (const PodView &pod : stable->pods)
                targets << PodHealthProber::Target{pod.name, PodVersion::Stable};
        }
    }
    return !targets.isEmpty() && m_podProber.probe(targets);
}

QString RolloutController::rollbackConfirmationText(const RollbackTarget &target) const
{
    const auto text = confirmationText(m_executor.rollbackStepId());
    QString body = QStringLiteral("Roll back to %1.\n").arg(target.describe(m_clock.nowUtc()));
    if (m_snapshot)
        body += QStringLiteral("Production now: %1%2.\n")
                    .arg(m_snapshot->podsByVersion(),
                         m_snapshot->deployment.paused ? QStringLiteral(" (paused)") : QString());
    body += QStringLiteral("The deployment is paused first and the template put back while it is "
                           "paused, so the version being rolled back never advances.\n\n");
    return body + (text ? text.value() : text.error().message);
}

void RolloutController::onStepFinished(const StepResult &result)
{
    m_lastResult = result;
    const RunbookStep *step = runbook().step(result.stepId);
    const QString role = step ? step->role : QString();
    if (m_watch.isWatching() && role != steprole::rollback)
        m_watch.stop(); // a cancelled or failed watch step ends the window with it
    if (role == steprole::deploy && result.ok()) {
        m_canary = CanaryHistory{true, false, std::nullopt};
        Q_EMIT canaryReset();
    } else if (role == steprole::rollback &&
               (result.ok() || result.outcome == StepResult::Outcome::Unhealthy)) {
        m_canary = CanaryHistory{};
        Q_EMIT canaryReset();
    } else if (role == steprole::watch && result.verdict) {
        m_canary.verdict = result.verdict;
        m_canary.watchCompleted = result.outcome != StepResult::Outcome::Cancelled;
    }
    Q_EMIT stepFinished(result);
}

} // namespace golive
