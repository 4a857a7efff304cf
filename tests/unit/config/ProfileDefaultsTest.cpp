#include "QStringPrinter.h"
#include "src/config/ProfileLoader.h"
#include "src/config/ProfileWriter.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace golive;

// The defaults are the seed checklist's values; these tests pin the ones a release team relies on.

TEST(ProfileDefaults, TheDefaultProfileJsonLoadsBackAsTheDefaultProfile)
{
    const auto loaded = ProfileLoader::fromJson(ProfileLoader::defaultProfileJson());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded.value(), Profile{});
}

TEST(ProfileDefaults, AnEmptyProfileIsTheSeedConfiguration)
{
    const auto loaded = ProfileLoader::fromJson("{}");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    const Profile &p = loaded.value();
    EXPECT_EQ(p, Profile{});

    EXPECT_EQ(p.cohere.baseUrl, QUrl(QStringLiteral("https://api.cohere.com")));
    EXPECT_EQ(p.cohere.chatModel, QStringLiteral("command-r7b-12-2024"));
    EXPECT_EQ(p.cohere.embedModel, QStringLiteral("embed-v4.0"));
    EXPECT_EQ(p.cohere.rerankModel, QStringLiteral("rerank-v3.5"));
    EXPECT_EQ(p.cohere.embedInputType, QStringLiteral("search_query"));
    EXPECT_EQ(p.cohere.embeddingTypes, QStringList{QStringLiteral("float")});
    EXPECT_EQ(p.cohere.breaker.failureThreshold, 5);
    EXPECT_EQ(p.cohere.breaker.resetMs, 60'000);
    EXPECT_EQ(p.probeRequests.chatMessage, QStringLiteral("ping"));
    EXPECT_EQ(p.probeRequests.chatMaxTokens, 1);
    EXPECT_EQ(p.probeRequests.rerankDocuments.size(), 2);
    EXPECT_FALSE(p.probeRequests.rerankQuery.isEmpty());

    EXPECT_EQ(p.statusPage.url,
              QUrl(QStringLiteral("https://status.cohere.com/api/v2/status.json")));
    EXPECT_EQ(p.health.staging, QUrl(QStringLiteral("https://staging.example.com/api/health")));
    EXPECT_EQ(p.health.production, QUrl(QStringLiteral("https://api.example.com/api/health")));

    EXPECT_EQ(p.probes.health.intervalS, 10);
    EXPECT_EQ(p.probes.chat.intervalS, 30);
    EXPECT_EQ(p.probes.embed.intervalS, 60);
    EXPECT_EQ(p.probes.rerank.intervalS, 60);
    EXPECT_EQ(p.probes.statusPage.intervalS, 60);

    EXPECT_EQ(p.alerts.unreachableConsecutiveFailures, 3);
    EXPECT_EQ(p.alerts.errorRate5xxPercent, 5.0);
    EXPECT_EQ(p.alerts.errorRateWindowS, 300);
    EXPECT_EQ(p.alerts.rateLimitedPerMin, 10);
    EXPECT_EQ(p.alerts.chatP95AlertMs, 10'000);
    EXPECT_TRUE(p.alerts.authFailureAny);
    EXPECT_GT(p.alerts.budgetDailyUsd, 0.0);
    EXPECT_FALSE(p.alerts.pricesVerified) << "default prices are placeholders";

    EXPECT_EQ(p.gates.chatP95Ms, 5'000);
    EXPECT_EQ(p.gates.embedP95Ms, 500);
    EXPECT_EQ(p.gates.rerankP95Ms, 500);
    EXPECT_EQ(p.canary.watchMinutes, 10);
    EXPECT_FALSE(p.canary.autoRollback);
    EXPECT_EQ(p.kubectl.stepTimeoutSeconds, 300);
}

TEST(ProfileDefaults, EveryDefaultModelHasAPrice)
{
    const Profile p;
    EXPECT_TRUE(p.alerts.prices.contains(p.cohere.chatModel));
    EXPECT_TRUE(p.alerts.prices.contains(p.cohere.embedModel));
    EXPECT_TRUE(p.alerts.prices.contains(p.cohere.rerankModel));
    // The seed's fallbacks too, so switching to one does not break the profile.
    for (const char *model : {"command-a-03-2025", "command-r-plus-08-2024", "command-r-08-2024",
                              "embed-english-v3.0", "rerank-english-v3.0"})
        EXPECT_TRUE(p.alerts.prices.contains(QString::fromLatin1(model))) << model;
}

TEST(ProfileDefaults, TheDefaultProfileJsonIsPrettyPrintedInReadingOrderWithEveryField)
{
    const QByteArray json = ProfileLoader::defaultProfileJson();
    EXPECT_TRUE(json.startsWith("{\n  \"version\": 1,\n  \"cohere\": {\n")) << json.left(80).data();
    EXPECT_TRUE(json.endsWith("}\n"));
    // Sections in the order a team reads them, not alphabetical.
    const QList<QByteArray> sections = {"\"cohere\"", "\"health\"", "\"status_page\"",
                                        "\"probes\"", "\"alerts\"", "\"gates\"",
                                        "\"canary\"", "\"kubectl\""};
    qsizetype previous = -1;
    for (const QByteArray &section : sections) {
        const qsizetype at = json.indexOf("\n  " + section + ": {");
        ASSERT_GT(at, previous) << section.data();
        previous = at;
    }
    for (const char *field :
         {"\"base_url\": \"https://api.cohere.com\"", "\"embedding_types\": [\"float\"]",
          "\"failure_threshold\": 5", "\"reset_ms\": 60000", "\"step_timeout_s\": 300",
          "\"prices_verified\": false", "\"input_per_mtok\"", "\"search_unit\"",
          "\"namespace\": \"\"", "\"url\": \"https://status.cohere.com/api/v2/status.json\""})
        EXPECT_TRUE(json.contains(field)) << field;
    // Whatever the layout, it is plain JSON.
    EXPECT_TRUE(QJsonDocument::fromJson(json).isObject());
}

TEST(ProfileDefaults, AProfileWithEveryFieldChangedSurvivesWriteAndLoad)
{
    Profile p;
    p.cohere.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/cohere"));
    p.cohere.chatModel = QStringLiteral("command-a-03-2025");
    p.cohere.embedModel = QStringLiteral("embed-english-v3.0");
    p.cohere.rerankModel = QStringLiteral("rerank-english-v3.0");
    p.cohere.embedInputType = QStringLiteral("clustering");
    p.cohere.embeddingTypes = {QStringLiteral("int8"), QStringLiteral("float")};
    p.cohere.requestTimeoutMs = 12'345;
    p.cohere.maxResponseBytes = 2 * 1024 * 1024;
    p.cohere.retry = RetrySettings{3, 250, 4'000, 20'000};
    p.cohere.breaker = CircuitBreakerSettings{7, 90'000};
    p.probeRequests.chatMessage = QStringLiteral("hello \"there\"\nsecond line");
    p.probeRequests.chatMaxTokens = 3;
    p.probeRequests.embedTexts = {QStringLiteral("one"), QStringLiteral("two")};
    p.probeRequests.rerankQuery = QStringLiteral("café?");
    p.probeRequests.rerankDocuments = {QStringLiteral("a"), QStringLiteral("b"),
                                       QStringLiteral("c")};
    p.health.staging = QUrl();
    p.health.production = QUrl(QStringLiteral("https://shop.example.org/healthz?deep=1"));
    p.statusPage.url = QUrl(QStringLiteral("http://localhost:9000/status.json"));
    p.kubectl = KubectlSettings{QStringLiteral("/opt/bin/kubectl"),
                                QStringLiteral("/home/me/.kube/prod"),
                                QStringLiteral("arn:aws:eks:eu-west-1:1234:cluster/prod"),
                                QStringLiteral("shop"),
                                QStringLiteral("web-api"),
                                QStringLiteral("k8s/production.yaml"),
                                600};
    p.probes.health = ProbeTiming{5, 3'000};
    p.probes.chat = ProbeTiming{45, 25'000};
    p.probes.embed = ProbeTiming{90, 4'000};
    p.probes.rerank = ProbeTiming{120, 6'000};
    p.probes.statusPage = ProbeTiming{300, 2'000};
    p.alerts.unreachableConsecutiveFailures = 4;
    p.alerts.errorRate5xxPercent = 2.5;
    p.alerts.errorRateWindowS = 600;
    p.alerts.rateLimitedPerMin = 20;
    p.alerts.chatP95AlertMs = 8'000;
    p.alerts.latencyWindowS = 120;
    p.alerts.authFailureAny = false;
    p.alerts.budgetDailyUsd = 12.75;
    p.alerts.pricesVerified = true;
    // Price entries merge over the defaults, so the table that survives is the merged one.
    p.alerts.prices.insert(QStringLiteral("command-a-03-2025"), ModelPrice{2.4, 9.0, 0.0});
    p.alerts.prices.insert(QStringLiteral("command-a-reasoning-08-2025"),
                           ModelPrice{2.5, 10.0, 0.0});
    p.gates = GateThresholds{4'000, 300, 400};
    p.canary = CanarySettings{15, true, {8080, QStringLiteral("/api/health")}, 90, 2.5, 1.5, 7};

    // Every section really differs from the default, or this test would prove nothing.
    const Profile d;
    EXPECT_NE(p.cohere, d.cohere);
    EXPECT_NE(p.probeRequests, d.probeRequests);
    EXPECT_NE(p.health, d.health);
    EXPECT_NE(p.statusPage, d.statusPage);
    EXPECT_NE(p.kubectl, d.kubectl);
    EXPECT_NE(p.probes, d.probes);
    EXPECT_NE(p.alerts, d.alerts);
    EXPECT_NE(p.gates, d.gates);
    EXPECT_NE(p.canary, d.canary);

    const auto loaded = ProfileLoader::fromJson(ProfileWriter::toJson(p));
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded.value(), p);
}

TEST(ProfileDefaults, APartialProfileChangesOnlyWhatItNames)
{
    const auto loaded = ProfileLoader::fromJson(
        R"({"kubectl": {"namespace": "shop", "deployment": "app"}, "alerts": {"budget_daily_usd": 5}})");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    Profile expected;
    expected.kubectl.namespaceName = QStringLiteral("shop");
    expected.kubectl.deployment = QStringLiteral("app");
    expected.alerts.budgetDailyUsd = 5;
    EXPECT_EQ(loaded.value(), expected);
}
