#include "rollout/StepRun.h"

#include "rollout/ArgumentTemplate.h"
#include "rollout/KubectlRunner.h"

#include <QPointer>

namespace golive {

namespace {

constexpr int kFallbackTimeoutSeconds = 300;

const QStringList kReadbackTemplate = {QStringLiteral("get"),
                                       QStringLiteral("deployment/${deployment}"),
                                       QStringLiteral("-o"), QStringLiteral("json")};

bool mentionsRevision(const RunbookStep &step)
{
    for (const RunbookAction &a : step.actions) {
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
      m_runner(new KubectlRunner(clock, this))
{
    m_checkTimer.setSingleShot(true);
    m_watchTimer.setSingleShot(true);
    connect(m_runner, &KubectlRunner::started, this, &StepRun::actionStarted);
    connect(m_runner, &KubectlRunner::outputReceived, this, &StepRun::outputReceived);
    connect(m_runner, &KubectlRunner::finished, this, &StepRun::onKubectlFinished);
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
        if (auto e = ArgumentTemplate::checkRevision(m_options.revision))
            return e;
        if (!mentionsRevision(m_step))
            return Error{
                QStringLiteral("invalid-argument"),
                QStringLiteral("The step \"%1\" does not take a revision.").arg(m_step.id)};
    }
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

    qsizetype lastKubectl = -1;
    qsizetype lastReadback = -1;
    QList<Task> actions;
    for (qsizetype i = 0; i < m_step.actions.size(); ++i) {
        const RunbookAction &action = m_step.actions.at(i);
        Task task{Task::Kind::Action, int(i), {}, {}, {}};
        if (action.kind == RunbookAction::Kind::Kubectl ||
            action.kind == RunbookAction::Kind::Readback) {
            const auto argv = expand(
                action.kind == RunbookAction::Kind::Kubectl ? action.args : kReadbackTemplate);
            if (!argv)
                return argv.error();
            task.argv = argv.value();
            task.display = display(task.argv);
            (action.kind == RunbookAction::Kind::Kubectl ? lastKubectl : lastReadback) = i;
        }
        actions << task;
    }

    if (m_step.mutates) {
        const auto readback = expand(kReadbackTemplate);
        if (!readback)
            return readback.error();
        m_tasks << Task{Task::Kind::ReadbackBefore, 0, {}, readback.value(), {}};
        m_tasks << actions;
        // Every mutating step is read back after its last change, whether or not it says so.
        if (lastReadback < lastKubectl)
            m_tasks << Task{Task::Kind::ReadbackAfter, 0, {}, readback.value(), {}};
        m_tasks << Task{Task::Kind::Verify, 0, {}, {}, {}};
    } else {
        m_tasks << actions;
    }
    return std::nullopt;
}

void StepRun::start(qint64 requestedAtMs)
{
    m_result.stepId = m_step.id;
    m_result.gate = m_options.ungated ? QString() : m_step.gate;
    m_result.requestedAtMs = requestedAtMs;

    // Values first: an override must never be spent on a step that cannot run anyway.
    if (auto e = plan())
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
    case Task::Kind::Action:
        break;
    }
    const RunbookAction &action = m_step.actions.at(task.index);
    switch (action.kind) {
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
        const QString state =
            m_result.after ? QStringLiteral(" Deployment now: %1.").arg(m_result.after->summary())
                           : QString();
        return finish(StepResult::Outcome::Ok, QStringLiteral("Done.") + state);
    }
    const Task &task = m_tasks.at(m_next++);
    switch (task.kind) {
    case Task::Kind::Precondition:
        return runCheck(m_callbacks.precondition, task.name, QStringLiteral("precondition"));
    case Task::Kind::ReadbackBefore:
    case Task::Kind::ReadbackAfter:
        return runKubectl(task.argv);
    case Task::Kind::Verify:
        if (auto e = checkExpectation(m_step.expect, m_result.before, m_result.after))
            return finish(StepResult::Outcome::Failed, e->message);
        return runNext();
    case Task::Kind::Action:
        break;
    }
    const RunbookAction &action = m_step.actions.at(task.index);
    switch (action.kind) {
    case RunbookAction::Kind::Kubectl:
    case RunbookAction::Kind::Readback:
        return runKubectl(task.argv);
    case RunbookAction::Kind::Watch:
        return startWatch(action.watchMinutes);
    case RunbookAction::Kind::Health:
        return runCheck(m_callbacks.health, action.healthTarget, QStringLiteral("health"));
    }
}

void StepRun::runKubectl(const QStringList &argv)
{
    if (auto e = m_runner->start(m_settings.path, argv, timeoutMs()))
        finish(StepResult::Outcome::Failed, e->message);
}

void StepRun::onKubectlFinished(const KubectlRun &run)
{
    m_result.runs << run;
    if (m_finished)
        return;
    const Task &task = m_tasks.at(m_next - 1);
    const bool before = task.kind == Task::Kind::ReadbackBefore;
    const bool readback = before || task.kind == Task::Kind::ReadbackAfter ||
                          (task.kind == Task::Kind::Action &&
                           m_step.actions.at(task.index).kind == RunbookAction::Kind::Readback);
    if (run.outcome == KubectlOutcome::Cancelled) {
        const bool changing = m_step.mutates && task.kind == Task::Kind::Action;
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
    if (!run.ok())
        return finish(StepResult::Outcome::Failed,
                      QStringLiteral("%1 failed: %2").arg(currentDescription(), run.message));
    if (readback) {
        const auto state = DeploymentReadback::fromJson(run.stdoutText.toUtf8());
        if (!state && !before)
            return finish(StepResult::Outcome::Failed,
                          QStringLiteral("The deployment could not be read back: %1")
                              .arg(state.error().message));
        if (state)
            (before ? m_result.before : m_result.after) = state.value();
    }
    runNext();
}

void StepRun::runCheck(const AsyncCheck &check, const QString &target, const QString &what)
{
    const bool precondition = what == QLatin1String("precondition");
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
                if (!status)
                    return self->runNext();
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
    const qint64 durationMs = std::max<qint64>(1, qRound64(minutes * 60'000));
    m_watching = true;
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

void StepRun::cancel()
{
    if (m_finished)
        return;
    m_cancelRequested = true;
    if (m_runner->isRunning())
        return m_runner->cancel(); // finishes when kubectl is gone
    ++m_checkToken;
    m_watching = false;
    finish(StepResult::Outcome::Cancelled,
           QStringLiteral("Cancelled during %1.").arg(currentDescription()));
}

void StepRun::finish(StepResult::Outcome outcome, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_watching = false;
    m_checkTimer.stop();
    m_watchTimer.stop();
    m_result.outcome = outcome;
    m_result.message = message;
    m_result.finishedAtMs = m_clock.monotonicMs();
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(m_result); }, Qt::QueuedConnection);
}

Status StepRun::checkExpectation(const StepExpectation &expect,
                                 const std::optional<DeploymentReadback> &before,
                                 const std::optional<DeploymentReadback> &after)
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
