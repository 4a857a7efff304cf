#pragma once

#include "src/common/Error.h"
#include "src/common/HttpRequestSpec.h"
#include "src/traffic/PromData.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;

namespace golive {

class HttpJob;
struct HttpOutcome;

// How one query ended: the PromQL that ran and Prometheus' data or the reason there is none.
struct PromQueryOutcome {
    QString promql;
    Result<PromData> result;
    qint64 latencyMs = 0;
};

// One query against the Prometheus API: one HttpJob, then the answer parsed. Reports exactly
// once through finished(), never from inside start(); cancel() reports a cancellation.
class PrometheusQueryJob : public QObject {
    Q_OBJECT
public:
    // `request` is the HTTP exchange, or why there is none (reported as the outcome).
    PrometheusQueryJob(QNetworkAccessManager &network, QString promql,
                       Result<HttpRequestSpec> request, QString origin, QObject *parent = nullptr);
    ~PrometheusQueryJob() override;

    const QString &promql() const { return m_promql; }
    void start();
    void cancel();

Q_SIGNALS:
    void finished(const golive::PromQueryOutcome &outcome);

private:
    void onHttpFinished(const HttpOutcome &http);
    void finish(Result<PromData> result, qint64 latencyMs);

    QNetworkAccessManager &m_network;
    QString m_promql;
    Result<HttpRequestSpec> m_request;
    QString m_origin;
    QPointer<HttpJob> m_http;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::PromQueryOutcome)
