#pragma once

#include "src/common/Clock.h"
#include "src/config/CanarySettings.h"
#include "src/config/KubectlSettings.h"
#include "src/rollout/PodHealthSample.h"

#include <QList>
#include <QObject>

namespace golive {

class KubectlRunner;

// Probes pods' own health endpoints through the API server's pod proxy, one kubectl at a time
// (`kubectl get --raw /api/v1/namespaces/NS/pods/NAME:PORT/proxy/PATH --context C --namespace N`):
// no network route to the pods and no port-forward, only the pods/proxy permission. Reports one
// sample per pod and finished() exactly once per accepted probe().
class PodHealthProber : public QObject {
    Q_OBJECT
public:
    struct Target {
        QString pod;
        PodVersion version = PodVersion::Canary;
    };

    PodHealthProber(KubectlSettings settings, PodHealthEndpoint endpoint,
                    const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~PodHealthProber() override;

    void setSettings(const KubectlSettings &settings, const PodHealthEndpoint &endpoint);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Returns false (and reports nothing) while a round is in progress.
    bool probe(const QList<Target> &targets);
    void cancel();
    bool isProbing() const { return m_next >= 0; }

    static constexpr int kDefaultTimeoutMs = 10'000;

Q_SIGNALS:
    void runFinished(const golive::KubectlRun &run);
    void sampled(const golive::PodHealthSample &sample);
    void finished();

private:
    void startNext();
    void onRunFinished(const KubectlRun &run);

    KubectlSettings m_settings;
    PodHealthEndpoint m_endpoint;
    const Clock &m_clock;
    KubectlRunner *m_runner;
    int m_timeoutMs = kDefaultTimeoutMs;
    QList<Target> m_targets;
    int m_next = -1; // index of the target being probed; -1 = idle
    bool m_cancelled = false;
};

} // namespace golive
