#pragma once

#include "src/common/Clock.h"
#include "src/config/CohereProbeRequests.h"
#include "src/probes/ProbeResult.h"
#include "src/probes/ProbeSpec.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

namespace golive {

class CohereClient;
class MetricsStore;
class ProbeRun;

// Starts probe runs: Cohere probes through the shared CohereClient (and so its circuit breaker),
// HTTP probes over one QNetworkAccessManager. Every measured result is recorded into the
// MetricsStore as a Sample before probeFinished() reports it.
class ProbeRunner : public QObject {
    Q_OBJECT
public:
    // `cohere` may be null (no key yet): Cohere probes then finish as skipped.
    ProbeRunner(CohereClient *cohere, MetricsStore *metrics, CohereProbeRequests requests,
                const Clock &clock, QObject *parent = nullptr);

    void setCohereClient(CohereClient *cohere);
    void setRequests(const CohereProbeRequests &requests);

    // A started run; connect to its finished() or to probeFinished(). It deletes itself.
    ProbeRun *run(const ProbeSpec &spec);

Q_SIGNALS:
    void probeFinished(const golive::ProbeResult &result);

private:
    void onRunFinished(const ProbeResult &result);

    QPointer<CohereClient> m_cohere;
    MetricsStore *m_metrics;
    CohereProbeRequests m_requests;
    const Clock &m_clock;
    QNetworkAccessManager m_network;
};

} // namespace golive
