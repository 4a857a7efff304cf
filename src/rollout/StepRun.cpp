#include "src/rollout/StepRun.h"

#include "src/rollout/ArgumentTemplate.h"
#include "src/rollout/KubectlRunner.h"
#include "src/rollout/RolloutSnapshotReader.h"

#include <QDir>
#include <QPointer>

#include <utility>

namespace golive {

namespace {

constexpr int kFallbackTimeoutSeconds = 300;

const QStringList kReadbackTemplate = {QStringLiteral("get"),
                                       QStringLiteral("deployment/${deployment}"),
                                       QStringLiteral("-o"), QStringLiteral("json")};
// The patch itself is written to a private file when the target is known (see restoreTemplate).
const QString kPatchFileMarker = QStringLiteral("PATCH-FILE");
const QStringList kRestoreTemplate = StepRun::restoreArguments(kPatchFileMarker);

QString minutesAndSeconds(qint64 ms)
{
    return QStringLiteral("%1:%2").arg(ms / 60'000).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
}

bool takesRevision(const RunbookStep &step)
{
    for (const RunbookAction &a : step.actions) {
        if (a.kind == RunbookAction::Kind::SelectRollbackTarget)
            return true;
        for (const QString &arg : a.args) {
            if (arg.contains(QLatin1String("${revision}")))
                return true;
        }
    }
    return false;
}

} // namespace

StepRun::StepRun(RunbookStep step, KubectlSettings settings, StepRunOptions options,
                 StepCallbacks callbacks, const Clock &clock, QObject *parent)
    : QObject(parent), m_step(std::move(step)), m_settings(std::move(settings)),
      m_options(std::move(options)), m_callbacks(std::move(callbacks)), m_clock(clock),
      m_runner(new KubectlRunner(clock, this)),
      m_snapshots(new RolloutSnapshotReader(m_settings, clock, this))
{
    m_checkTimer.setSingleShot(true);
    m_watchTimer.setSingleShot(true);
    m_pollTimer.setSingleShot(true);
    connect(m_runner, &KubectlRunner::started, this, &StepRun::actionStarted);
    connect(m_runner, &KubectlRunner::outputReceived, this,
            [this](const QString &text, OutputChannel channel) {
                if (!m_quietRun || channel == OutputChannel::Stderr)
                    Q_EMIT outputReceived(text, channel);
            });
    connect(m_runner, &KubectlRunner::finished, this, &StepRun::onKubectlFinished);
    connect(m_snapshots, &RolloutSnapshotReader::runStarted, this, &StepRun::actionStarted);
    connect(m_snapshots, &RolloutSnapshotReader::runFinished, this,
            [this](const KubectlRun &run) { m_result.runs << run; });
    connect(m_snapshots, &RolloutSnapshotReader::finished, this, &StepRun::onSnapshotRead);
    connect(&m_pollTimer, &QTimer::timeout, this,
            [this] { readSnapshot(SnapshotPurpose::CanaryCheck); });
    connect(&m_watchTimer, &QTimer::timeout, this, &StepRun::completeWatch);
    connect(&m_checkTimer, &QTimer::timeout, this, [this] {
        ++m_checkToken;
        const Task &task = m_tasks.at(m_next - 1);
        const bool precondition = task.kind == Task::Kind::Precondition;
        finish(precondition ? StepResult::Outcome::Refused : StepResult::Outcome::Failed,
               QStringLiteral("The %1 did not answer within %2 s.")
                   .arg(currentDescription())
                   .arg(timeoutMs() / 1000));
    });
}

StepRun::~StepRun() = default;

void StepRun::setKillGracePeriodMs(int ms)
{
    m_runner->setKillGracePeriodMs(ms);
    m_snapshots->setKillGracePeriodMs(ms);
}

void StepRun::setJournal(CommandJournal *journal)
{
    const CommandOrigin origin{m_step.id, m_step.role, m_step.mutates};
    m_runner->setJournal(journal, origin);
    m_snapshots->setJournal(journal, origin);
}

bool StepRun::isReadback(const Task &task) const
{
    return task.kind == Task::Kind::ReadbackBefore || task.kind == Task::Kind::ReadbackAfter ||
           (task.kind == Task::Kind::Action &&
            m_step.actions.at(task.index).kind == RunbookAction::Kind::Readback);
}

bool StepRun::isChange(const Task &task) const
{
    if (task.kind != Task::Kind::Action)
        return false;
    const RunbookAction::Kind kind = m_step.actions.at(task.index).kind;
    return kind == RunbookAction::Kind::Kubectl || kind == RunbookAction::Kind::RestoreTemplate;
}

int StepRun::timeoutMs() const
{
    int seconds = m_step.timeoutSeconds > 0 ? m_step.timeoutSeconds : m_settings.stepTimeoutSeconds;
    if (seconds <= 0)
        seconds = kFallbackTimeoutSeconds;
    return seconds * 1000;
}

Status StepRun::plan()
{
    if (!m_options.revision.isEmpty()) {
        if (const Status e = ArgumentTemplate::checkRevision(m_options.revision); e.failed())
            return e;
    }
    if ((!m_options.revision.isEmpty() || !m_options.pinnedTemplateHash.isEmpty()) &&
        !takesRevision(m_step))
        return Error{QStringLiteral("invalid-argument"),
                     QStringLiteral("The step \"%1\" does not take a revision.").arg(m_step.id)};
    const ArgumentTemplate expander(m_settings, {m_options.revision, m_step.timeoutSeconds});
    const auto expand = [&](const QStringList &templates) -> Result<QStringList> {
        auto argv = expander.argv(templates);
        if (!argv)
            return Error{
                argv.error().kind,
                QStringLiteral("Step \"%1\" cannot run: %2").arg(m_step.id, argv.error().message)};
        return argv;
    };
    // Messages name the command without the profile flags every call carries.
    const auto flags = expander.profileFlags();
    const qsizetype flagCount = flags.ok() ? flags.value().size() : 0;
    const auto display = [&](const QStringList &argv) {
        return QStringLiteral("kubectl ") +
               argv.mid(0, argv.size() - flagCount).join(QLatin1Char(' '));
    };

    for (const QString &name : m_step.preconditions)
        m_tasks << Task{Task::Kind::Precondition, 0, name, {}, {}};

    // The last action that touches the cluster: the step is read back and verified right after
    // it, before the health checks that follow, so "changed but unhealthy" can be told apart.
    qsizetype lastClusterAction = -1;
    QList<Task> actions;
    for (qsizetype i = 0; i < m_step.actions.size(); ++i) {
        const RunbookAction &action = m_step.actions.at(i);
        Task task{Task::Kind::Action, int(i), {}, {}, {}};
        switch (action.kind) {
        case RunbookAction::Kind::Kubectl:
        case RunbookAction::Kind::Readback:
        case RunbookAction::Kind::RestoreTemplate: {
            const QStringList templates = action.kind == RunbookAction::Kind::Kubectl ? action.args
                                          : action.kind == RunbookAction::Kind::Readback
                                              ? kReadbackTemplate
                                              : kRestoreTemplate;
            const auto argv = expand(templates);
            if (!argv)
                return argv.error();
            task.argv = argv.value();
            task.display = display(task.argv);
            lastClusterAction = i;
            break;
        }
        case RunbookAction::Kind::SelectRollbackTarget:
        case RunbookAction::Kind::Watch:
        case RunbookAction::Kind::Health:
            break;
        }
        actions << task;
    }

    if (!m_step.mutates) {
        m_tasks << actions;
        return std::nullopt;
    }
    const auto readback = expand(kReadbackTemplate);
    if (!readback)
        return readback.error();
    m_tasks << Task{Task::Kind::ReadbackBefore, 0, {}, readback.value(), {}};
    m_tasks << actions.mid(0, lastClusterAction + 1);
    // Every mutating step is read back after its last change, whether or not it says so.
    if (lastClusterAction < 0 ||
        m_step.actions.at(lastClusterAction).kind != RunbookAction::Kind::Readback)
        m_tasks << Task{Task::Kind::ReadbackAfter, 0, {}, readback.value(), {}};
    if (m_step.expect.canary)
        m_tasks << Task{Task::Kind::CanaryCheck, 0, {}, {}, {}};
    m_tasks << Task{Task::Kind::Verify, 0, {}, {}, {}};
    m_tasks << actions.mid(lastClusterAction + 1);
    return std::nullopt;
}

void StepRun::start(qint64 requestedAtMs)
{
    m_result.stepId = m_step.id;
    m_result.role = m_step.role;
    m_result.gate = m_options.ungated ? QString() : m_step.gate;
    m_result.requestedAtMs = requestedAtMs;

    // Values first: an override must never be spent on a step that cannot run anyway.
    if (const Status e = plan(); e.failed())
        return finish(StepResult::Outcome::Refused, e->message);

    if (!m_result.gate.isEmpty()) {
        if (!m_callbacks.gate)
            return finish(StepResult::Outcome::Refused,
                          QStringLiteral("No checklist is connected to check the gate \"%1\", so "
                                         "the step was not run.")
                              .arg(m_result.gate));
        const QStringList open = m_callbacks.gate(m_result.gate);
        if (!open.isEmpty()) {
            const QString reason = m_options.overrideReason.trimmed();
            if (reason.isEmpty())
                return finish(StepResult::Outcome::Refused,
                              QStringLiteral("The gate \"%1\" has %2 open required item(s): %3. "
                                             "Tick them, or override with a typed reason.")
                                  .arg(m_result.gate)
                                  .arg(open.size())
                                  .arg(open.join(QStringLiteral("; "))));
            m_result.overriddenItems = open;
            m_result.overrideReason = reason;
            Q_EMIT gateOverridden(m_result.gate, open, reason);
        }
    }
    runNext();
}

QString StepRun::currentDescription() const
{
    if (m_next == 0 || m_next > m_tasks.size())
        return QStringLiteral("step \"%1\"").arg(m_step.id);
    const Task &task = m_tasks.at(m_next - 1);
    switch (task.kind) {
    case Task::Kind::Precondition:
        return QStringLiteral("precondition check \"%1\"").arg(task.name);
    case Task::Kind::ReadbackBefore:
    case Task::Kind::ReadbackAfter:
        return QStringLiteral("readback of deployment/%1").arg(m_settings.deployment);
    case Task::Kind::Verify:
        return QStringLiteral("check of the result");
    case Task::Kind::CanaryCheck:
        return QStringLiteral("read-back of the canary's ReplicaSets and pods");
    case Task::Kind::Action:
        break;
    }
    const RunbookAction &action = m_step.actions.at(task.index);
    switch (action.kind) {
    case RunbookAction::Kind::SelectRollbackTarget:
        return QStringLiteral("choice of the rollback target");
    case RunbookAction::Kind::RestoreTemplate:
        return QStringLiteral("restore of the target's pod template");
    case RunbookAction::Kind::Watch:
        return QStringLiteral("canary watch");
    case RunbookAction::Kind::Health:
        return QStringLiteral("%1 health check").arg(action.healthTarget);
    case RunbookAction::Kind::Readback:
        return QStringLiteral("readback of deployment/%1").arg(m_settings.deployment);
    case RunbookAction::Kind::Kubectl:
        break;
    }
    return task.display;
}

void StepRun::runNext()
{
    if (m_finished)
        return;
    if (m_cancelRequested)
        return finish(StepResult::Outcome::Cancelled, QStringLiteral("Cancelled."));
    if (m_next >= m_tasks.size()) {
        if (m_watchStartedMs >= 0)
            return finishWatchStep();
        QString message = QStringLiteral("Done.");
        if (m_result.rollbackTarget)
            message = QStringLiteral("Rolled back to revision %1 (%2).")
                          .arg(m_result.rollbackTarget->revision)
                          .arg(m_result.rollbackTarget->images.join(QStringLiteral(", ")));
        if (m_step.expect.canary && m_result.snapshot)
            message += QLatin1Char(' ') + m_result.snapshot->canarySummary() + QLatin1Char('.');
        else if (m_result.after)
            message += QStringLiteral(" Deployment now: %1.").arg(m_result.after->summary());
        return finish(StepResult::Outcome::Ok, message);
    }
    const Task &task = m_tasks.at(m_next++);
    switch (task.kind) {
    case Task::Kind::Precondition:
        return runCheck(CheckKind::Precondition, task.name);
    case Task::Kind::ReadbackBefore:
    case Task::Kind::ReadbackAfter:
        return runKubectl(task.argv, true);
    case Task::Kind::CanaryCheck:
        m_canaryWaitStartedMs = m_clock.monotonicMs();
        return readSnapshot(SnapshotPurpose::CanaryCheck);
    case Task::Kind::Verify:
        if (const Status e = checkExpectation(m_step.expect, m_result.before, m_result.after,
                                              m_result.rollbackTarget);
            e.failed())
            return finish(StepResult::Outcome::Failed, e->message);
        m_verified = true;
        return runNext();
    case Task::Kind::Action:
        break;
    }
    const RunbookAction &action = m_step.actions.at(task.index);
    switch (action.kind) {
    case RunbookAction::Kind::Kubectl:
        return runKubectl(task.argv);
    case RunbookAction::Kind::Readback:
        return runKubectl(task.argv, true);
    case RunbookAction::Kind::SelectRollbackTarget:
        return readSnapshot(SnapshotPurpose::SelectTarget);
    case RunbookAction::Kind::RestoreTemplate:
        return restoreTemplate();
    case RunbookAction::Kind::Watch:
        return startWatch(action.watchMinutes);
    case RunbookAction::Kind::Health:
        return runCheck(CheckKind::Health, action.healthTarget);
    }
}

void StepRun::runKubectl(const QStringList &argv, bool quiet)
{
    m_quietRun = quiet;
    if (const Status e = m_runner->start(m_settings.path, argv, timeoutMs()); e.failed())
        finish(StepResult::Outcome::Failed, e->message);
}

void StepRun::restoreTemplate()
{
    const RollbackTarget &target = *m_result.rollbackTarget;
    // The template goes through a private file, not argv: other users can read a process's
    // arguments, and a pod template can be large.
    m_patchFile = std::make_unique<QTemporaryFile>(QDir::tempPath() +
                                                   QStringLiteral("/golive-restore-XXXXXX.json"));
    const bool hasAnnotations = m_result.before && !m_result.before->revision.isEmpty();
    if (!m_patchFile->open() || m_patchFile->write(target.restorePatch(hasAnnotations)) < 0 ||
        !m_patchFile->flush())
        return failWithState(QStringLiteral("The pod template of %1 could not be written to a "
                                            "temporary file: %2")
                                 .arg(target.replicaSet, m_patchFile->errorString()));
    QStringList argv = m_tasks.at(m_next - 1).argv;
    argv.replace(argv.indexOf(kPatchFileMarker), m_patchFile->fileName());
    Q_EMIT outputReceived(QStringLiteral("Restoring the pod template of revision %1 (%2) while "
                                         "the deployment is paused.\n")
                              .arg(target.revision)
                              .arg(target.images.join(QStringLiteral(", "))),
                          OutputChannel::Stdout);
    runKubectl(argv);
}

void StepRun::onKubectlFinished(const KubectlRun &run)
{
    m_result.runs << run;
    m_quietRun = false;
    if (m_finished)
        return;
    const Task &task = m_tasks.at(m_next - 1);
    if (isChange(task) && run.startedAtMs >= 0)
        m_changeRan = true;
    const bool before = task.kind == Task::Kind::ReadbackBefore;
    if (run.outcome == KubectlOutcome::NotRecorded) {
        const bool changed = m_changeRan;
        return finish(changed ? StepResult::Outcome::Failed : StepResult::Outcome::Refused,
                      QStringLiteral("%1 was not run. %2%3")
                          .arg(currentDescription(), run.message,
                               changed ? QStringLiteral(" Earlier commands of this step did run: "
                                                        "check the deployment's status.")
                                       : QStringLiteral(" Nothing was changed.")));
    }
    if (run.outcome == KubectlOutcome::Cancelled) {
        const bool changing = m_step.mutates && isChange(task);
        return finish(StepResult::Outcome::Cancelled,
                      QStringLiteral("Cancelled during %1.%2")
                          .arg(currentDescription(),
                               changing
                                   ? QStringLiteral(" The deployment may already have changed: "
                                                    "check its status.")
                                   : QString()));
    }
    // A deployment that does not exist yet (the first deploy) has no "before"; carry on.
    if (before && !run.ok())
        return runNext();
    if (!run.ok()) {
        const QString message =
            QStringLiteral("%1 failed: %2").arg(currentDescription(), run.message);
        if (m_step.mutates && isChange(task))
            return failWithState(message);
        return finish(StepResult::Outcome::Failed, message);
    }
    if (isReadback(task)) {
        const auto state = DeploymentReadback::fromJson(run.stdoutText.toUtf8());
        if (!state && !before)
            return finish(StepResult::Outcome::Failed,
                          QStringLiteral("The deployment could not be read back: %1")
                              .arg(state.error().message));
        if (state) {
            (before ? m_result.before : m_result.after) = state.value();
            Q_EMIT outputReceived(
                QStringLiteral("read back %1: %2\n")
                    .arg(before ? QStringLiteral("before") : QStringLiteral("after"),
                         state.value().summary()),
                OutputChannel::Stdout);
        }
    }
    runNext();
}

void StepRun::readSnapshot(SnapshotPurpose purpose)
{
    m_snapshotPurpose = purpose;
    m_snapshots->setSettings(m_settings);
    m_snapshots->setTimeoutMs(timeoutMs());
    m_snapshots->read();
}

void StepRun::onSnapshotRead(const Result<RolloutSnapshot> &snapshot)
{
    const SnapshotPurpose purpose = std::exchange(m_snapshotPurpose, SnapshotPurpose::None);
    if (m_finished)
        return;
    if (m_cancelRequested)
        return finish(StepResult::Outcome::Cancelled,
                      QStringLiteral("Cancelled during %1.").arg(currentDescription()));
    if (snapshot)
        m_result.snapshot = snapshot.value();
    switch (purpose) {
    case SnapshotPurpose::SelectTarget: {
        if (!snapshot)
            return finish(StepResult::Outcome::Refused,
                          QStringLiteral("The rollback target could not be chosen, so nothing "
                                         "was changed. %1")
                              .arg(snapshot.error().message));
        const auto target = RollbackTarget::choose(snapshot.value(), m_options.revision.toInt(),
                                                   m_options.pinnedTemplateHash);
        if (!target)
            return finish(StepResult::Outcome::Refused, target.error().message);
        m_result.rollbackTarget = target.value();
        Q_EMIT outputReceived(
            QStringLiteral("Rollback target: %1. Production now: %2%3.\n")
                .arg(target.value().describe(m_clock.nowUtc()), snapshot.value().podsByVersion(),
                     snapshot.value().deployment.paused ? QStringLiteral(", paused") : QString()),
            OutputChannel::Stdout);
        return runNext();
    }
    case SnapshotPurpose::CanaryCheck:
        if (!snapshot)
            return finish(StepResult::Outcome::Failed, snapshot.error().message);
        return checkCanary(snapshot.value());
    case SnapshotPurpose::FailureState: {
        QString state;
        if (!snapshot) {
            state = QStringLiteral("The deployment's state could not be read afterwards (%1): "
                                   "check it before anything else.")
                        .arg(snapshot.error().message);
        } else if (snapshot.value().deployment.paused) {
            state = QStringLiteral("Nothing was resumed: the deployment is paused; production "
                                   "runs %1.")
                        .arg(snapshot.value().podsByVersion());
        } else {
            state = QStringLiteral("The deployment is not paused; production runs %1.")
                        .arg(snapshot.value().podsByVersion());
        }
        const bool sentence = m_failureMessage.endsWith(QLatin1Char('.'));
        return finish(StepResult::Outcome::Failed,
                      m_failureMessage + (sentence ? QStringLiteral(" ") : QStringLiteral(". ")) +
                          state);
    }
    case SnapshotPurpose::None:
        return;
    }
}

void StepRun::checkCanary(const RolloutSnapshot &snapshot)
{
    using State = RolloutSnapshot::CanaryState;
    const State state = snapshot.canaryState();
    Q_EMIT outputReceived(snapshot.oneLine() + QLatin1Char('\n'), OutputChannel::Stdout);
    const QString stable = snapshot.stableReplicaSet() ? snapshot.stableReplicaSet()->label()
                                                       : QStringLiteral("the previous version");
    switch (state) {
    case State::Canary:
        return runNext();
    case State::Complete:
        return finish(StepResult::Outcome::Failed,
                      QStringLiteral("No canary: the rollout completed before the pause; %1. "
                                     "There is nothing left to watch: roll back if this version "
                                     "must not serve everyone.")
                          .arg(snapshot.canarySummary()));
    case State::NoNewReplicaSet:
        if (snapshot.deployment.paused)
            return finish(
                StepResult::Outcome::Failed,
                QStringLiteral("No canary: the pause came before the controller created the new "
                               "ReplicaSet, so no pod runs %1; production still runs %2. Resume "
                               "briefly and pause again once a new pod appears, or roll back "
                               "(the default rollback returns to %3).")
                    .arg(snapshot.deployment.images.join(QStringLiteral(", ")),
                         snapshot.podsByVersion(), stable));
        break;
    case State::NotSynced:
    case State::NoNewPods:
        break;
    }
    if (m_clock.monotonicMs() - m_canaryWaitStartedMs >= m_canaryWaitMs)
        return finish(StepResult::Outcome::Failed,
                      QStringLiteral("No canary after %1 s: %2. Resume briefly and pause again "
                                     "once a new pod appears, or roll back.")
                          .arg(m_canaryWaitMs / 1000)
                          .arg(snapshot.canarySummary()));
    m_pollTimer.start(kCanaryPollMs);
}

void StepRun::failWithState(const QString &message)
{
    m_failureMessage = message;
    readSnapshot(SnapshotPurpose::FailureState);
}

void StepRun::runCheck(CheckKind kind, const QString &target)
{
    const bool precondition = kind == CheckKind::Precondition;
    const AsyncCheck &check = precondition ? m_callbacks.precondition : m_callbacks.health;
    const QString what = precondition ? QStringLiteral("precondition") : QStringLiteral("health");
    const auto failure = precondition ? StepResult::Outcome::Refused : StepResult::Outcome::Failed;
    if (!check)
        return finish(
            failure,
            QStringLiteral("No %1 check is connected to answer \"%2\".").arg(what, target));
    const quint64 token = ++m_checkToken;
    m_checkTimer.start(timeoutMs());
    QPointer<StepRun> self(this);
    check(target, [self, token, failure, precondition, target](Status status) {
        if (!self || self->m_finished || token != self->m_checkToken)
            return;
        ++self->m_checkToken; // the first answer counts
        self->m_checkTimer.stop();
        // The answer may come from inside check(); continue from the event loop, not the stack.
        QMetaObject::invokeMethod(
            self,
            [self, status, failure, precondition, target] {
                if (!self || self->m_finished)
                    return;
                if (status.ok())
                    return self->runNext();
                if (!precondition && self->m_step.mutates && self->m_verified)
                    return self->finish(
                        StepResult::Outcome::Unhealthy,
                        QStringLiteral("%1, verified (deployment now: %2), but the %3 health "
                                       "check still fails: %4")
                            .arg(self->m_result.rollbackTarget
                                     ? QStringLiteral("Rolled back to revision %1 (%2)")
                                           .arg(self->m_result.rollbackTarget->revision)
                                           .arg(self->m_result.rollbackTarget->images.join(
                                               QStringLiteral(", ")))
                                     : QStringLiteral("The change was made"),
                                 self->m_result.after ? self->m_result.after->summary()
                                                      : QStringLiteral("unknown"),
                                 target, status->message));
                self->finish(failure, precondition
                                          ? QStringLiteral("Precondition \"%1\" is not met: %2")
                                                .arg(target, status->message)
                                          : QStringLiteral("The %1 health check failed: %2")
                                                .arg(target, status->message));
            },
            Qt::QueuedConnection);
    });
}

void StepRun::startWatch(double minutes)
{
    if (m_options.watchMinutes > 0)
        minutes = m_options.watchMinutes;
    const qint64 durationMs = std::max<qint64>(1, qRound64(minutes * 60'000));
    m_watching = true;
    m_watchStartedMs = m_clock.monotonicMs();
    m_watchDurationMs = durationMs;
    m_watchTimer.start(int(durationMs));
    Q_EMIT watchStarted(durationMs);
}

void StepRun::completeWatch()
{
    if (!m_watching)
        return;
    m_watching = false;
    m_watchTimer.stop();
    Q_EMIT watchFinished();
    runNext();
}

void StepRun::setWatchVerdict(const CanaryVerdict &verdict)
{
    if (!m_finished)
        m_result.verdict = verdict;
}

// A watch ends as what its verdict says: only a healthy canary is "ok".
void StepRun::finishWatchStep()
{
    if (!m_result.verdict)
        return finish(StepResult::Outcome::Failed,
                      QStringLiteral("The watch ended without a verdict: nothing judged the "
                                     "canary."));
    const CanaryVerdict &verdict = *m_result.verdict;
    finish(verdict.overall == CanaryVerdict::Overall::Healthy ? StepResult::Outcome::Ok
                                                              : StepResult::Outcome::Failed,
           verdict.summary() + QLatin1Char('.'));
}

void StepRun::cancel()
{
    if (m_finished)
        return;
    m_cancelRequested = true;
    if (m_runner->isRunning())
        return m_runner->cancel(); // finishes when kubectl is gone
    if (m_snapshots->isReading())
        return m_snapshots->cancel(); // likewise
    ++m_checkToken;
    QString message = QStringLiteral("Cancelled during %1.").arg(currentDescription());
    if (m_watching) {
        m_watching = false;
        // The watcher answers with its verdict as of now before the step ends.
        Q_EMIT watchFinished();
        message =
            QStringLiteral("Cancelled after %1 of the %2 canary watch; verdict so far: %3.")
                .arg(minutesAndSeconds(m_clock.monotonicMs() - m_watchStartedMs),
                     minutesAndSeconds(m_watchDurationMs),
                     m_result.verdict ? m_result.verdict->summary() : QStringLiteral("none yet"));
    }
    m_watching = false;
    finish(StepResult::Outcome::Cancelled, message);
}

void StepRun::finish(StepResult::Outcome outcome, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_watching = false;
    m_checkTimer.stop();
    m_watchTimer.stop();
    m_pollTimer.stop();
    m_patchFile.reset();
    m_result.outcome = outcome;
    m_result.message = message;
    m_result.finishedAtMs = m_clock.monotonicMs();
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(m_result); }, Qt::QueuedConnection);
}

QStringList StepRun::restoreArguments(const QString &patchFile)
{
    return {QStringLiteral("patch"), QStringLiteral("deployment/${deployment}"),
            QStringLiteral("--type=json"), QStringLiteral("--patch-file"), patchFile};
}

Status StepRun::checkExpectation(const StepExpectation &expect,
                                 const std::optional<DeploymentReadback> &before,
                                 const std::optional<DeploymentReadback> &after,
                                 const std::optional<RollbackTarget> &target)
{
    const auto failed = [](const QString &message) {
        return Error{QStringLiteral("postcondition"), message};
    };
    if (expect.isEmpty())
        return std::nullopt;
    if (!after)
        return failed(QStringLiteral("The deployment could not be read back after the step, so "
                                     "its result is unverified."));
    if (expect.paused && after->paused != *expect.paused)
        return failed(
            QStringLiteral("The deployment is %1 after the step; it should be %2.")
                .arg(after->paused ? QStringLiteral("paused") : QStringLiteral("not paused"),
                     *expect.paused ? QStringLiteral("paused") : QStringLiteral("not paused")));
    if (expect.restored) {
        if (!target)
            return failed(QStringLiteral("No rollback target was chosen, so what the deployment "
                                         "should run is unknown. Now: %1.")
                              .arg(after->summary()));
        if (RolloutSnapshot::withoutTemplateHash(after->podTemplate) != target->podTemplate)
            return failed(QStringLiteral("The deployment does not run the pod template of "
                                         "revision %1 (%2): now %3.")
                              .arg(target->revision)
                              .arg(target->images.join(QStringLiteral(", ")), after->summary()));
    }
    if (expect.change == StepExpectation::Change::None)
        return std::nullopt;
    if (!before)
        return failed(QStringLiteral("The deployment could not be read before the step, so "
                                     "whether it changed is unverified. Now: %1.")
                          .arg(after->summary()));
    const bool revisionChanged = before->revision != after->revision;
    const bool imageChanged = before->images != after->images;
    bool changed = revisionChanged || imageChanged;
    if (expect.change == StepExpectation::Change::Revision)
        changed = revisionChanged;
    else if (expect.change == StepExpectation::Change::Image)
        changed = imageChanged;
    if (changed)
        return std::nullopt;
    return failed(QStringLiteral("The deployment did not change: still %1.").arg(after->summary()));
}

} // namespace golive
