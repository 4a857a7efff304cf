#pragma once

#include "src/common/Error.h"
#include "src/common/HttpRequestSpec.h"
#include "src/config/PrometheusSettings.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QObject;

namespace golive {

class PrometheusQueryJob;

// Talks to the Prometheus HTTP API at `prometheus.url` (or anything that speaks it: Thanos,
// Mimir, VictoriaMetrics, managed services): builds the requests and hands each to a
// PrometheusQueryJob, which runs it through golive's one HttpJob.
//
// Credentials: the bearer token is read from the environment variable `bearer_token_env` names,
// when a query is built, and registered with the Redactor; it and `prometheus.headers` go only to
// the origin of `prometheus.url` (HttpJob refuses a redirect to any other). Queries are POSTed as
// a form, so PromQL stays out of proxies' URL logs.
class PrometheusClient {
public:
    using Environment = std::function<QString(const QString &name)>;

    // Larger answers are aborted, never buffered (a range query over a day at 15 s steps is
    // ~5 760 points per series).
    static constexpr qint64 maxAnswerBytes = 8 * 1024 * 1024;

    PrometheusClient(QNetworkAccessManager &network, PrometheusSettings settings,
                     Environment environment = {});
    ~PrometheusClient();
    PrometheusClient(const PrometheusClient &) = delete;
    PrometheusClient &operator=(const PrometheusClient &) = delete;

    const PrometheusSettings &settings() const { return m_settings; }
    // "scheme://host:port" of prometheus.url, as messages name it.
    QString origin() const;

    // `/api/v1/query` at `at` (now when absent).
    PrometheusQueryJob *instantQuery(const QString &promql, std::optional<QDateTime> at,
                                     QObject *parent);
    // `/api/v1/query_range` from `start` to `end` every `stepSeconds`.
    PrometheusQueryJob *rangeQuery(const QString &promql, const QDateTime &start,
                                   const QDateTime &end, int stepSeconds, QObject *parent);

    // The request for an API path and form, credentials included; an Error when they cannot be
    // had (no URL, the token's variable unset). Public so tests can inspect what is sent.
    using Form = QList<std::pair<QString, QString>>;
    Result<HttpRequestSpec> request(const QString &apiPath, const Form &form);

private:
    PrometheusQueryJob *makeJob(const QString &promql, const QString &apiPath, const Form &form,
                                QObject *parent);

    QNetworkAccessManager &m_network;
    PrometheusSettings m_settings;
    Environment m_environment;
    QString m_registeredToken;
};

} // namespace golive
