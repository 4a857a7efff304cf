#pragma once

#include "src/traffic/TrafficTemplate.h"
#include "src/traffic/VersionTraffic.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace golive {

class PrometheusClient;
class PrometheusQueryJob;
struct PromQueryOutcome;

// Reads each version's traffic from Prometheus: expands the profile's templates with the
// version's matcher and the window, runs the seven queries of every version at once, and
// reports one VersionTraffic per version, in the order asked, exactly once. A query that fails
// leaves its signal without a value and with the error; the others are unaffected.
//
//   requests_per_s        requests_per_s
//   error_5xx_share       (errors_5xx_per_s) / (requests_per_s)   NaN (no requests) → no data
//   rate_limited_per_min  rate_limited_per_s × 60
//   auth_failures_per_min auth_failures_per_s × 60
//   chat/embed/rerank_p95_ms  *_p95_s × 1000
class TrafficReader : public QObject {
    Q_OBJECT
public:
    explicit TrafficReader(PrometheusClient &client, QObject *parent = nullptr);
    ~TrafficReader() override;

    // Starts reading; finished() follows, never from inside read(). A read in progress is
    // cancelled first (and does not report).
    void read(const QList<VersionSelector> &versions);
    void cancel();
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    void finished(const QList<golive::VersionTraffic> &traffic);

private:
    struct SignalSpec {
        QString key;
        QString promqlTemplate;
        double scale;
    };
    QList<SignalSpec> signalSpecs() const;
    void onQueryFinished(int versionIndex, const QString &key, double scale,
                         const PromQueryOutcome &outcome);
    void finishIfDone();

    PrometheusClient &m_client;
    QList<VersionTraffic> m_traffic;
    QList<QPointer<PrometheusQueryJob>> m_jobs;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace golive
