#include "src/traffic/TrafficHistoryReader.h"

#include "src/traffic/PrometheusClient.h"
#include "src/traffic/PrometheusQueryJob.h"

#include <QTimer>

#include <cmath>

namespace golive {

TrafficHistoryReader::TrafficHistoryReader(PrometheusClient &client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

TrafficHistoryReader::~TrafficHistoryReader()
{
    cancel();
}

void TrafficHistoryReader::cancel()
{
    ++m_generation;
    for (const QPointer<PrometheusQueryJob> &job : std::as_const(m_jobs)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
            job->deleteLater();
        }
    }
    m_jobs.clear();
    m_pending = 0;
}

void TrafficHistoryReader::read(const QList<VersionSelector> &versions, const QDateTime &from,
                                const QDateTime &to, int stepSeconds)
{
    cancel();
    m_history.clear();
    const PrometheusSettings &settings = m_client.settings();
    const std::pair<QString, QString> endpoints[] = {
        {QStringLiteral("chat"), settings.queries.chatP95S},
        {QStringLiteral("embed"), settings.queries.embedP95S},
        {QStringLiteral("rerank"), settings.queries.rerankP95S}};
    for (const VersionSelector &version : versions) {
        const auto matcher = traffictemplate::versionMatcher(settings.versionMatcher, version);
        for (const auto &[endpoint, queryTemplate] : endpoints) {
            TrafficHistory history;
            history.version = version.name;
            history.endpoint = endpoint;
            if (matcher.ok())
                history.promql =
                    traffictemplate::expand(queryTemplate, matcher.value(), settings.window);
            else
                history.error = matcher.error().message;
            m_history.append(history);
        }
    }
    const quint64 generation = m_generation;
    for (int index = 0; index < m_history.size(); ++index) {
        if (!m_history[index].error.isEmpty())
            continue;
        PrometheusQueryJob *job =
            m_client.rangeQuery(m_history[index].promql, from, to, stepSeconds, this);
        connect(job, &PrometheusQueryJob::finished, this,
                [this, job, index, generation](const PromQueryOutcome &outcome) {
                    job->deleteLater();
                    if (generation == m_generation)
                        onFinished(index, outcome);
                });
        m_jobs.append(job);
        ++m_pending;
        job->start();
    }
    if (m_pending == 0) {
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation)
                Q_EMIT finished(m_history);
        });
    }
}

void TrafficHistoryReader::onFinished(int index, const PromQueryOutcome &outcome)
{
    TrafficHistory &history = m_history[index];
    if (!outcome.result) {
        history.error = outcome.result.error().message;
    } else if (!outcome.result.value().series.isEmpty()) {
        // The P95 templates aggregate to one series; NaN (a step without calls) is no point.
        for (const auto &[atMs, seconds] : outcome.result.value().series.first().points) {
            if (std::isfinite(seconds))
                history.pointsMs.append({atMs, seconds * 1000.0});
        }
    }
    if (--m_pending == 0) {
        m_jobs.clear();
        Q_EMIT finished(m_history);
    }
}

} // namespace golive
