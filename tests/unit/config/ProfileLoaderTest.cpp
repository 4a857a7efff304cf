#include "src/config/ProfileLoader.h"
#include "QStringPrinter.h"
#include "src/common/AtomicFile.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

// The problems a broken profile reports, one "<path>: <what>" line each. Fails the test when the
// profile loads.
QStringList problemsOf(const QByteArray &json)
{
    const auto loaded = ProfileLoader::fromJson(json);
    if (loaded.ok()) {
        ADD_FAILURE() << "profile loaded, expected problems: " << json.toStdString();
        return {};
    }
    EXPECT_EQ(loaded.error().kind, QStringLiteral("profile-invalid"));
    QStringList lines = loaded.error().message.split(QStringLiteral("\n  "));
    lines.removeFirst(); // "The profile has N problems:"
    return lines;
}

// The one problem of a profile with exactly one.
QString problemOf(const QByteArray &json)
{
    const QStringList problems = problemsOf(json);
    EXPECT_EQ(problems.size(), 1) << problems.join(QLatin1Char('\n')).toStdString();
    return problems.value(0);
}

} // namespace

TEST(ProfileLoader, AWrongTypeIsReportedWithItsPathAndTheValueFound)
{
    EXPECT_EQ(problemOf(R"({"alerts": {"rate_limited_per_min": "ten"}})"),
              QStringLiteral("alerts.rate_limited_per_min: expected a number, found \"ten\""));
    EXPECT_EQ(problemOf(R"({"canary": {"auto_rollback": "yes"}})"),
              QStringLiteral("canary.auto_rollback: expected true or false, found \"yes\""));
    EXPECT_EQ(problemOf(R"({"kubectl": {"namespace": 7}})"),
              QStringLiteral("kubectl.namespace: expected a string, found 7"));
    EXPECT_EQ(problemOf(R"({"probes": []})"),
              QStringLiteral("probes: expected an object, found an array"));
    EXPECT_EQ(problemOf(R"({"cohere": {"models": {"chat": null}}})"),
              QStringLiteral("cohere.models.chat: expected a string, found null"));
    EXPECT_EQ(problemOf(R"({"health": {"staging": true}})"),
              QStringLiteral("health.staging: expected a URL string, found true"));
}

TEST(ProfileLoader, ATeamsRunbookIsAPathAndIsReadAsGiven)
{
    const auto loaded = ProfileLoader::fromJson(R"({"runbook": "ops/golive-runbook.json"})");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded.value().runbookPath, QStringLiteral("ops/golive-runbook.json"));
    const auto wrong = ProfileLoader::fromJson(R"({"runbook": 7})");
    ASSERT_FALSE(wrong.ok());
    EXPECT_TRUE(wrong.error().message.contains(QStringLiteral("runbook:")))
        << wrong.error().message.toStdString();
}

TEST(ProfileLoader, EveryProblemIsReportedTogetherAndNoProfileIsReturned)
{
    const QByteArray json = R"({
        "alerts": {"rate_limited_per_min": "ten", "error_rate_5xx_percent": 150},
        "kubectl": {"namespace": "Prod_NS"},
        "status_page": {"url": "ftp://status.cohere.com"},
        "colour": "blue"
    })";
    const auto loaded = ProfileLoader::fromJson(json);
    ASSERT_FALSE(loaded.ok());
    EXPECT_TRUE(loaded.error().message.startsWith(QStringLiteral("The profile has 5 problems:")))
        << loaded.error().message.toStdString();
    const QStringList problems = problemsOf(json);
    ASSERT_EQ(problems.size(), 5);
    EXPECT_TRUE(problems[0].startsWith(QStringLiteral("status_page.url: ")));
    EXPECT_TRUE(problems[1].startsWith(QStringLiteral("alerts.error_rate_5xx_percent: ")));
    EXPECT_TRUE(problems[2].startsWith(QStringLiteral("alerts.rate_limited_per_min: ")));
    EXPECT_TRUE(problems[3].startsWith(QStringLiteral("kubectl.namespace: ")));
    EXPECT_EQ(problems[4], QStringLiteral("colour: unknown key"));
}

TEST(ProfileLoader, UnknownKeysAreNamedAndATypoGetsASuggestion)
{
    EXPECT_EQ(
        problemOf(R"({"probes": {"chat": {"intervall_s": 5}}})"),
        QStringLiteral("probes.chat.intervall_s: unknown key (did you mean \"interval_s\"?)"));
    EXPECT_EQ(problemOf(R"({"kubectl": {"namespaces": "shop"}})"),
              QStringLiteral("kubectl.namespaces: unknown key (did you mean \"namespace\"?)"));
    EXPECT_EQ(problemOf(R"({"probes": {"grpc": {}}})"), QStringLiteral("probes.grpc: unknown key"));
}

TEST(ProfileLoader, NumbersOutsideTheirRangeOrNotWholeAreRefused)
{
    EXPECT_EQ(problemOf(R"({"cohere": {"retry": {"max_attempts": 0}}})"),
              QStringLiteral("cohere.retry.max_attempts: must be from 1 to 10, found 0"));
    EXPECT_EQ(problemOf(R"({"cohere": {"retry": {"max_attempts": 2.5}}})"),
              QStringLiteral("cohere.retry.max_attempts: expected a whole number, found 2.5"));
    EXPECT_EQ(problemOf(R"({"alerts": {"error_rate_5xx_percent": 100.5}})"),
              QStringLiteral("alerts.error_rate_5xx_percent: must be from 0 to 100, found 100.5"));
    EXPECT_EQ(problemOf(R"({"alerts": {"budget_daily_usd": -1}})"),
              QStringLiteral("alerts.budget_daily_usd: must be from 0 to 10000000, found -1"));
    EXPECT_EQ(problemOf(R"({"probes": {"health": {"interval_s": 0}}})"),
              QStringLiteral("probes.health.interval_s: must be from 1 to 86400, found 0"));
    EXPECT_EQ(
        problemOf(R"({"kubectl": {"step_timeout_s": 1e12}})"),
        QStringLiteral("kubectl.step_timeout_s: must be from 1 to 86400, found 1000000000000"));
    // The edges of a range are inside it.
    EXPECT_TRUE(ProfileLoader::fromJson(R"({"cohere": {"retry": {"max_attempts": 10}}})").ok());
    EXPECT_TRUE(ProfileLoader::fromJson(R"({"alerts": {"error_rate_5xx_percent": 0}})").ok());
}

TEST(ProfileLoader, UrlsMustBeHttpOrHttpsWithAHostAndNoCredentials)
{
    EXPECT_EQ(problemOf(R"({"status_page": {"url": "ftp://status.cohere.com"}})"),
              QStringLiteral("status_page.url: expected an http:// or https:// URL, found "
                             "\"ftp://status.cohere.com\""));
    EXPECT_EQ(problemOf(R"({"health": {"production": "api.example.com/api/health"}})"),
              QStringLiteral("health.production: expected an http:// or https:// URL, found "
                             "\"api.example.com/api/health\""));
    EXPECT_EQ(problemOf(R"({"health": {"staging": "https:///api/health"}})"),
              QStringLiteral("health.staging: the URL \"https:///api/health\" names no host"));
    const QString credentials =
        problemOf(R"({"cohere": {"base_url": "https://me:s3cret@api.cohere.com"}})");
    EXPECT_EQ(credentials,
              QStringLiteral("cohere.base_url: the URL must not carry a user name or password"));
    EXPECT_FALSE(credentials.contains(QStringLiteral("s3cret")));
    EXPECT_EQ(problemOf(R"({"cohere": {"base_url": ""}})"),
              QStringLiteral("cohere.base_url: a URL is required here"));

    // A team without a staging endpoint leaves it empty: not probed.
    const auto noStaging = ProfileLoader::fromJson(R"({"health": {"staging": ""}})");
    ASSERT_TRUE(noStaging.ok());
    EXPECT_TRUE(noStaging.value().health.staging.isEmpty());
    EXPECT_TRUE(
        ProfileLoader::fromJson(R"({"cohere": {"base_url": "http://127.0.0.1:4010"}})").ok());
}

TEST(ProfileLoader, KubectlNamesFollowKubernetesRules)
{
    EXPECT_EQ(problemOf(R"({"kubectl": {"deployment": "Web_API"}})"),
              QStringLiteral("kubectl.deployment: \"Web_API\" is not a Kubernetes name (lowercase "
                             "letters, digits and '-', starting and ending with a letter or "
                             "digit)"));
    EXPECT_TRUE(problemOf(R"({"kubectl": {"namespace": "-shop"}})")
                    .startsWith(QStringLiteral("kubectl.namespace: \"-shop\" is not")));
    const QByteArray name64 = QByteArray(64, 'a');
    EXPECT_EQ(problemOf(R"({"kubectl": {"namespace": ")" + name64 + "\"}}"),
              QStringLiteral("kubectl.namespace: a Kubernetes name has at most 63 characters, "
                             "found 64"));
    const QByteArray name63 = QByteArray(63, 'a');
    EXPECT_TRUE(ProfileLoader::fromJson(R"({"kubectl": {"namespace": ")" + name63 + "\"}}").ok());
    // A JSON-escaped newline would hide after an otherwise valid name.
    EXPECT_TRUE(problemOf(R"({"kubectl": {"deployment": "app\n"}})")
                    .startsWith(QStringLiteral("kubectl.deployment: ")));

    // Contexts come from kubeconfig files and may be ARNs or user@cluster, but never spaced.
    const auto eks = ProfileLoader::fromJson(
        R"({"kubectl": {"context": "arn:aws:eks:eu-west-1:123:cluster/prod", "namespace": "shop"}})");
    ASSERT_TRUE(eks.ok()) << eks.error().message.toStdString();
    EXPECT_TRUE(ProfileLoader::fromJson(R"({"kubectl": {"context": "admin@prod.example"}})").ok());
    EXPECT_EQ(problemOf(R"({"kubectl": {"context": "prod cluster"}})"),
              QStringLiteral("kubectl.context: a context name must not contain spaces or control "
                             "characters"));
    EXPECT_EQ(problemOf(R"({"kubectl": {"context": "prod\t"}})"),
              QStringLiteral("kubectl.context: a context name must not contain spaces or control "
                             "characters"));
    EXPECT_EQ(problemOf(R"({"kubectl": {"context": "--all"}})"),
              QStringLiteral("kubectl.context: a context name must not start with '-'"));
    EXPECT_EQ(problemOf(R"({"kubectl": {"manifest": "-f"}})"),
              QStringLiteral("kubectl.manifest: a path must not start with '-' (write ./-f)"));
}

TEST(ProfileLoader, EmbedSettingsFollowTheCohereContract)
{
    EXPECT_EQ(problemOf(R"({"cohere": {"embed": {"input_type": "image"}}})"),
              QStringLiteral("cohere.embed.input_type: must be one of search_query, "
                             "search_document, classification, clustering, found \"image\""));
    EXPECT_EQ(problemOf(R"({"cohere": {"embed": {"embedding_types": "float"}}})"),
              QStringLiteral("cohere.embed.embedding_types: expected an array of strings, found "
                             "\"float\""));
    EXPECT_EQ(problemOf(R"({"cohere": {"embed": {"embedding_types": []}}})"),
              QStringLiteral("cohere.embed.embedding_types: expected 1 to 6 entries, found 0"));
    EXPECT_EQ(problemOf(R"({"cohere": {"embed": {"embedding_types": ["float", 8]}}})"),
              QStringLiteral("cohere.embed.embedding_types[1]: expected a string, found 8"));
    EXPECT_EQ(problemOf(R"({"cohere": {"embed": {"embedding_types": ["float", "float"]}}})"),
              QStringLiteral("cohere.embed.embedding_types[1]: \"float\" is listed twice"));
    EXPECT_TRUE(problemOf(R"({"cohere": {"embed": {"embedding_types": ["floats"]}}})")
                    .startsWith(QStringLiteral("cohere.embed.embedding_types[0]: must be one of")));
}

TEST(ProfileLoader, ProbeRequestsMustBeSmallAndNonEmpty)
{
    EXPECT_EQ(problemOf(R"({"cohere": {"rerank": {"query": "  "}}})"),
              QStringLiteral("cohere.rerank.query: must not be empty"));
    EXPECT_EQ(problemOf(R"({"cohere": {"rerank": {"documents": []}}})"),
              QStringLiteral("cohere.rerank.documents: expected 1 to 1000 entries, found 0"));
    EXPECT_EQ(problemOf(R"({"cohere": {"chat": {"max_tokens": 0}}})"),
              QStringLiteral("cohere.chat.max_tokens: must be from 1 to 100, found 0"));
    EXPECT_EQ(problemOf(R"({"cohere": {"models": {"embed": "embed v4"}}})"),
              QStringLiteral("cohere.models.embed: \"embed v4\" is not a model id (no spaces or "
                             "control characters)"));
}

TEST(ProfileLoader, PriceEntriesMergeOverTheDefaultsAndEachIsComplete)
{
    const auto loaded = ProfileLoader::fromJson(R"({"alerts": {"prices": {
        "command-a-reasoning-08-2025": {"input_per_mtok": 2.5, "output_per_mtok": 10,
                                        "search_unit": 0},
        "rerank-v3.5": {"input_per_mtok": 0, "output_per_mtok": 0, "search_unit": 0.0025}
    }}})");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    const auto &prices = loaded.value().alerts.prices;
    // One new model and one changed price; every other default stays.
    EXPECT_EQ(prices.size(), defaultModelPrices().size() + 1);
    EXPECT_EQ(prices.value(QStringLiteral("rerank-v3.5")).perSearchUnit, 0.0025);
    EXPECT_EQ(prices.value(QStringLiteral("embed-v4.0")),
              defaultModelPrices().value(QStringLiteral("embed-v4.0")));
    EXPECT_EQ(prices.value(QStringLiteral("command-a-reasoning-08-2025")).outputPerMTok, 10.0);

    const QStringList problems = problemsOf(R"({"alerts": {"prices": {
        "command-r7b-12-2024": {"input_per_mtok": 0.04, "search_unit": 0},
        "embed-v4.0": {"input_per_mtok": "cheap", "output_per_mtok": 0, "search_unit": 0,
                       "per_image": 1}
    }}})");
    EXPECT_EQ(
        problems,
        (QStringList{QStringLiteral("alerts.prices.command-r7b-12-2024.output_per_mtok: "
                                    "missing (write 0 if the model has no such charge)"),
                     QStringLiteral("alerts.prices[\"embed-v4.0\"].input_per_mtok: expected "
                                    "a number, found \"cheap\""),
                     QStringLiteral("alerts.prices[\"embed-v4.0\"].per_image: unknown key")}));
}

TEST(ProfileLoader, AModelWithoutAPriceDoesNotBlockProbing)
{
    const auto loaded = ProfileLoader::fromJson(
        R"({"cohere": {"models": {"chat": "command-r-plus", "rerank": "rerank-v4.0-pro"}}})");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded.value().cohere.chatModel, QStringLiteral("command-r-plus"));
    EXPECT_FALSE(loaded.value().alerts.prices.contains(QStringLiteral("command-r-plus")));
}

TEST(ProfileLoader, FieldsThatDependOnEachOtherAreCheckedTogether)
{
    EXPECT_EQ(problemOf(R"({"probes": {"chat": {"timeout_ms": 8000}}})"),
              QStringLiteral("probes.chat.timeout_ms: 8000 must be above "
                             "alerts.chat_p95_alert_ms (10000), or a probe is cut off before it "
                             "could cross it"));
    EXPECT_EQ(problemOf(R"({"probes": {"embed": {"timeout_ms": 500}}})"),
              QStringLiteral("probes.embed.timeout_ms: 500 must be above gates.embed_p95_ms "
                             "(500), or a probe is cut off before it could cross it"));
    EXPECT_EQ(problemOf(R"({"cohere": {"retry": {"base_delay_ms": 2000, "max_delay_ms": 1000}}})"),
              QStringLiteral("cohere.retry.max_delay_ms: 1000 is below cohere.retry.base_delay_ms "
                             "(2000)"));
}

TEST(ProfileLoader, BrokenJsonIsReportedWithItsPosition)
{
    const auto broken =
        ProfileLoader::fromJson("{\n  \"alerts\": {\n    \"budget_daily_usd\": 5,\n  }\n}");
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().kind, QStringLiteral("profile-invalid"));
    EXPECT_TRUE(
        broken.error().message.startsWith(QStringLiteral("The profile is not valid JSON: ")))
        << broken.error().message.toStdString();
    EXPECT_TRUE(broken.error().message.contains(QStringLiteral("line 4")))
        << broken.error().message.toStdString();

    const auto array = ProfileLoader::fromJson("[1, 2]");
    ASSERT_FALSE(array.ok());
    EXPECT_EQ(array.error().message,
              QStringLiteral("The profile must be a JSON object ({ ... }), found an array."));
    EXPECT_FALSE(ProfileLoader::fromJson("").ok());
}

TEST(ProfileLoader, OnlyVersionOneIsRead)
{
    EXPECT_TRUE(ProfileLoader::fromJson(R"({"version": 1})").ok());
    EXPECT_EQ(problemOf(R"({"version": 2})"),
              QStringLiteral("version: this golive reads profile version 1, found 2"));
}

TEST(ProfileLoader, ReadsAFileAndNamesItInProblems)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("golive.json"));
    ASSERT_TRUE((writeFileAtomically(path, R"({"kubectl": {"namespace": "shop"}})")).ok());
    const auto loaded = ProfileLoader::fromFile(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded.value().kubectl.namespaceName, QStringLiteral("shop"));

    ASSERT_TRUE((writeFileAtomically(path, R"({"kubectl": {"namespace": "Shop"}})")).ok());
    const auto broken = ProfileLoader::fromFile(path);
    ASSERT_FALSE(broken.ok());
    EXPECT_TRUE(broken.error().message.startsWith(
        QStringLiteral("The profile %1 has 1 problem:\n  kubectl.namespace: ").arg(path)))
        << broken.error().message.toStdString();
}

TEST(ProfileLoader, RefusesAMissingOrOversizedFile)
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nope.json"));
    const auto notThere = ProfileLoader::fromFile(missing);
    ASSERT_FALSE(notThere.ok());
    EXPECT_TRUE(notThere.error().message.contains(missing));

    const QString huge = dir.filePath(QStringLiteral("huge.json"));
    QByteArray json = "{\"cohere\": {\"rerank\": {\"query\": \"";
    json += QByteArray(ProfileLoader::maxFileBytes, 'x');
    json += "\"}}}";
    ASSERT_TRUE((writeFileAtomically(huge, json)).ok());
    const auto tooBig = ProfileLoader::fromFile(huge);
    ASSERT_FALSE(tooBig.ok());
    EXPECT_EQ(tooBig.error().kind, QStringLiteral("too-large"));
}

TEST(ProfileLoader, PodHealthNeedsAPortAndAPathStartingWithASlash)
{
    const auto loaded = ProfileLoader::fromJson(
        R"({"canary": {"pod_health": {"port": 8080, "path": "/api/health"}, "grace_s": 90}})");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded.value().canary.podHealth,
              (PodHealthEndpoint{8080, QStringLiteral("/api/health")}));
    EXPECT_EQ(loaded.value().canary.graceSeconds, 90);
    EXPECT_FALSE(Profile().canary.podHealth.configured()) << "not probed unless configured";
    EXPECT_TRUE(ProfileLoader::fromJson(R"({"canary": {"pod_health": null}})").ok());

    EXPECT_EQ(problemOf(R"({"canary": {"pod_health": {"port": 0, "path": "/h"}}})"),
              QStringLiteral("canary.pod_health.port: must be from 1 to 65535, found 0"));
    EXPECT_EQ(problemOf(R"({"canary": {"pod_health": {"port": 65536, "path": "/h"}}})"),
              QStringLiteral("canary.pod_health.port: must be from 1 to 65535, found 65536"));
    EXPECT_TRUE(problemOf(R"({"canary": {"pod_health": {"port": 80, "path": "api/health"}}})")
                    .startsWith(QStringLiteral("canary.pod_health.path: the health path must "
                                               "start with '/'")));
    EXPECT_TRUE(problemOf(R"({"canary": {"pod_health": {"port": 80, "path": "/a/../b"}}})")
                    .contains(QStringLiteral("must not contain \"..\"")));
    EXPECT_TRUE(problemOf(R"({"canary": {"pod_health": {"port": 80, "path": "/h?x=1"}}})")
                    .contains(QStringLiteral("no query")));
    EXPECT_TRUE(problemOf(R"({"canary": {"pod_health": {"path": "/h"}}})")
                    .contains(QStringLiteral("port")));
    EXPECT_EQ(problemOf(R"({"canary": {"health_latency_factor": 0.5}})"),
              QStringLiteral("canary.health_latency_factor: must be from 1 to 100, found 0.5"));
}

TEST(ProfileLoader, EvidenceNamesTheTeamsSourceFoldersAndHowLongEvidenceStaysFresh)
{
    const auto loaded = ProfileLoader::fromJson(
        R"({"evidence": {"source_dirs": ["../shop-api/src", "../worker"], "max_age_minutes": 30}})");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded.value().evidence.sourceDirs,
              (QStringList{QStringLiteral("../shop-api/src"), QStringLiteral("../worker")}));
    EXPECT_EQ(loaded.value().evidence.maxAgeMinutes, 30);
    EXPECT_EQ(Profile{}.evidence.maxAgeMinutes, 60) << "an hour unless the profile says otherwise";
    EXPECT_TRUE(problemOf(R"({"evidence": {"source_dirs": [""]}})")
                    .startsWith(QStringLiteral("evidence.source_dirs")));
    EXPECT_TRUE(problemOf(R"({"evidence": {"max_age_minutes": 0}})")
                    .startsWith(QStringLiteral("evidence.max_age_minutes")));
}
