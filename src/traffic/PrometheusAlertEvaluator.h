#pragma once

#include "src/traffic/PrometheusRules.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace golive {

class PrometheusClient;
class PrometheusQueryJob;
struct PromQueryOutcome;

// The seed's six alert rules on the application's real traffic: on each evaluate(), one instant
// query per rule of its expression (PrometheusRules, the profile's templates with
// `prometheus.alert_matcher`, no version), as Prometheus itself would evaluate it. A result with
// series means the condition holds (firing); an empty one that it does not (clear). A query that
// fails decides nothing: the alert keeps its state and failed() says why. `for:` durations are
// not waited for here (golive asks on its alert timer; the exported rules keep them).
class PrometheusAlertEvaluator : public QObject {
    Q_OBJECT
public:
    PrometheusAlertEvaluator(PrometheusClient &client, QList<PrometheusAlertRule> rules,
                             QObject *parent = nullptr);
    ~PrometheusAlertEvaluator() override;

    // Starts a round; skipped while the previous one is still running (a slow Prometheus never
    // piles up queries).
    void evaluate();
    bool isRunning() const { return m_pending > 0; }
    const QList<PrometheusAlertRule> &rules() const { return m_rules; }

Q_SIGNALS:
    // "CohereHighErrorRate: 5xx share above 5 % — value 0.3 (Prometheus: <expr>)"
    void firing(const QString &ruleId, const QString &message);
    void clear(const QString &ruleId);
    void failed(const QString &ruleId, const QString &error);
    void roundFinished();

private:
    void onFinished(const PrometheusAlertRule &rule, const PromQueryOutcome &outcome);

    PrometheusClient &m_client;
    QList<PrometheusAlertRule> m_rules;
    QList<QPointer<PrometheusQueryJob>> m_jobs;
    int m_pending = 0;
};

} // namespace golive
