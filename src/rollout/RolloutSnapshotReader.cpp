#include "src/rollout/RolloutSnapshotReader.h"

#include "src/rollout/ArgumentTemplate.h"
#include "src/rollout/KubectlRunner.h"

namespace golive {

RolloutSnapshotReader::RolloutSnapshotReader(KubectlSettings settings, const Clock &clock,
                                             QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_runner(new KubectlRunner(clock, this))
{
    m_runner->setOutputCapBytes(kOutputCapBytes);
    connect(m_runner, &KubectlRunner::started, this, &RolloutSnapshotReader::runStarted);
    connect(m_runner, &KubectlRunner::finished, this, &RolloutSnapshotReader::onRunFinished);
}

RolloutSnapshotReader::~RolloutSnapshotReader() = default;

void RolloutSnapshotReader::setKillGracePeriodMs(int ms)
{
    m_runner->setKillGracePeriodMs(ms);
}

bool RolloutSnapshotReader::read()
{
    if (isReading())
        return false;
    m_selector.clear();
    m_deploymentJson.clear();
    m_replicaSetsJson.clear();
    runPhase(Phase::Deployment);
    return true;
}

void RolloutSnapshotReader::setJournal(CommandJournal *journal, const CommandOrigin &origin)
{
    m_runner->setJournal(journal, origin);
}

void RolloutSnapshotReader::cancel()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

void RolloutSnapshotReader::runPhase(Phase phase)
{
    m_phase = phase;
    QStringList templates;
    switch (phase) {
    case Phase::Deployment:
        templates = {QStringLiteral("get"), QStringLiteral("deployment/${deployment}")};
        break;
    case Phase::ReplicaSets:
        templates = {QStringLiteral("get"), QStringLiteral("replicasets"), QStringLiteral("-l"),
                     m_selector};
        break;
    case Phase::Pods:
        templates = {QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-l"),
                     m_selector};
        break;
    case Phase::Idle:
        return;
    }
    templates << QStringLiteral("-o") << QStringLiteral("json");
    const auto argv = ArgumentTemplate(m_settings).argv(templates);
    if (!argv)
        return fail(argv.error().message);
    if (const Status e = m_runner->start(m_settings.path, argv.value(), m_timeoutMs); e.failed())
        fail(e->message);
}

void RolloutSnapshotReader::onRunFinished(const KubectlRun &run)
{
    Q_EMIT runFinished(run);
    if (!run.ok())
        return fail(QStringLiteral("%1 failed: %2").arg(run.commandLine(), run.message));
    if (run.stdoutTruncated)
        return fail(QStringLiteral("%1 printed more than %2 MiB; golive does not read a partial "
                                   "list.")
                        .arg(run.commandLine())
                        .arg(kOutputCapBytes / (1024 * 1024)));
    const QByteArray out = run.stdoutText.toUtf8();
    switch (m_phase) {
    case Phase::Deployment: {
        const auto selector = RolloutSnapshot::labelSelector(out);
        if (!selector)
            return fail(selector.error().message);
        m_selector = selector.value();
        m_deploymentJson = out;
        return runPhase(Phase::ReplicaSets);
    }
    case Phase::ReplicaSets:
        m_replicaSetsJson = out;
        return runPhase(Phase::Pods);
    case Phase::Pods: {
        m_phase = Phase::Idle;
        const auto snapshot = RolloutSnapshot::fromJson(m_deploymentJson, m_replicaSetsJson, out);
        Q_EMIT finished(snapshot);
        return;
    }
    case Phase::Idle:
        return;
    }
}

void RolloutSnapshotReader::fail(const QString &message)
{
    m_phase = Phase::Idle;
    Q_EMIT finished(Error{QStringLiteral("readback"),
                          QStringLiteral("The deployment could not be read: %1").arg(message)});
}

} // namespace golive
