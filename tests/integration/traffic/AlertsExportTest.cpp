#include "src/config/Profile.h"
#include "src/traffic/PrometheusRules.h"

#include "CohereTrafficExporter.h"
#include "GoliveProcess.h"
#include "QStringPrinter.h"
#include "RealPrometheus.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;
using test::GoliveRun;
using test::RealPrometheus;
using test::runTool;

namespace {

QByteArray quoted(const QString &text)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// One promtool test case: input series (15 s apart) and what the named alert does at a time.
struct Case {
    QString alert;
    QList<std::pair<QString, QString>> series; // series, values (promtool's expanding notation)
    QString evalTime;
    bool fires;
    QString renderedValue; // what the description's {{ $value ... }} renders as, when it fires
};

class AlertsExportTest : public ::testing::Test {
protected:
    QTemporaryDir dir;

    QString path(const QString &name) const { return dir.filePath(name); }

    GoliveRun exportRules(const QStringList &extra)
    {
        return test::runGolive(QStringList{QStringLiteral("--data-dir"),
                                           path(QStringLiteral("data")), QStringLiteral("alerts"),
                                           QStringLiteral("export")} +
                               extra);
    }

    // The promtool test file: each case checks one alert at one time; a firing one with the
    // exact labels and annotations (promtool compares them whole).
    QByteArray promtoolTests(const QString &rulesFile, const QList<Case> &cases) const
    {
        const auto rules = PrometheusRules::fromProfile(Profile{}, 60);
        QByteArray yaml =
            "rule_files:\n  - " + quoted(rulesFile) + "\nevaluation_interval: 1m\ntests:\n";
        for (const Case &c : cases) {
            yaml += "  - interval: 15s\n    input_series:\n";
            for (const auto &[series, values] : c.series)
                yaml += "      - series: " + quoted(series) +
                        "\n        values: " + quoted(values) + "\n";
            yaml += "    alert_rule_test:\n      - eval_time: " + c.evalTime.toUtf8() +
                    "\n        alertname: " + c.alert.toUtf8() + "\n";
            if (!c.fires) {
                yaml += "        exp_alerts: []\n";
                continue;
            }
            const PrometheusAlertRule *rule = nullptr;
            for (const PrometheusAlertRule &r : rules) {
                if (r.alert == c.alert)
                    rule = &r;
            }
            if (!rule) {
                ADD_FAILURE() << "no rule " << c.alert.toStdString();
                continue;
            }
            QString description = rule->description;
            if (!rule->valueTemplate.isEmpty())
                description.replace(rule->valueTemplate, c.renderedValue);
            yaml +=
                "        exp_alerts:\n          - exp_labels:\n              severity: " +
                rule->severity.toUtf8() + "\n              golive_rule: " + rule->ruleId.toUtf8() +
                "\n            exp_annotations:\n              summary: " + quoted(rule->summary) +
                "\n              description: " + quoted(description) + "\n";
        }
        return yaml;
    }
};

const QString chat200 = QStringLiteral(R"(cohere_requests_total{endpoint="chat", code="200"})");
const QString chatNetwork =
    QStringLiteral(R"(cohere_requests_total{endpoint="chat", code="network"})");
const QString chat500 = QStringLiteral(R"(cohere_requests_total{endpoint="chat", code="500"})");
const QString chat429 = QStringLiteral(R"(cohere_requests_total{endpoint="chat", code="429"})");
const QString chat401 = QStringLiteral(R"(cohere_requests_total{endpoint="chat", code="401"})");

QString bucket(const QString &le)
{
    return QStringLiteral(R"(cohere_request_duration_seconds_bucket{endpoint="chat", le="%1"})")
        .arg(le);
}

const QString outputTokens =
    QStringLiteral(R"(cohere_billed_units_total{model="command-a-03-2025", kind="output_tokens"})");

// The seed's conditions, each met and each just missed.
QList<Case> seedCases()
{
    const QString s;
    return {
        // Health check fails 3x: every call fails without an answer, evaluation after evaluation.
        {QStringLiteral("CohereUnreachable"),
         {{chatNetwork, QStringLiteral("0+4x40")}, {chat200, QStringLiteral("0+0x40")}},
         QStringLiteral("2m"),
         false,
         s},
        {QStringLiteral("CohereUnreachable"),
         {{chatNetwork, QStringLiteral("0+4x40")}, {chat200, QStringLiteral("0+0x40")}},
         QStringLiteral("3m"),
         true,
         s},
        // ... only twice in a row, then answers again: never fires.
        {QStringLiteral("CohereUnreachable"),
         {{chatNetwork, QStringLiteral("0+4x8 32+0x32")},
          {chat200, QStringLiteral("0+0x8 0+4x32")}},
         QStringLiteral("4m"),
         false,
         s},
        // ... failing while other calls succeed: not unreachable.
        {QStringLiteral("CohereUnreachable"),
         {{chatNetwork, QStringLiteral("0+4x40")}, {chat200, QStringLiteral("0+4x40")}},
         QStringLiteral("5m"),
         false,
         s},
        // 5xx > 5 % of requests over 5 min: 6 % fires, 4 % does not.
        {QStringLiteral("CohereHighErrorRate"),
         {{chat500, QStringLiteral("0+6x40")}, {chat200, QStringLiteral("0+94x40")}},
         QStringLiteral("5m"),
         true,
         QStringLiteral("6%")},
        {QStringLiteral("CohereHighErrorRate"),
         {{chat500, QStringLiteral("0+4x40")}, {chat200, QStringLiteral("0+96x40")}},
         QStringLiteral("5m"),
         false,
         s},
        // 429 > 10/min: 11 a minute fires, 9 does not.
        {QStringLiteral("CohereRateLimited"),
         {{chat429, QStringLiteral("0+2.75x40")}, {chat200, QStringLiteral("0+10x40")}},
         QStringLiteral("3m"),
         true,
         QStringLiteral("11")},
        {QStringLiteral("CohereRateLimited"),
         {{chat429, QStringLiteral("0+2.25x40")}, {chat200, QStringLiteral("0+10x40")}},
         QStringLiteral("3m"),
         false,
         s},
        // Chat P95 > 10 s: every call in (10 s, 20 s] fires (P95 19.5 s), in (5 s, 10 s] does not.
        {QStringLiteral("CohereHighLatency"),
         {{bucket(QStringLiteral("5")), QStringLiteral("0+0x40")},
          {bucket(QStringLiteral("10")), QStringLiteral("0+0x40")},
          {bucket(QStringLiteral("20")), QStringLiteral("0+10x40")},
          {bucket(QStringLiteral("+Inf")), QStringLiteral("0+10x40")}},
         QStringLiteral("5m"),
         true,
         QStringLiteral("19.5s")},
        {QStringLiteral("CohereHighLatency"),
         {{bucket(QStringLiteral("5")), QStringLiteral("0+0x40")},
          {bucket(QStringLiteral("10")), QStringLiteral("0+10x40")},
          {bucket(QStringLiteral("20")), QStringLiteral("0+10x40")},
          {bucket(QStringLiteral("+Inf")), QStringLiteral("0+10x40")}},
         QStringLiteral("5m"),
         false,
         s},
        // Any 401: one fires, none does not.
        {QStringLiteral("CohereAuthFailure"),
         {{chat401, QStringLiteral("0 0 0 0 1 1 1 1 1")}, {chat200, QStringLiteral("0+5x8")}},
         QStringLiteral("1m"),
         true,
         s},
        {QStringLiteral("CohereAuthFailure"),
         {{chat401, QStringLiteral("0+0x8")}, {chat200, QStringLiteral("0+5x8")}},
         QStringLiteral("1m"),
         false,
         s},
        // Daily cost > $50: 6 M output tokens of command-a ($10/M) in an hour is $60; 3.6 M is $36.
        {QStringLiteral("CohereBudgetExceeded"),
         {{outputTokens, QStringLiteral("0+25000x240")}},
         QStringLiteral("1h"),
         true,
         QStringLiteral("60.00")},
        {QStringLiteral("CohereBudgetExceeded"),
         {{outputTokens, QStringLiteral("0+15000x240")}},
         QStringLiteral("1h"),
         false,
         s},
    };
}

} // namespace

TEST_F(AlertsExportTest, TheExportedRulesPassPromtoolCheckRules)
{
    ASSERT_TRUE(RealPrometheus::installed());
    const QString rules = path(QStringLiteral("cohere-rules.yml"));
    const GoliveRun run = exportRules(
        {QStringLiteral("--format"), QStringLiteral("prometheus"), QStringLiteral("-o"), rules});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String("6 alert rules written to")))
        << run.err.toStdString();
    const auto check = runTool(RealPrometheus::promtool(),
                               {QStringLiteral("check"), QStringLiteral("rules"), rules});
    EXPECT_EQ(check.exitCode, 0) << check.output.toStdString();
    EXPECT_TRUE(check.output.contains(QLatin1String("SUCCESS: 6 rules found")))
        << check.output.toStdString();
}

TEST_F(AlertsExportTest, EachSeedAlertFiresUnderTheSeedsConditionAndNotBelowIt)
{
    const QString rules = path(QStringLiteral("cohere-rules.yml"));
    const GoliveRun run = exportRules({QStringLiteral("-o"), rules});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QString tests = path(QStringLiteral("cohere-rules.test.yml"));
    ASSERT_TRUE(writeFile(tests, promtoolTests(rules, seedCases())));
    const auto result = runTool(RealPrometheus::promtool(),
                                {QStringLiteral("test"), QStringLiteral("rules"), tests});
    EXPECT_EQ(result.exitCode, 0) << result.output.toStdString();
    EXPECT_TRUE(result.output.contains(QLatin1String("SUCCESS"))) << result.output.toStdString();
}

TEST_F(AlertsExportTest, APromtoolTestThatExpectsTheWrongThingFails)
{
    // The control for the test above: the same machinery notices an alert that did not fire.
    const QString rules = path(QStringLiteral("cohere-rules.yml"));
    ASSERT_EQ(exportRules({QStringLiteral("-o"), rules}).exitCode, 0);
    const QString tests = path(QStringLiteral("wrong.test.yml"));
    ASSERT_TRUE(writeFile(tests, promtoolTests(rules, {{QStringLiteral("CohereHighErrorRate"),
                                                        {{chat500, QStringLiteral("0+4x40")},
                                                         {chat200, QStringLiteral("0+96x40")}},
                                                        QStringLiteral("5m"),
                                                        true,
                                                        QStringLiteral("4%")}})));
    const auto result = runTool(RealPrometheus::promtool(),
                                {QStringLiteral("test"), QStringLiteral("rules"), tests});
    EXPECT_NE(result.exitCode, 0) << result.output.toStdString();
}

TEST_F(AlertsExportTest, LoadedIntoARunningPrometheusEveryRuleIsHealthy)
{
    const QString rules = path(QStringLiteral("cohere-rules.yml"));
    const GoliveRun run =
        exportRules({QStringLiteral("-o"), rules, QStringLiteral("--evaluation-interval"),
                     QStringLiteral("1s")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    test::CohereTrafficExporter exporter;
    ASSERT_TRUE(exporter.listen());
    test::PodTraffic traffic;
    traffic.chatOk = 5;
    exporter.setPod(QStringLiteral("app-6d4f8-aaaaa"), traffic);
    RealPrometheus prometheus;
    QString error;
    ASSERT_TRUE(prometheus.start({exporter.target()}, {rules}, &error)) << error.toStdString();

    QJsonArray loaded;
    const bool evaluated = QTest::qWaitFor(
        [&] {
            const QJsonObject answer = prometheus.getJson(QStringLiteral("/api/v1/rules"));
            const QJsonArray groups = answer.value(QStringLiteral("data"))
                                          .toObject()
                                          .value(QStringLiteral("groups"))
                                          .toArray();
            if (groups.size() != 1)
                return false;
            loaded = groups.first().toObject().value(QStringLiteral("rules")).toArray();
            for (const QJsonValue &rule : loaded) {
                if (rule.toObject().value(QStringLiteral("health")).toString() ==
                    QLatin1String("unknown"))
                    return false;
            }
            return loaded.size() == 6;
        },
        60'000);
    ASSERT_TRUE(evaluated) << QJsonDocument(loaded).toJson().toStdString()
                           << prometheus.log().toStdString();
    QStringList names;
    for (const QJsonValue &value : loaded) {
        const QJsonObject rule = value.toObject();
        names << rule.value(QStringLiteral("name")).toString();
        EXPECT_EQ(rule.value(QStringLiteral("health")).toString(), QStringLiteral("ok"))
            << rule.value(QStringLiteral("name")).toString().toStdString() << ": "
            << rule.value(QStringLiteral("lastError")).toString().toStdString();
    }
    EXPECT_EQ(
        names,
        (QStringList{QStringLiteral("CohereUnreachable"), QStringLiteral("CohereHighErrorRate"),
                     QStringLiteral("CohereRateLimited"), QStringLiteral("CohereHighLatency"),
                     QStringLiteral("CohereAuthFailure"), QStringLiteral("CohereBudgetExceeded")}));
}

TEST_F(AlertsExportTest, ThePrometheusOperatorFormatIsAPrometheusRuleAroundTheSameValidGroup)
{
    const QString profileFile = path(QStringLiteral("golive.json"));
    ASSERT_TRUE(writeFile(profileFile, R"({"kubectl": {"namespace": "shop"}})"));
    const GoliveRun run =
        exportRules({QStringLiteral("--format"), QStringLiteral("prometheus-operator"),
                     QStringLiteral("--profile"), profileFile});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(
        QLatin1String("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n")));
    EXPECT_TRUE(run.out.contains(QLatin1String("  namespace: shop\n")));
    // spec.groups, moved two columns left, is a rules file promtool accepts.
    QByteArray groups = "groups:\n";
    const QString spec = run.out.mid(run.out.indexOf(QLatin1String("  groups:\n")) + 10);
    for (const QString &line : spec.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        groups += line.mid(2).toUtf8() + '\n';
    const QString extracted = path(QStringLiteral("extracted.yml"));
    ASSERT_TRUE(writeFile(extracted, groups));
    const auto check = runTool(RealPrometheus::promtool(),
                               {QStringLiteral("check"), QStringLiteral("rules"), extracted});
    EXPECT_EQ(check.exitCode, 0) << check.output.toStdString() << groups.toStdString();
}

TEST_F(AlertsExportTest, AnUnknownFormatOrABrokenProfileIsAUsageErrorAndWritesNothing)
{
    const QString rules = path(QStringLiteral("never.yml"));
    const GoliveRun format = exportRules(
        {QStringLiteral("--format"), QStringLiteral("nagios"), QStringLiteral("-o"), rules});
    EXPECT_EQ(format.exitCode, 2);
    EXPECT_TRUE(format.err.contains(QLatin1String("unknown format 'nagios'")))
        << format.err.toStdString();
    ASSERT_TRUE(
        writeFile(path(QStringLiteral("bad.json")), R"({"prometheus": {"window": "soon"}})"));
    const GoliveRun profile =
        exportRules({QStringLiteral("--profile"), path(QStringLiteral("bad.json")),
                     QStringLiteral("-o"), rules});
    EXPECT_EQ(profile.exitCode, 2);
    EXPECT_TRUE(profile.err.contains(QLatin1String("prometheus.window:")))
        << profile.err.toStdString();
    EXPECT_FALSE(QFile::exists(rules));
}

TEST_F(AlertsExportTest, ProfileCheckSaysWhetherPrometheusIsConfiguredAndWarnsOfAMissingToken)
{
    ASSERT_TRUE(writeFile(
        path(QStringLiteral("golive.json")),
        R"({"prometheus": {"url": "http://127.0.0.1:9", "bearer_token_env": "GOLIVE_TEST_UNSET_PROM_TOKEN"}})"));
    const GoliveRun run = test::runGolive(
        {QStringLiteral("profile"), QStringLiteral("check"), path(QStringLiteral("golive.json"))});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QLatin1String("prometheus: http://127.0.0.1:9, window 5m")))
        << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(
        QLatin1String("GOLIVE_TEST_UNSET_PROM_TOKEN (prometheus.bearer_token_env) is not set")))
        << run.out.toStdString();
}
