#pragma once

#include "src/config/Profile.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace golive {

// One of the seed's six alerts as a Prometheus alerting rule.
struct PrometheusAlertRule {
    QString alert;       // stable name, looked up in /api/v1/rules: "CohereHighErrorRate", ...
    QString ruleId;      // golive's rule id (Alert.h): label `golive_rule`
    QString severity;    // "P1" | "P2": label `severity`
    QString expr;        // PromQL, templates expanded
    QString forDuration; // "" = fires on the first evaluation that finds it true
    QString summary;
    QString description;   // may hold `{{ $value ... }}`: valueTemplate
    QString valueTemplate; // the `{{ $value ... }}` part of the description, "" if none
};

// The seed's "Monitoring Alerts" on real traffic, for the team's own Prometheus/Alertmanager:
// built from the profile's `prometheus.queries` (with `prometheus.alert_matcher` for
// `${version}`) and `alerts.*` thresholds.
//
//   CohereUnreachable    P1  every call failed without an HTTP answer (code="network") over 1m,
//                            on N consecutive evaluations (N = unreachable_consecutive_failures,
//                            as `for:` = (N-1) × the group's interval)
//   CohereHighErrorRate  P1  (errors_5xx_per_s) / (requests_per_s) > 5 % over error_rate_window_s
//   CohereRateLimited    P2  (rate_limited_per_s) × 60 > 10 over 1m
//   CohereHighLatency    P2  (chat_p95_s) > 10 s over latency_window_s
//   CohereAuthFailure    P1  (auth_failures_per_s) > 0 over 1m (left out when auth_failure_any
//                            is false)
//   CohereBudgetExceeded P2  (cost_usd_per_day) > budget_daily_usd
class PrometheusRules {
public:
    static constexpr auto groupName = "golive-cohere";

    // `evaluationIntervalS` is the group's `interval:`; `for:` durations are counted in it.
    static QList<PrometheusAlertRule> fromProfile(const Profile &profile, int evaluationIntervalS);

    // A rules file (`rule_files:` in prometheus.yml): one group with the rules.
    static QByteArray rulesFile(const QList<PrometheusAlertRule> &rules, int evaluationIntervalS);
    // The same group in a prometheus-operator `PrometheusRule` (monitoring.coreos.com/v1), in
    // `namespaceName` when it is not empty.
    static QByteArray prometheusRule(const QList<PrometheusAlertRule> &rules,
                                     int evaluationIntervalS, const QString &namespaceName);

    // A YAML scalar that reads back as `text` exactly: single-quoted when that is enough,
    // else double-quoted with JSON escapes.
    static QByteArray yamlScalar(const QString &text);
};

} // namespace golive
