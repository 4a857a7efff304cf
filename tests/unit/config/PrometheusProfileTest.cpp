#include "src/config/ProfileLoader.h"
#include "src/config/ProfileWriter.h"
#include "src/config/PrometheusSettings.h"

#include "QStringPrinter.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace golive;

namespace {

QString problemOf(const QByteArray &json)
{
    const auto loaded = ProfileLoader::fromJson(json);
    if (loaded.ok()) {
        ADD_FAILURE() << "profile loaded, expected a problem: " << json.toStdString();
        return {};
    }
    QStringList lines = loaded.error().message.split(QStringLiteral("\n  "));
    lines.removeFirst();
    EXPECT_EQ(lines.size(), 1) << loaded.error().message.toStdString();
    return lines.value(0);
}

} // namespace

TEST(PrometheusProfile,
     WithoutASectionNoPrometheusIsConfiguredAndTheDefaultsReadTheDocumentedMetrics)
{
    const Profile profile;
    EXPECT_FALSE(profile.prometheus.configured());
    EXPECT_EQ(profile.prometheus.versionMatcher, QStringLiteral(R"json(pod=~"${pods}")json"));
    EXPECT_EQ(profile.prometheus.window, QStringLiteral("5m"));
    const PrometheusQueries &q = profile.prometheus.queries;
    EXPECT_EQ(q.requestsPerS,
              QStringLiteral("sum(rate(cohere_requests_total{${version}}[${window}]))"));
    EXPECT_TRUE(q.errors5xxPerS.contains(QLatin1String(R"json(code=~"5..")json")));
    EXPECT_TRUE(q.rateLimitedPerS.contains(QLatin1String(R"json(code="429")json")));
    EXPECT_TRUE(q.authFailuresPerS.contains(QLatin1String("401")));
    EXPECT_TRUE(q.chatP95S.contains(QLatin1String("cohere_request_duration_seconds_bucket")));
    EXPECT_TRUE(q.chatP95S.contains(QLatin1String(R"json(endpoint="chat")json")));
    EXPECT_TRUE(q.costUsdPerDay.isEmpty()); // built from alerts.prices
}

TEST(PrometheusProfile, EveryKeyIsReadAndTheWriterGivesItBack)
{
    const QByteArray json = R"json({"prometheus": {
        "url": "https://mimir.example.com/prometheus",
        "bearer_token_env": "PROM_TOKEN",
        "headers": {"X-Scope-OrgID": "team-a"},
        "version_matcher": "version=\"${pod_template_hash}\"",
        "alert_matcher": "namespace=\"shop\"",
        "window": "10m",
        "timeout_ms": 3000,
        "queries": {"chat_p95_s": "histogram_quantile(0.99, sum by (le) (rate(x_bucket{${version}}[${window}])))",
                     "cost_usd_per_day" : "sum(my_cost_usd{${version}})"}}})json";
    const auto loaded = ProfileLoader::fromJson(json);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    const PrometheusSettings &p = loaded.value().prometheus;
    EXPECT_EQ(p.url, QUrl(QStringLiteral("https://mimir.example.com/prometheus")));
    EXPECT_EQ(p.bearerTokenEnv, QStringLiteral("PROM_TOKEN"));
    ASSERT_EQ(p.headers.size(), 1);
    EXPECT_EQ(p.headers.first().first, QStringLiteral("X-Scope-OrgID"));
    EXPECT_EQ(p.headers.first().second, QStringLiteral("team-a"));
    EXPECT_EQ(p.versionMatcher, QStringLiteral(R"json(version="${pod_template_hash}")json"));
    EXPECT_EQ(p.window, QStringLiteral("10m"));
    EXPECT_EQ(p.timeoutMs, 3000);
    EXPECT_TRUE(p.queries.chatP95S.startsWith(QLatin1String("histogram_quantile(0.99")));
    EXPECT_EQ(p.queries.requestsPerS, PrometheusQueries::defaults().requestsPerS);
    EXPECT_EQ(p.costQuery({}), QStringLiteral("sum(my_cost_usd{${version}})"));

    const auto again = ProfileLoader::fromJson(ProfileWriter::toJson(loaded.value()));
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again.value(), loaded.value());
}

TEST(PrometheusProfile, ProfileInitPrintsTheWholeSectionWithEveryQuery)
{
    const QJsonObject section = QJsonDocument::fromJson(ProfileLoader::defaultProfileJson())
                                    .object()
                                    .value(QStringLiteral("prometheus"))
                                    .toObject();
    for (const char *key : {"url", "bearer_token_env", "headers", "version_matcher",
                            "alert_matcher", "window", "timeout_ms", "queries"})
        EXPECT_TRUE(section.contains(QLatin1String(key))) << key;
    const QJsonObject queries = section.value(QStringLiteral("queries")).toObject();
    for (const char *key :
         {"requests_per_s", "errors_5xx_per_s", "rate_limited_per_s", "auth_failures_per_s",
          "unreachable_per_s", "chat_p95_s", "embed_p95_s", "rerank_p95_s", "cost_usd_per_day"})
        EXPECT_TRUE(queries.contains(QLatin1String(key))) << key;
}

TEST(PrometheusProfile, ACredentialInTheProfileIsRefusedAndTheWayToPassOneIsNamed)
{
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"headers": {"Authorization": "Bearer abc"}}})json")
                    .contains(QLatin1String("prometheus.bearer_token_env")));
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"url": "https://user:pw@prom.example.com"}})json")
                    .startsWith(QLatin1String("prometheus.url: ")));
    const QString cohereKey =
        problemOf(R"json({"prometheus": {"bearer_token_env": "CO_API_KEY"}})json");
    EXPECT_TRUE(cohereKey.startsWith(QLatin1String("prometheus.bearer_token_env: ")));
    EXPECT_TRUE(cohereKey.contains(QLatin1String("Cohere"))) << cohereKey.toStdString();
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"bearer_token_env": "PROM TOKEN"}})json")
                    .contains(QLatin1String("not an environment variable name")));
}

TEST(PrometheusProfile, BadTemplatesAreNamedWithTheirPathAndWhatIsWrong)
{
    EXPECT_EQ(
        problemOf(
            R"json({"prometheus": {"queries": {"requests_per_s": "sum(rate(cohere_requests_total[5m]))"}}})json"),
        QStringLiteral("prometheus.queries.requests_per_s: must contain ${version}, or "
                       "canary and stable would read the same series"));
    EXPECT_EQ(
        problemOf(
            R"json({"prometheus": {"queries": {"chat_p95_s": "x{${version}}[${range}]"}}})json"),
        QStringLiteral("prometheus.queries.chat_p95_s: unknown placeholder ${range} "
                       "(known here: ${version}, ${window})"));
    EXPECT_EQ(problemOf(R"json({"prometheus": {"queries": {"p99": "x"}}})json").left(28),
              QStringLiteral("prometheus.queries.p99: unkn"));
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"version_matcher": "app=\"web\""}})json")
                    .contains(QLatin1String("${pods} or ${pod_template_hash}")));
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"alert_matcher": "pod=~\"${pods}\""}})json")
                    .contains(QLatin1String("unknown placeholder ${pods}")));
    EXPECT_EQ(problemOf(R"json({"prometheus": {"window": "5 minutes"}})json"),
              QStringLiteral("prometheus.window: expected a Prometheus duration such as 5m, 90s, "
                             "1h30m or 1d, found \"5 minutes\""));
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"window": "0m"}})json")
                    .startsWith(QLatin1String("prometheus.window: ")));
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"url": "ftp://prom"}})json")
                    .startsWith(QLatin1String("prometheus.url: ")));
    EXPECT_TRUE(problemOf(R"json({"prometheus": {"headers": {"X-Tenant": "a\nb"}}})json")
                    .startsWith(QLatin1String("prometheus.headers.X-Tenant: ")));
}

TEST(PrometheusProfile, DurationsReadAndWriteAsPrometheusWritesThem)
{
    EXPECT_EQ(promDurationSeconds(QStringLiteral("5m")), 300);
    EXPECT_EQ(promDurationSeconds(QStringLiteral("1h30m")), 5400);
    EXPECT_EQ(promDurationSeconds(QStringLiteral("1d")), 86'400);
    EXPECT_FALSE(promDurationSeconds(QStringLiteral("0s")));
    EXPECT_FALSE(promDurationSeconds(QStringLiteral("m5")));
    EXPECT_EQ(promDuration(300), QStringLiteral("5m"));
    EXPECT_EQ(promDuration(90), QStringLiteral("1m30s"));
    EXPECT_EQ(promDuration(86'400), QStringLiteral("1d"));
}

TEST(PrometheusProfile, TheCostQueryPricesEveryChargedModelAndKindFromTheProfile)
{
    QMap<QString, ModelPrice> prices;
    prices.insert(QStringLiteral("command-a-03-2025"), ModelPrice{2.5, 10.0, 0.0});
    prices.insert(QStringLiteral("rerank-v3.5"), ModelPrice{0.0, 0.0, 0.002});
    const QString query = costQueryFromPrices(prices);
    EXPECT_EQ(query, QStringLiteral(
                         "sum(increase(cohere_billed_units_total{${version}, "
                         "model=\"command-a-03-2025\", kind=\"input_tokens\"}[1d]) * 2.5e-06 or "
                         "increase(cohere_billed_units_total{${version}, "
                         "model=\"command-a-03-2025\", kind=\"output_tokens\"}[1d]) * 1e-05 or "
                         "increase(cohere_billed_units_total{${version}, "
                         "model=\"rerank-v3.5\", kind=\"search_units\"}[1d]) * 0.002)"));
}
