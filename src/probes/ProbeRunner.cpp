#include "src/probes/ProbeRunner.h"

#include "src/cohere/CohereClient.h"
#include "src/metrics/MetricsStore.h"
#include "src/probes/ProbeRun.h"

#include <QDebug>

namespace golive {

ProbeRunner::ProbeRunner(CohereClient *cohere, MetricsStore *metrics, CohereProbeRequests requests,
                         const Clock &clock, QObject *parent)
    : QObject(parent), m_cohere(cohere), m_metrics(metrics), m_requests(std::move(requests)),
      m_clock(clock)
{
    qRegisterMetaType<golive::ProbeResult>();
}

void ProbeRunner::setCohereClient(CohereClient *cohere)
{
    m_cohere = cohere;
}

void ProbeRunner::setRequests(const CohereProbeRequests &requests)
{
    m_requests = requests;
}

ProbeRun *ProbeRunner::run(const ProbeSpec &spec)
{
    auto *run = new ProbeRun(spec, m_cohere, m_network, m_requests, m_clock, this);
    connect(run, &ProbeRun::finished, this, &ProbeRunner::onRunFinished);
    run->start();
    return run;
}

void ProbeRunner::onRunFinished(const ProbeResult &result)
{
    if (m_metrics && result.measured) {
        if (const Status recorded = m_metrics->record(result.name, result.toSample());
            recorded.failed())
            qWarning().noquote() << "probe result not recorded:" << recorded->message;
    }
    Q_EMIT probeFinished(result);
}

} // namespace golive
