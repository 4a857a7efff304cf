#include "src/traffic/PrometheusQueryJob.h"

#include "src/common/ErrorKind.h"
#include "src/common/HttpJob.h"

namespace golive {

PrometheusQueryJob::PrometheusQueryJob(QNetworkAccessManager &network, QString promql,
                                       Result<HttpRequestSpec> request, QString origin,
                                       QObject *parent)
    : QObject(parent), m_network(network), m_promql(std::move(promql)),
      m_request(std::move(request)), m_origin(std::move(origin))
{
}

PrometheusQueryJob::~PrometheusQueryJob() = default;

void PrometheusQueryJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (!m_request.ok()) {
        const Error error = m_request.error();
        QMetaObject::invokeMethod(
            this, [this, error] { finish(error, 0); }, Qt::QueuedConnection);
        return;
    }
    m_http = new HttpJob(m_network, m_request.value(), this);
    // The request holds the token; it lives in the HttpJob now, and only for the exchange.
    m_request = Error{QStringLiteral("sent"), QString()};
    connect(m_http, &HttpJob::finished, this, &PrometheusQueryJob::onHttpFinished);
    m_http->start();
}

void PrometheusQueryJob::cancel()
{
    if (m_finished)
        return;
    if (m_http)
        m_http->cancel(); // reports Cancelled through onHttpFinished
    else
        finish(Error{errorkind::cancelled, QStringLiteral("cancelled")}, 0);
}

void PrometheusQueryJob::onHttpFinished(const HttpOutcome &http)
{
    if (http.kind == HttpOutcomeKind::Cancelled) {
        finish(Error{errorkind::cancelled, QStringLiteral("cancelled")}, http.latencyMs);
        return;
    }
    finish(parsePrometheusAnswer(http, m_origin), http.latencyMs);
}

void PrometheusQueryJob::finish(Result<PromData> result, qint64 latencyMs)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_http)
        m_http->deleteLater();
    Q_EMIT finished(PromQueryOutcome{m_promql, std::move(result), latencyMs});
}

} // namespace golive
