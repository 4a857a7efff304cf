#include "src/rollout/PodHealthProber.h"

#include "src/rollout/ArgumentTemplate.h"
#include "src/rollout/KubectlRunner.h"

#include <QTimer>

namespace golive {

PodHealthProber::PodHealthProber(KubectlSettings settings, PodHealthEndpoint endpoint,
                                 const Clock &clock, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_endpoint(std::move(endpoint)),
      m_clock(clock), m_runner(new KubectlRunner(clock, this))
{
    qRegisterMetaType<PodHealthSample>();
    connect(m_runner, &KubectlRunner::finished, this, &PodHealthProber::onRunFinished);
}

PodHealthProber::~PodHealthProber() = default;

void PodHealthProber::setSettings(const KubectlSettings &settings,
                                  const PodHealthEndpoint &endpoint)
{
    m_settings = settings;
    m_endpoint = endpoint;
}

bool PodHealthProber::probe(const QList<Target> &targets)
{
    if (isProbing())
        return false;
    m_targets = targets;
    m_cancelled = false;
    m_next = 0;
    // Always asynchronous, also for an empty list: callers connect before results can arrive.
    QTimer::singleShot(0, this, &PodHealthProber::startNext);
    return true;
}

void PodHealthProber::cancel()
{
    if (!isProbing())
        return;
    m_cancelled = true;
    if (m_runner->isRunning())
        m_runner->cancel();
}

void PodHealthProber::startNext()
{
    while (m_next >= 0 && m_next < m_targets.size() && !m_cancelled) {
        const Target &target = m_targets.at(m_next);
        const auto path =
            PodHealthSample::proxyPath(m_settings.namespaceName, target.pod, m_endpoint);
        Result<QStringList> argv = path ? ArgumentTemplate(m_settings).argv(
                                              {QStringLiteral("get"), QStringLiteral("--raw"),
                                               path.value()})
                                        : Result<QStringList>(path.error());
        Status started = argv ? m_runner->start(m_settings.path, argv.value(), m_timeoutMs)
                              : Status(argv.error());
        if (started.ok())
            return; // onRunFinished continues
        // A name that cannot go into a path is never sent; the pod is reported, not skipped.
        PodHealthSample sample;
        sample.pod = target.pod;
        sample.version = target.version;
        sample.atMs = m_clock.nowUtc().toMSecsSinceEpoch();
        sample.status = PodHealthSample::Status::Error;
        sample.error = QStringLiteral("not probed: %1").arg(started->message);
        ++m_next;
        Q_EMIT sampled(sample);
    }
    m_next = -1;
    Q_EMIT finished();
}

void PodHealthProber::onRunFinished(const KubectlRun &run)
{
    Q_EMIT runFinished(run);
    if (m_next < 0 || m_next >= m_targets.size())
        return;
    const Target target = m_targets.at(m_next);
    ++m_next;
    Q_EMIT sampled(PodHealthSample::fromRun(run, target.pod, target.version,
                                            m_settings.namespaceName,
                                            m_clock.nowUtc().toMSecsSinceEpoch()));
    startNext();
}

} // namespace golive
