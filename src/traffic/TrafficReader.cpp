#include "src/traffic/TrafficReader.h"

#include "src/traffic/PrometheusClient.h"
#include "src/traffic/PrometheusQueryJob.h"

namespace golive {

TrafficReader::TrafficReader(PrometheusClient &client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

TrafficReader::~TrafficReader()
{
    cancel();
}

QList<TrafficReader::SignalSpec> TrafficReader::signalSpecs() const
{
    const PrometheusQueries &q = m_client.settings().queries;
    return {
        {QStringLiteral("requests_per_s"), q.requestsPerS, 1.0},
        {QStringLiteral("error_5xx_share"),
         QStringLiteral("(%1) / (%2)").arg(q.errors5xxPerS, q.requestsPerS), 1.0},
        {QStringLiteral("rate_limited_per_min"), q.rateLimitedPerS, 60.0},
        {QStringLiteral("auth_failures_per_min"), q.authFailuresPerS, 60.0},
        {QStringLiteral("chat_p95_ms"), q.chatP95S, 1000.0},
        {QStringLiteral("embed_p95_ms"), q.embedP95S, 1000.0},
        {QStringLiteral("rerank_p95_ms"), q.rerankP95S, 1000.0},
    };
}

void TrafficReader::read(const QList<VersionSelector> &versions)
{
    cancel();
    ++m_generation;
    m_traffic.clear();
    const PrometheusSettings &settings = m_client.settings();
    const QList<SignalSpec> specs = signalSpecs();
    for (int index = 0; index < versions.size(); ++index) {
        const VersionSelector &version = versions[index];
        VersionTraffic traffic;
        traffic.version = version.name;
        traffic.window = settings.window;
        const auto matcher = traffictemplate::versionMatcher(settings.versionMatcher, version);
        traffic.matcher = matcher.ok() ? matcher.value() : QString();
        for (const SignalSpec &spec : specs) {
            TrafficSignal *signal = traffic.signalByKey(spec.key);
            Q_ASSERT(signal); // the list above and VersionTraffic name the same seven
            if (!matcher.ok()) {
                signal->error = matcher.error().message;
                continue;
            }
            signal->promql =
                traffictemplate::expand(spec.promqlTemplate, matcher.value(), settings.window);
        }
        m_traffic.append(traffic);
    }
    for (int index = 0; index < m_traffic.size(); ++index) {
        for (const SignalSpec &spec : specs) {
            const TrafficSignal *signal = m_traffic[index].signalByKey(spec.key);
            if (!signal || signal->failed())
                continue;
            PrometheusQueryJob *job = m_client.instantQuery(signal->promql, std::nullopt, this);
            const quint64 generation = m_generation;
            connect(job, &PrometheusQueryJob::finished, this,
                    [this, job, index, key = spec.key, scale = spec.scale,
                     generation](const PromQueryOutcome &outcome) {
                        job->deleteLater();
                        if (generation != m_generation)
                            return;
                        onQueryFinished(index, key, scale, outcome);
                    });
            m_jobs.append(job);
            ++m_pending;
            job->start();
        }
    }
    if (m_pending == 0) {
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    finishIfDone();
            },
            Qt::QueuedConnection);
    }
}

void TrafficReader::cancel()
{
    ++m_generation; // whatever still reports belongs to a read nobody waits for
    const auto jobs = m_jobs;
    m_jobs.clear();
    m_pending = 0;
    for (const QPointer<PrometheusQueryJob> &job : jobs) {
        if (job)
            job->cancel();
    }
}

void TrafficReader::onQueryFinished(int versionIndex, const QString &key, double scale,
                                    const PromQueryOutcome &outcome)
{
    TrafficSignal *signal = m_traffic[versionIndex].signalByKey(key);
    if (!outcome.result.ok()) {
        signal->error = outcome.result.error().message;
    } else {
        const auto single = singleValueOf(outcome.result.value());
        if (!single.ok()) {
            signal->error = single.error().message;
        } else {
            signal->note = single.value().note;
            if (single.value().value)
                signal->value = *single.value().value * scale;
        }
    }
    --m_pending;
    finishIfDone();
}

void TrafficReader::finishIfDone()
{
    if (m_pending > 0)
        return;
    m_jobs.clear();
    Q_EMIT finished(m_traffic);
}

} // namespace golive
