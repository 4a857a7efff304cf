#include "rollout/HealthChecker.h"

#include "common/HttpJob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace golive {

HttpHealthChecker::HttpHealthChecker(QNetworkAccessManager &network, HealthSettings health,
                                     StatusPageSettings statusPage, int timeoutMs, QObject *parent)
    : QObject(parent), m_network(network), m_health(std::move(health)),
      m_statusPage(std::move(statusPage)), m_timeoutMs(timeoutMs)
{
}

Status HttpHealthChecker::judgeHealthBody(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QString status =
        root.value(QStringLiteral("cohere")).toObject().value(QStringLiteral("status")).toString();
    if (status == QLatin1String("healthy"))
        return std::nullopt;
    return Error{QStringLiteral("unhealthy"),
                 status.isEmpty()
                     ? QStringLiteral("the health answer has no cohere.status")
                     : QStringLiteral("cohere.status is \"%1\", not \"healthy\"").arg(status)};
}

Status HttpHealthChecker::judgeStatusPageBody(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QString indicator = root.value(QStringLiteral("status"))
                                  .toObject()
                                  .value(QStringLiteral("indicator"))
                                  .toString();
    if (indicator == QLatin1String("none") || indicator == QLatin1String("minor"))
        return std::nullopt;
    return Error{QStringLiteral("unhealthy"),
                 indicator.isEmpty()
                     ? QStringLiteral("the status page answer has no status.indicator")
                     : QStringLiteral("the Cohere status page reports \"%1\"").arg(indicator)};
}

void HttpHealthChecker::check(const QString &target, std::function<void(Status)> done)
{
    QUrl url;
    bool statusPage = false;
    if (target == QLatin1String("staging") || target == QLatin1String("staging-health"))
        url = m_health.staging;
    else if (target == QLatin1String("production") || target == QLatin1String("production-health"))
        url = m_health.production;
    else if (target == QLatin1String("status-page")) {
        url = m_statusPage.url;
        statusPage = true;
    } else {
        done(Error{QStringLiteral("unknown-check"),
                   QStringLiteral("no health check is known as \"%1\"").arg(target)});
        return;
    }
    if (url.isEmpty()) {
        done(Error{QStringLiteral("not-configured"),
                   QStringLiteral("the profile sets no URL for the %1 check").arg(target)});
        return;
    }
    HttpRequestSpec spec;
    spec.url = url;
    spec.timeoutMs = m_timeoutMs;
    auto *job = new HttpJob(m_network, spec, this);
    connect(
        job, &HttpJob::finished, this,
        [job, url, statusPage, done = std::move(done)](const HttpOutcome &outcome) {
            job->deleteLater();
            if (!outcome.completed()) {
                done(Error{QStringLiteral("unreachable"),
                           QStringLiteral("%1: %2").arg(url.toDisplayString(), outcome.message)});
                return;
            }
            if (outcome.status < 200 || outcome.status > 299) {
                done(Error{QStringLiteral("unhealthy"), QStringLiteral("%1 answered HTTP %2")
                                                            .arg(url.toDisplayString())
                                                            .arg(outcome.status)});
                return;
            }
            done(statusPage ? judgeStatusPageBody(outcome.body) : judgeHealthBody(outcome.body));
        });
    job->start();
}

} // namespace golive
