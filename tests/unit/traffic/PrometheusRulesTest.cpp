#include "src/traffic/PrometheusRules.h"

#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

namespace {

const PrometheusAlertRule *find(const QList<PrometheusAlertRule> &rules, const QString &alert)
{
    for (const PrometheusAlertRule &rule : rules) {
        if (rule.alert == alert)
            return &rule;
    }
    return nullptr;
}

} // namespace

TEST(PrometheusRules, TheSixSeedAlertsHaveStableNamesSeveritiesAndTheProfilesThresholds)
{
    Profile profile;
    profile.alerts.errorRate5xxPercent = 2.5;
    profile.alerts.rateLimitedPerMin = 20;
    profile.alerts.budgetDailyUsd = 75;
    const auto rules = PrometheusRules::fromProfile(profile, 60);
    QStringList names;
    for (const PrometheusAlertRule &rule : rules)
        names << rule.alert + QLatin1Char('=') + rule.severity;
    EXPECT_EQ(names, (QStringList{QStringLiteral("CohereUnreachable=P1"),
                                  QStringLiteral("CohereHighErrorRate=P1"),
                                  QStringLiteral("CohereRateLimited=P2"),
                                  QStringLiteral("CohereHighLatency=P2"),
                                  QStringLiteral("CohereAuthFailure=P1"),
                                  QStringLiteral("CohereBudgetExceeded=P2")}));
    EXPECT_TRUE(find(rules, QStringLiteral("CohereHighErrorRate"))
                    ->expr.endsWith(QLatin1String(") > 0.025")));
    EXPECT_TRUE(find(rules, QStringLiteral("CohereRateLimited"))
                    ->expr.endsWith(QLatin1String(") * 60 > 20")));
    EXPECT_TRUE(
        find(rules, QStringLiteral("CohereHighLatency"))->expr.endsWith(QLatin1String(") > 10")));
    EXPECT_TRUE(find(rules, QStringLiteral("CohereBudgetExceeded"))
                    ->expr.endsWith(QLatin1String(") > 75")));
    // "Health check fails 3x": three evaluations in a row, two intervals after the first.
    EXPECT_EQ(find(rules, QStringLiteral("CohereUnreachable"))->forDuration, QStringLiteral("2m"));
    EXPECT_EQ(PrometheusRules::fromProfile(profile, 30).first().forDuration, QStringLiteral("1m"));
}

TEST(PrometheusRules, TheAlertMatcherReplacesVersionAndNoMatcherSelectsTheWholeApplication)
{
    Profile profile;
    const auto all = PrometheusRules::fromProfile(profile, 60);
    for (const PrometheusAlertRule &rule : all)
        EXPECT_FALSE(rule.expr.contains(QLatin1String("${"))) << rule.expr.toStdString();
    EXPECT_TRUE(find(all, QStringLiteral("CohereRateLimited"))
                    ->expr.contains(QLatin1String(R"(cohere_requests_total{code="429"}[1m])")));
    profile.prometheus.alertMatcher = QStringLiteral(R"(namespace="shop")");
    const auto shop = PrometheusRules::fromProfile(profile, 60);
    EXPECT_TRUE(find(shop, QStringLiteral("CohereRateLimited"))
                    ->expr.contains(QLatin1String(R"({namespace="shop", code="429"}[1m])")));
}

TEST(PrometheusRules, SwitchingTheAuthRuleOffLeavesItOut)
{
    Profile profile;
    profile.alerts.authFailureAny = false;
    EXPECT_EQ(find(PrometheusRules::fromProfile(profile, 60), QStringLiteral("CohereAuthFailure")),
              nullptr);
}

TEST(PrometheusRules, YamlScalarsKeepPromQLAndTemplatesLiterally)
{
    EXPECT_EQ(PrometheusRules::yamlScalar(QStringLiteral(R"(x{code="5.."} > 0)")),
              QByteArray(R"('x{code="5.."} > 0')"));
    EXPECT_EQ(PrometheusRules::yamlScalar(QStringLiteral("it's")), QByteArray("'it''s'"));
    EXPECT_EQ(PrometheusRules::yamlScalar(QStringLiteral("a\nb")), QByteArray(R"("a\nb")"));
}

TEST(PrometheusRules, ThePrometheusRuleResourceWrapsTheSameGroup)
{
    Profile profile;
    const auto rules = PrometheusRules::fromProfile(profile, 60);
    const QByteArray plain = PrometheusRules::rulesFile(rules, 60);
    const QByteArray wrapped = PrometheusRules::prometheusRule(rules, 60, QStringLiteral("shop"));
    EXPECT_TRUE(wrapped.contains("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n"));
    EXPECT_TRUE(wrapped.contains("  namespace: shop\n"));
    // The group, indented by two, is the rules file's group.
    const QByteArray group = plain.mid(plain.indexOf("- name:"));
    QByteArray indented;
    for (const QByteArray &lineText : group.split('\n'))
        indented += lineText.isEmpty() ? QByteArray() : "  " + lineText + '\n';
    EXPECT_TRUE(wrapped.endsWith(indented)) << wrapped.toStdString();
}
