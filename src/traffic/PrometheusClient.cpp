#include "src/traffic/PrometheusClient.h"

#include "src/common/HttpJob.h"
#include "src/secrets/Redactor.h"
#include "src/traffic/PrometheusQueryJob.h"

#include <QtGlobal>

namespace golive {

namespace {

QString unixSeconds(const QDateTime &time)
{
    return QString::number(double(time.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}

} // namespace

PrometheusClient::PrometheusClient(QNetworkAccessManager &network, PrometheusSettings settings,
                                   Environment environment)
    : m_network(network), m_settings(std::move(settings)), m_environment(std::move(environment))
{
    if (!m_environment)
        m_environment = [](const QString &name) { return qEnvironmentVariable(qPrintable(name)); };
}

PrometheusClient::~PrometheusClient()
{
    if (!m_registeredToken.isEmpty())
        Redactor::forgetSecret(m_registeredToken);
}

QString PrometheusClient::origin() const
{
    return HttpJob::origin(m_settings.url);
}

Result<HttpRequestSpec> PrometheusClient::request(const QString &apiPath, const Form &form)
{
    if (!m_settings.configured())
        return Error{promerror::configuration,
                     QStringLiteral("no Prometheus is configured (prometheus.url is empty)")};
    HttpRequestSpec spec;
    spec.method = "POST";
    QUrl url = m_settings.url;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + apiPath);
    url.setQuery(QString());
    url.setFragment(QString());
    spec.url = url;
    spec.timeoutMs = m_settings.timeoutMs;
    spec.maxBodyBytes = maxAnswerBytes;
    // application/x-www-form-urlencoded, every byte outside the unreserved set escaped ('+' in
    // PromQL must not turn into a space).
    QByteArrayList fields;
    for (const auto &[key, value] : form)
        fields.append(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    spec.body = fields.join('&');
    spec.headers.emplaceBack(QByteArrayLiteral("Content-Type"),
                             QByteArrayLiteral("application/x-www-form-urlencoded"));
    spec.headers.emplaceBack(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : m_settings.headers)
        spec.headers.emplaceBack(name.toLatin1(), value.toUtf8());
    if (!m_settings.bearerTokenEnv.isEmpty()) {
        const QString token = m_environment(m_settings.bearerTokenEnv).trimmed();
        if (token.isEmpty())
            return Error{promerror::configuration,
                         QStringLiteral("prometheus.bearer_token_env names %1, which is not set "
                                        "in golive's environment; no query was sent without it")
                             .arg(m_settings.bearerTokenEnv)};
        if (token != m_registeredToken) {
            if (!m_registeredToken.isEmpty())
                Redactor::forgetSecret(m_registeredToken);
            Redactor::registerSecret(token);
            m_registeredToken = token;
        }
        spec.headers.emplaceBack(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    }
    return spec;
}

PrometheusQueryJob *PrometheusClient::makeJob(const QString &promql, const QString &apiPath,
                                              const Form &form, QObject *parent)
{
    return new PrometheusQueryJob(m_network, promql, request(apiPath, form), origin(), parent);
}

PrometheusQueryJob *PrometheusClient::instantQuery(const QString &promql,
                                                   std::optional<QDateTime> at, QObject *parent)
{
    Form form;
    form.append({QStringLiteral("query"), promql});
    if (at)
        form.append({QStringLiteral("time"), unixSeconds(*at)});
    return makeJob(promql, QStringLiteral("/api/v1/query"), form, parent);
}

PrometheusQueryJob *PrometheusClient::rangeQuery(const QString &promql, const QDateTime &start,
                                                 const QDateTime &end, int stepSeconds,
                                                 QObject *parent)
{
    Form form;
    form.append({QStringLiteral("query"), promql});
    form.append({QStringLiteral("start"), unixSeconds(start)});
    form.append({QStringLiteral("end"), unixSeconds(end)});
    form.append({QStringLiteral("step"), QString::number(std::max(1, stepSeconds))});
    return makeJob(promql, QStringLiteral("/api/v1/query_range"), form, parent);
}

} // namespace golive
