#include "src/traffic/PrometheusRules.h"

#include "src/metrics/Alert.h"
#include "src/traffic/TrafficTemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace golive {

namespace {

// The per-minute rules look at the last minute: the seed counts "per minute".
constexpr int minuteWindowS = 60;

QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString rateLimitedPerMinText(int perMin)
{
    return QString::number(perMin);
}

void appendGroup(QByteArray &out, const QList<PrometheusAlertRule> &rules, int intervalS,
                 const QByteArray &indent)
{
    out += indent + "- name: " + PrometheusRules::groupName + "\n";
    out += indent + "  interval: " + promDuration(intervalS).toUtf8() + "\n";
    out += indent + "  rules:\n";
    for (const PrometheusAlertRule &rule : rules) {
        const QByteArray item = indent + "    ";
        out += item + "- alert: " + rule.alert.toUtf8() + "\n";
        out += item + "  expr: " + PrometheusRules::yamlScalar(rule.expr) + "\n";
        if (!rule.forDuration.isEmpty())
            out += item + "  for: " + rule.forDuration.toUtf8() + "\n";
        out += item + "  labels:\n";
        out += item + "    severity: " + rule.severity.toUtf8() + "\n";
        out += item + "    golive_rule: " + rule.ruleId.toUtf8() + "\n";
        out += item + "  annotations:\n";
        out += item + "    summary: " + PrometheusRules::yamlScalar(rule.summary) + "\n";
        out += item + "    description: " + PrometheusRules::yamlScalar(rule.description) + "\n";
    }
}

} // namespace

QByteArray PrometheusRules::yamlScalar(const QString &text)
{
    bool plainEnough = true;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            plainEnough = false;
    }
    // Single quotes keep every character literally; only ' itself is doubled. Leading or
    // trailing spaces are kept too.
    if (plainEnough) {
        QString quoted = text;
        quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
        return '\'' + quoted.toUtf8() + '\'';
    }
    const QByteArray wrapped = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QList<PrometheusAlertRule> PrometheusRules::fromProfile(const Profile &profile,
                                                        int evaluationIntervalS)
{
    const PrometheusSettings &prometheus = profile.prometheus;
    const AlertThresholds &alerts = profile.alerts;
    const PrometheusQueries &queries = prometheus.queries;
    const auto query = [&](const QString &queryTemplate, int windowS) {
        return QStringLiteral("(%1)").arg(
            traffictemplate::expand(queryTemplate, prometheus.alertMatcher, promDuration(windowS)));
    };
    const QString minute = promDuration(minuteWindowS);
    QList<PrometheusAlertRule> rules;

    const int consecutive = alerts.unreachableConsecutiveFailures;
    PrometheusAlertRule unreachable;
    unreachable.alert = QStringLiteral("CohereUnreachable");
    unreachable.ruleId = QString::fromLatin1(ruleid::cohereUnreachable);
    unreachable.severity = QStringLiteral("P1");
    unreachable.expr = QStringLiteral("%1 / %2 >= 1")
                           .arg(query(queries.unreachablePerS, minuteWindowS),
                                query(queries.requestsPerS, minuteWindowS));
    unreachable.forDuration =
        consecutive > 1 ? promDuration(qint64(consecutive - 1) * evaluationIntervalS) : QString();
    unreachable.summary = QStringLiteral("Cohere unreachable");
    unreachable.description =
        QStringLiteral("Every Cohere call got no HTTP answer (network error or timeout) over "
                       "the last %1, on %2 consecutive evaluations. Seed: health check fails "
                       "%2x.")
            .arg(minute)
            .arg(consecutive);
    rules.append(unreachable);

    const QString errorWindow = promDuration(alerts.errorRateWindowS);
    const double errorShare = alerts.errorRate5xxPercent / 100.0;
    PrometheusAlertRule errors;
    errors.alert = QStringLiteral("CohereHighErrorRate");
    errors.ruleId = QString::fromLatin1(ruleid::highErrorRate);
    errors.severity = QStringLiteral("P1");
    errors.expr =
        QStringLiteral("%1 / %2 > %3")
            .arg(query(queries.errors5xxPerS, alerts.errorRateWindowS),
                 query(queries.requestsPerS, alerts.errorRateWindowS), number(errorShare));
    errors.summary = QStringLiteral("High Cohere error rate");
    errors.valueTemplate = QStringLiteral("{{ $value | humanizePercentage }}");
    errors.description =
        QStringLiteral("%1 of Cohere requests got a 5xx over the last %2; "
                       "alert above %3 %.")
            .arg(errors.valueTemplate, errorWindow, number(alerts.errorRate5xxPercent));
    rules.append(errors);

    PrometheusAlertRule limited;
    limited.alert = QStringLiteral("CohereRateLimited");
    limited.ruleId = QString::fromLatin1(ruleid::rateLimited);
    limited.severity = QStringLiteral("P2");
    limited.expr = QStringLiteral("%1 * 60 > %2")
                       .arg(query(queries.rateLimitedPerS, minuteWindowS),
                            rateLimitedPerMinText(alerts.rateLimitedPerMin));
    limited.summary = QStringLiteral("Cohere rate limited");
    limited.valueTemplate = QStringLiteral("{{ $value | humanize }}");
    limited.description =
        QStringLiteral("%1 Cohere responses per minute were HTTP 429 over the "
                       "last %2; alert above %3/min.")
            .arg(limited.valueTemplate, minute, rateLimitedPerMinText(alerts.rateLimitedPerMin));
    rules.append(limited);

    const QString latencyWindow = promDuration(alerts.latencyWindowS);
    PrometheusAlertRule latency;
    latency.alert = QStringLiteral("CohereHighLatency");
    latency.ruleId = QString::fromLatin1(ruleid::highLatency);
    latency.severity = QStringLiteral("P2");
    latency.expr = QStringLiteral("%1 > %2").arg(query(queries.chatP95S, alerts.latencyWindowS),
                                                 number(alerts.chatP95AlertMs / 1000.0));
    latency.summary = QStringLiteral("High Cohere chat latency");
    latency.valueTemplate = QStringLiteral("{{ $value | humanizeDuration }}");
    latency.description = QStringLiteral("Chat P95 is %1 over the last %2; alert above %3 ms.")
                              .arg(latency.valueTemplate, latencyWindow)
                              .arg(alerts.chatP95AlertMs);
    rules.append(latency);

    if (alerts.authFailureAny) {
        PrometheusAlertRule auth;
        auth.alert = QStringLiteral("CohereAuthFailure");
        auth.ruleId = QString::fromLatin1(ruleid::authFailure);
        auth.severity = QStringLiteral("P1");
        auth.expr = QStringLiteral("%1 > 0").arg(query(queries.authFailuresPerS, minuteWindowS));
        auth.summary = QStringLiteral("Cohere refused the API key");
        auth.description = QStringLiteral("Cohere answered 401 (key refused) within the last "
                                          "%1; alert on any.")
                               .arg(minute);
        rules.append(auth);
    }

    PrometheusAlertRule budget;
    budget.alert = QStringLiteral("CohereBudgetExceeded");
    budget.ruleId = QString::fromLatin1(ruleid::budgetExceeded);
    budget.severity = QStringLiteral("P2");
    budget.expr = QStringLiteral("%1 > %2").arg(query(prometheus.costQuery(alerts.prices), 86'400),
                                                number(alerts.budgetDailyUsd));
    budget.summary = QStringLiteral("Cohere budget exceeded");
    budget.valueTemplate = QStringLiteral("{{ $value | printf \"%.2f\" }}");
    budget.description =
        QStringLiteral("Cohere spend over the last 24 h is $%1; alert above $%2.%3")
            .arg(budget.valueTemplate, number(alerts.budgetDailyUsd),
                 alerts.pricesVerified ? QString()
                                       : QStringLiteral(" Prices are unverified placeholders "
                                                        "(alerts.prices_verified)."));
    rules.append(budget);
    return rules;
}

QByteArray PrometheusRules::rulesFile(const QList<PrometheusAlertRule> &rules,
                                      int evaluationIntervalS)
{
    QByteArray out = "# The seed's Cohere monitoring alerts on real traffic, written by "
                     "`golive alerts export`.\n"
                     "groups:\n";
    appendGroup(out, rules, evaluationIntervalS, QByteArray());
    return out;
}

QByteArray PrometheusRules::prometheusRule(const QList<PrometheusAlertRule> &rules,
                                           int evaluationIntervalS, const QString &namespaceName)
{
    QByteArray out = "# The seed's Cohere monitoring alerts on real traffic, written by "
                     "`golive alerts export --format prometheus-operator`.\n"
                     "apiVersion: monitoring.coreos.com/v1\n"
                     "kind: PrometheusRule\n"
                     "metadata:\n"
                     "  name: " +
                     QByteArray(groupName) + "\n";
    if (!namespaceName.isEmpty())
        out += "  namespace: " + namespaceName.toUtf8() + "\n";
    out += "  labels:\n"
           "    app.kubernetes.io/managed-by: golive\n"
           "spec:\n"
           "  groups:\n";
    appendGroup(out, rules, evaluationIntervalS, QByteArrayLiteral("  "));
    return out;
}

} // namespace golive
