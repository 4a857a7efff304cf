#include "src/traffic/PrometheusAlertEvaluator.h"

#include "src/traffic/PrometheusClient.h"
#include "src/traffic/PrometheusQueryJob.h"

#include <utility>

namespace golive {

PrometheusAlertEvaluator::PrometheusAlertEvaluator(PrometheusClient &client,
                                                   QList<PrometheusAlertRule> rules,
                                                   QObject *parent)
    : QObject(parent), m_client(client), m_rules(std::move(rules))
{
}

PrometheusAlertEvaluator::~PrometheusAlertEvaluator()
{
    for (const QPointer<PrometheusQueryJob> &job : std::as_const(m_jobs)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void PrometheusAlertEvaluator::evaluate()
{
    if (m_pending > 0)
        return;
    m_jobs.clear();
    for (const PrometheusAlertRule &rule : std::as_const(m_rules)) {
        PrometheusQueryJob *job = m_client.instantQuery(rule.expr, std::nullopt, this);
        connect(job, &PrometheusQueryJob::finished, this,
                [this, job, rule](const PromQueryOutcome &outcome) {
                    job->deleteLater();
                    onFinished(rule, outcome);
                });
        m_jobs.append(job);
        ++m_pending;
        job->start();
    }
}

void PrometheusAlertEvaluator::onFinished(const PrometheusAlertRule &rule,
                                          const PromQueryOutcome &outcome)
{
    if (!outcome.result) {
        Q_EMIT failed(rule.ruleId, outcome.result.error().message);
    } else if (outcome.result.value().isEmpty()) {
        Q_EMIT clear(rule.ruleId);
    } else {
        const PromSeries &series = outcome.result.value().series.first();
        const QString value = series.points.isEmpty()
                                  ? QStringLiteral("?")
                                  : QString::number(series.points.first().second, 'g', 4);
        Q_EMIT firing(rule.ruleId, QStringLiteral("%1: %2, value %3 (Prometheus: %4)")
                                       .arg(rule.alert, rule.summary, value, rule.expr));
    }
    if (--m_pending == 0)
        Q_EMIT roundFinished();
}

} // namespace golive
