#include "FakeCohereServer.h"
#include "FakeStatusPageServer.h"
#include "FakeTeamHealthServer.h"
#include "GoliveProcess.h"
#include "QStringPrinter.h"
#include "TestEnvironment.h"
#include "src/common/AtomicFile.h"
#include "src/config/ProfileWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::test;

namespace {

using test::GoliveRun;

// `golive check` as a pipeline runs it, against loopback servers served by this process: the
// child is awaited through signals so the servers keep answering meanwhile.
class CheckCommandTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(cohere.listen());
        ASSERT_TRUE(health.listen());
        ASSERT_TRUE(statusPage.listen());
    }

    QString writeProfile(int timeoutMs = 3000, const std::function<void(Profile &)> &adjust = {})
    {
        Profile profile;
        profile.cohere.baseUrl = cohere.url();
        profile.health.staging = health.healthUrl();
        profile.health.production = QUrl();
        profile.statusPage.url = statusPage.statusUrl();
        for (ProbeTiming *timing :
             {&profile.probes.health, &profile.probes.chat, &profile.probes.embed,
              &profile.probes.rerank, &profile.probes.statusPage})
            timing->timeoutMs = timeoutMs;
        // A chat probe must be able to outlast the latency thresholds it is judged by.
        profile.alerts.chatP95AlertMs = timeoutMs / 2;
        profile.gates.chatP95Ms = timeoutMs / 2;
        profile.gates.embedP95Ms = timeoutMs / 2;
        profile.gates.rerankP95Ms = timeoutMs / 2;
        if (adjust)
            adjust(profile);
        const QString path = dir.filePath(QStringLiteral("golive.json"));
        EXPECT_FALSE(writeFileAtomically(path, ProfileWriter::toJson(profile)).failed());
        return path;
    }

    GoliveRun golive(const QStringList &arguments,
                     const QString &key = QString::fromLatin1(FakeCohereServer::defaultKey))
    {
        test::GoliveRunOptions options;
        options.environment.remove(QStringLiteral("CO_API_KEY"));
        if (!key.isEmpty())
            options.environment.insert(QStringLiteral("CO_API_KEY"), key);
        options.environment.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1"));
        return test::runGolive(
            QStringList{QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data"))} +
                arguments,
            options);
    }

    GoliveRun checkJson(int timeoutMs = 3000)
    {
        return golive({QStringLiteral("--profile"), writeProfile(timeoutMs),
                       QStringLiteral("check"), QStringLiteral("--json"),
                       QStringLiteral("--probes-only")});
    }

    static QJsonObject probe(const QJsonObject &root, const QString &name)
    {
        for (const QJsonValue &value : root.value(QStringLiteral("probes")).toArray()) {
            if (value.toObject().value(QStringLiteral("name")).toString() == name)
                return value.toObject();
        }
        return {};
    }

    static QStringList rules(const QJsonObject &root)
    {
        QStringList ids;
        for (const QJsonValue &value : root.value(QStringLiteral("alerts")).toArray())
            ids << value.toObject().value(QStringLiteral("rule")).toString();
        return ids;
    }

    QTemporaryDir dir;
    FakeCohereServer cohere;
    FakeTeamHealthServer health;
    FakeStatusPageServer statusPage;
};

} // namespace

TEST_F(CheckCommandTest, AllHealthyIsGoWithTheJsonContract)
{
    const GoliveRun run = checkJson();
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonObject root = run.json();
    // The original keys stay; #17 added models, notes, skipped and warnings; #15 evidence.
    EXPECT_EQ(root.keys(), (QStringList{"alerts", "evidence", "gate", "models", "notes", "probes",
                                        "skipped", "verdict", "warnings"}));
    EXPECT_EQ(root.value(QStringLiteral("verdict")).toString(), QStringLiteral("go"));
    const QJsonArray probes = root.value(QStringLiteral("probes")).toArray();
    ASSERT_EQ(probes.size(), 5);
    for (const QJsonValue &value : probes) {
        const QJsonObject p = value.toObject();
        EXPECT_EQ(p.keys(), (QStringList{"error", "http_status", "kind", "latency_gate",
                                         "latency_ms", "name", "status", "target"}));
        EXPECT_TRUE(p.value(QStringLiteral("name")).isString());
        EXPECT_TRUE(p.value(QStringLiteral("kind")).isString());
        EXPECT_TRUE(p.value(QStringLiteral("target")).isString());
        EXPECT_EQ(p.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
        EXPECT_TRUE(p.value(QStringLiteral("latency_ms")).isDouble());
        EXPECT_EQ(p.value(QStringLiteral("http_status")).toInt(), 200);
        EXPECT_TRUE(p.value(QStringLiteral("error")).isString());
    }
    EXPECT_EQ(probe(root, QStringLiteral("cohere-embed")).value(QStringLiteral("kind")).toString(),
              QStringLiteral("cohere-embed"));
    EXPECT_EQ(
        probe(root, QStringLiteral("health-staging")).value(QStringLiteral("kind")).toString(),
        QStringLiteral("team-health"));
    EXPECT_TRUE(root.value(QStringLiteral("alerts")).toArray().isEmpty());
    EXPECT_TRUE(root.value(QStringLiteral("warnings")).toArray().isEmpty());
    const QJsonArray models = root.value(QStringLiteral("models")).toArray();
    ASSERT_EQ(models.size(), 3);
    for (const QJsonValue &value : models) {
        EXPECT_EQ(value.toObject().keys(), (QStringList{"name", "replacement", "role", "status"}));
        EXPECT_EQ(value.toObject().value(QStringLiteral("status")).toString(),
                  QStringLiteral("ok"));
    }
    EXPECT_TRUE(root.value(QStringLiteral("gate"))
                    .toObject()
                    .value(QStringLiteral("open_required"))
                    .isArray());
}

TEST_F(CheckCommandTest, CohereServerErrorsAreNoGo)
{
    for (int i = 0; i < 3; ++i)
        cohere.enqueue(FakeCohereFault::status(500));
    const GoliveRun run = checkJson();
    EXPECT_EQ(run.exitCode, 1);
    const QJsonObject root = run.json();
    EXPECT_EQ(root.value(QStringLiteral("verdict")).toString(), QStringLiteral("no-go"));
    EXPECT_EQ(probe(root, QStringLiteral("cohere-chat")).value(QStringLiteral("status")).toString(),
              QStringLiteral("down"));
    EXPECT_EQ(
        probe(root, QStringLiteral("cohere-chat")).value(QStringLiteral("http_status")).toInt(),
        500);
    EXPECT_TRUE(rules(root).contains(QStringLiteral("high-error-rate")));
}

TEST_F(CheckCommandTest, ARefusedKeyIsNoGoWithAP1AuthAlertAndTheKeyNeverPrinted)
{
    const GoliveRun run =
        golive({QStringLiteral("--profile"), writeProfile(), QStringLiteral("check"),
                QStringLiteral("--json"), QStringLiteral("--probes-only")},
               QStringLiteral("revoked-key-0123456789"));
    EXPECT_EQ(run.exitCode, 1);
    const QJsonObject root = run.json();
    EXPECT_TRUE(rules(root).contains(QStringLiteral("auth-failure")));
    for (const QJsonValue &value : root.value(QStringLiteral("alerts")).toArray()) {
        if (value.toObject().value(QStringLiteral("rule")).toString() ==
            QLatin1String("auth-failure")) {
            EXPECT_EQ(value.toObject().value(QStringLiteral("severity")).toString(),
                      QStringLiteral("P1"));
        }
    }
    EXPECT_FALSE(run.out.contains("revoked-key-0123456789"));
    EXPECT_FALSE(run.err.contains(QStringLiteral("revoked-key-0123456789")));
}

// 429 is "reachable but rate-limited" (seed): degraded, not down, so the verdict stays go unless
// a rule fires (rate-limited needs more than 10 per minute).
TEST_F(CheckCommandTest, RateLimitedIsDegradedButGo)
{
    for (int i = 0; i < 3; ++i)
        cohere.enqueue(FakeCohereFault::rateLimited("1"));
    const GoliveRun run = checkJson();
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString();
    EXPECT_EQ(
        probe(run.json(), QStringLiteral("cohere-chat")).value(QStringLiteral("status")).toString(),
        QStringLiteral("degraded"));
    const QJsonArray warnings = run.json().value(QStringLiteral("warnings")).toArray();
    ASSERT_EQ(warnings.size(), 3) << run.out.toStdString();
    EXPECT_TRUE(warnings.first().toString().contains(QStringLiteral("rate limited")));
}

TEST_F(CheckCommandTest, ASlowTeamHealthEndpointTimesOutAsNoGo)
{
    LoopbackResponse slow;
    slow.body = FakeTeamHealthServer::seedBody(QStringLiteral("healthy"), 1);
    slow.delayMs = 3000;
    health.setOverride(slow);
    const GoliveRun run = checkJson(500);
    EXPECT_EQ(run.exitCode, 1);
    const QJsonObject staging = probe(run.json(), QStringLiteral("health-staging"));
    EXPECT_EQ(staging.value(QStringLiteral("status")).toString(), QStringLiteral("down"));
    EXPECT_EQ(staging.value(QStringLiteral("latency_ms")).toInt(), 500);
    EXPECT_TRUE(
        staging.value(QStringLiteral("error")).toString().contains(QStringLiteral("no answer")));
}

TEST_F(CheckCommandTest, ASilentCohereTimesOutAsNoGo)
{
    cohere.enqueue(FakeCohereFault::neverAnswer());
    const GoliveRun run = checkJson(500);
    EXPECT_EQ(run.exitCode, 1);
}

TEST_F(CheckCommandTest, TheTableNamesTheVerdictAndItsReasons)
{
    health.setCohereStatus(QStringLiteral("down"));
    const GoliveRun run = golive({QStringLiteral("--profile"), writeProfile(),
                                  QStringLiteral("check"), QStringLiteral("--probes-only")});
    EXPECT_EQ(run.exitCode, 1);
    const QString out = run.out;
    EXPECT_TRUE(out.contains(QStringLiteral("Verdict: NO-GO")));
    EXPECT_TRUE(out.contains(QStringLiteral("probe health-staging is down")));
}

TEST_F(CheckCommandTest, WithoutProbesOnlyTheDeployGateOfTheBundledChecklistBlocks)
{
    const GoliveRun run = golive({QStringLiteral("--profile"), writeProfile(),
                                  QStringLiteral("check"), QStringLiteral("--json")});
    EXPECT_EQ(run.exitCode, 1);
    const QJsonObject gate = run.json().value(QStringLiteral("gate")).toObject();
    EXPECT_EQ(gate.value(QStringLiteral("name")).toString(), QStringLiteral("deploy"));
    EXPECT_FALSE(gate.value(QStringLiteral("open_required")).toArray().isEmpty());
    // People read the item's text with its id, in the same order as the ids.
    const QJsonArray ids = gate.value(QStringLiteral("open_required")).toArray();
    const QJsonArray texts = gate.value(QStringLiteral("open_required_text")).toArray();
    ASSERT_EQ(texts.size(), ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QString text = texts.at(i).toString();
        EXPECT_TRUE(text.endsWith(QStringLiteral(" (%1)").arg(ids.at(i).toString())))
            << text.toStdString();
        EXPECT_GT(text.size(), ids.at(i).toString().size() + 6) << text.toStdString();
    }
}

TEST_F(CheckCommandTest, TheTableNamesOpenItemsByTheirTextAndId)
{
    const GoliveRun run =
        golive({QStringLiteral("--profile"), writeProfile(), QStringLiteral("check")});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.out.contains(QStringLiteral("(breaker-wraps-calls)"))) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("circuit breaker"), Qt::CaseInsensitive))
        << run.out.toStdString();
}

TEST_F(CheckCommandTest, ABrokenProfileIsAUsageErrorAndStartsNoProbe)
{
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    const QByteArray broken =
        QStringLiteral(
            R"({"health":{"staging":"%1"},"alerts":{"rate_limited_per_min":"ten"},"probes":{"chat":{"timeout_ms":-5}}})")
            .arg(health.healthUrl().toString())
            .toUtf8();
    ASSERT_FALSE(writeFileAtomically(path, broken).failed());
    const GoliveRun run = golive(
        {QStringLiteral("--profile"), path, QStringLiteral("check"), QStringLiteral("--json")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("alerts.rate_limited_per_min")))
        << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("probes.chat")));
    EXPECT_TRUE(health.requests().isEmpty());
    EXPECT_TRUE(cohere.requests().isEmpty());
}

TEST_F(CheckCommandTest, ProfileInitOutputPassesProfileCheck)
{
    const GoliveRun init = golive({QStringLiteral("profile"), QStringLiteral("init")});
    EXPECT_EQ(init.exitCode, 0);
    const QString path = dir.filePath(QStringLiteral("init.json"));
    ASSERT_FALSE(writeFileAtomically(path, init.out.toUtf8()).failed());
    const GoliveRun check = golive({QStringLiteral("profile"), QStringLiteral("check"), path});
    EXPECT_EQ(check.exitCode, 0) << check.err.toStdString();

    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    ASSERT_FALSE(writeFileAtomically(bad, "{\"cohere\": {\"base_url\": 7}}").failed());
    const GoliveRun refused = golive({QStringLiteral("profile"), QStringLiteral("check"), bad});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("cohere.base_url")));
}

// --- #17: a gate that does not pass what it did not check ---

TEST_F(CheckCommandTest, WithoutAKeyCohereWasNotCheckedAndTheVerdictIsNoGo)
{
    const QString profile = writeProfile();
    const GoliveRun run = golive({QStringLiteral("--profile"), profile, QStringLiteral("check"),
                                  QStringLiteral("--probes-only")},
                                 QString());
    EXPECT_EQ(run.exitCode, 1) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("Cohere was not checked: no API key")))
        << run.out.toStdString();
    EXPECT_TRUE(cohere.requests().isEmpty());

    // Opting out on purpose is go, and the verdict says what was left out.
    const GoliveRun skipped = golive({QStringLiteral("--profile"), profile, QStringLiteral("check"),
                                      QStringLiteral("--probes-only"), QStringLiteral("--skip"),
                                      QStringLiteral("cohere")},
                                     QString());
    EXPECT_EQ(skipped.exitCode, 0) << skipped.out.toStdString();
    EXPECT_TRUE(skipped.out.contains(QStringLiteral("Verdict: GO (skipped: cohere)")))
        << skipped.out.toStdString();

    const GoliveRun wrong = golive({QStringLiteral("--profile"), profile, QStringLiteral("check"),
                                    QStringLiteral("--skip"), QStringLiteral("health")});
    EXPECT_EQ(wrong.exitCode, 2);
}

TEST_F(CheckCommandTest, AChatAboveItsGateIsSlowNamingTheGateAndNoGo)
{
    for (int i = 0; i < 3; ++i)
        cohere.enqueue(FakeCohereFault::latency(1800)); // gates are 1500 ms here
    const GoliveRun run = checkJson();
    EXPECT_EQ(run.exitCode, 1) << run.out.toStdString();
    const QJsonObject chat = probe(run.json(), QStringLiteral("cohere-chat"));
    EXPECT_EQ(chat.value(QStringLiteral("status")).toString(), QStringLiteral("slow"));
    EXPECT_EQ(chat.value(QStringLiteral("latency_gate")).toObject().value(QStringLiteral("ms")),
              1500);
    EXPECT_TRUE(chat.value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("gates.chat_p95_ms")));
    EXPECT_EQ(run.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("no-go"));
}

TEST_F(CheckCommandTest, ADeprecatedUnpricedChatModelIsProbedNamedWithItsReplacementAndNoGo)
{
    const QString profile = writeProfile(3000, [](Profile &p) {
        p.cohere.chatModel = QStringLiteral("command-r-plus");
        p.alerts.prices.remove(QStringLiteral("command-r-plus")); // none by default either
    });
    const GoliveRun run = golive({QStringLiteral("--profile"), profile, QStringLiteral("check"),
                                  QStringLiteral("--json"), QStringLiteral("--probes-only")});
    EXPECT_EQ(run.exitCode, 1) << run.err.toStdString();
    const QJsonObject root = run.json();
    // No price never blocks probing: the chat probe ran.
    EXPECT_EQ(probe(root, QStringLiteral("cohere-chat")).value(QStringLiteral("status")).toString(),
              QStringLiteral("healthy"));
    const QJsonObject chat = root.value(QStringLiteral("models")).toArray().first().toObject();
    EXPECT_EQ(chat.value(QStringLiteral("role")).toString(), QStringLiteral("chat"));
    EXPECT_EQ(chat.value(QStringLiteral("name")).toString(), QStringLiteral("command-r-plus"));
    EXPECT_EQ(chat.value(QStringLiteral("status")).toString(), QStringLiteral("deprecated"));
    EXPECT_EQ(chat.value(QStringLiteral("replacement")).toString(),
              QStringLiteral("command-a-03-2025"));
    // The budget rule says what it cannot price.
    bool noted = false;
    for (const QJsonValue &note : root.value(QStringLiteral("notes")).toArray())
        noted |= note.toObject()
                     .value(QStringLiteral("text"))
                     .toString()
                     .startsWith(QStringLiteral("Cannot price command-r-plus"));
    EXPECT_TRUE(noted) << run.out.toStdString();

    const GoliveRun text = golive({QStringLiteral("--profile"), profile, QStringLiteral("check"),
                                   QStringLiteral("--probes-only")});
    EXPECT_TRUE(text.out.contains(
        QStringLiteral("chat model \"command-r-plus\" is deprecated; the seed recommends "
                       "command-a-03-2025")))
        << text.out.toStdString();
}

TEST_F(CheckCommandTest, EveryPageOfTheModelListIsRead)
{
    QJsonArray models = FakeCohereServer::defaultModels();
    cohere.setModels(models, 4);
    const QString profile = writeProfile(3000, [](Profile &p) {
        p.cohere.rerankModel = QStringLiteral("rerank-v4.0-fast"); // on the last page but one
    });
    const GoliveRun run = golive({QStringLiteral("--profile"), profile, QStringLiteral("check"),
                                  QStringLiteral("--json"), QStringLiteral("--probes-only")});
    const QJsonArray reported = run.json().value(QStringLiteral("models")).toArray();
    ASSERT_EQ(reported.size(), 3) << run.out.toStdString();
    EXPECT_EQ(reported.at(2).toObject().value(QStringLiteral("status")).toString(),
              QStringLiteral("ok"));
    int pages = 0;
    for (const LoopbackRequest &request : cohere.requests())
        pages += request.path == QLatin1String("/v1/models") ? 1 : 0;
    EXPECT_EQ(pages, int((models.size() + 3) / 4));
}

TEST_F(CheckCommandTest, A402IsBillingAndAQuota429IsToldApartFromARateLimit)
{
    for (int i = 0; i < 3; ++i)
        cohere.enqueue(FakeCohereFault::billing());
    const GoliveRun billing = checkJson();
    EXPECT_EQ(billing.exitCode, 1);
    EXPECT_TRUE(probe(billing.json(), QStringLiteral("cohere-chat"))
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("HTTP 402: billing: ")))
        << billing.out.toStdString();

    for (int i = 0; i < 3; ++i)
        cohere.enqueue(FakeCohereFault::quotaExhausted());
    const GoliveRun quota = checkJson();
    EXPECT_EQ(quota.exitCode, 0) << quota.out.toStdString(); // degraded: reachable
    const QJsonObject chat = probe(quota.json(), QStringLiteral("cohere-chat"));
    EXPECT_EQ(chat.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    EXPECT_TRUE(
        chat.value(QStringLiteral("error")).toString().contains(QStringLiteral("quota exhausted")));
    EXPECT_FALSE(quota.json().value(QStringLiteral("warnings")).toArray().isEmpty());
}

TEST_F(CheckCommandTest, AnUnreachableOrUnreadableStatusPageIsUnknownAndDecidesNothing)
{
    const QString closed = writeProfile(
        3000, [](Profile &p) { p.statusPage.url = FakeStatusPageServer::closedPortUrl(); });
    const GoliveRun run = golive({QStringLiteral("--profile"), closed, QStringLiteral("check"),
                                  QStringLiteral("--json"), QStringLiteral("--probes-only")});
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString();
    EXPECT_EQ(probe(run.json(), QStringLiteral("status-page")).value(QStringLiteral("status")),
              QStringLiteral("unknown"));
    EXPECT_TRUE(run.json()
                    .value(QStringLiteral("warnings"))
                    .toArray()
                    .first()
                    .toString()
                    .startsWith(QStringLiteral("probe status-page is unknown")));

    statusPage.setSummaryOverride(FakeStatusPageServer::htmlPage());
    statusPage.setStatusOverride(FakeStatusPageServer::htmlPage());
    const GoliveRun html = checkJson();
    EXPECT_EQ(html.exitCode, 0);
    EXPECT_EQ(probe(html.json(), QStringLiteral("status-page")).value(QStringLiteral("status")),
              QStringLiteral("unknown"));
}

TEST_F(CheckCommandTest, AReasoningModelIsProbedWithThinkingOffAndItsAllowanceIsWarnedAbout)
{
    const QString profile = writeProfile(3000, [](Profile &p) {
        p.cohere.chatModel = QStringLiteral("command-a-reasoning-08-2025");
    });
    const GoliveRun run = golive({QStringLiteral("--profile"), profile, QStringLiteral("check"),
                                  QStringLiteral("--json"), QStringLiteral("--probes-only")});
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString();
    bool sawChat = false;
    for (const LoopbackRequest &request : cohere.requests()) {
        if (request.path != QLatin1String("/v2/chat"))
            continue;
        sawChat = true;
        EXPECT_EQ(request.json().value(QStringLiteral("max_tokens")).toInt(), 1);
        EXPECT_EQ(request.json()
                      .value(QStringLiteral("thinking"))
                      .toObject()
                      .value(QStringLiteral("type"))
                      .toString(),
                  QStringLiteral("disabled"));
    }
    EXPECT_TRUE(sawChat);

    const GoliveRun check = golive({QStringLiteral("profile"), QStringLiteral("check"), profile});
    EXPECT_EQ(check.exitCode, 0) << check.err.toStdString();
    EXPECT_TRUE(check.out.contains(
        QStringLiteral("warning: probing command-a-reasoning-08-2025 every 30 s is ~86,400 calls "
                       "a month; it is limited to 1,000")))
        << check.out.toStdString();
    // It cannot be priced by default either, and says so instead of refusing the profile.
    EXPECT_TRUE(check.out.contains(QStringLiteral("no price for cohere.models.chat")));
}

TEST_F(CheckCommandTest, APartialPriceTableKeepsTheOtherDefaultsAndInitShowsTheWholeTable)
{
    const QString path = dir.filePath(QStringLiteral("prices.json"));
    ASSERT_FALSE(
        writeFileAtomically(path, R"({"cohere": {"models": {"chat": "command-a-reasoning-08-2025"}},
        "alerts": {"prices": {"command-a-reasoning-08-2025":
            {"input_per_mtok": 2.5, "output_per_mtok": 10, "search_unit": 0}}}})")
            .failed());
    const GoliveRun check = golive({QStringLiteral("profile"), QStringLiteral("check"), path});
    EXPECT_EQ(check.exitCode, 0) << check.err.toStdString();
    EXPECT_FALSE(check.out.contains(QStringLiteral("no price for"))) << check.out.toStdString();

    const GoliveRun init = golive({QStringLiteral("profile"), QStringLiteral("init")});
    const QJsonObject prices = QJsonDocument::fromJson(init.out.toUtf8())
                                   .object()
                                   .value(QStringLiteral("alerts"))
                                   .toObject()
                                   .value(QStringLiteral("prices"))
                                   .toObject();
    EXPECT_EQ(prices.size(), defaultModelPrices().size());
    EXPECT_TRUE(prices.contains(QStringLiteral("embed-v4.0")));
}
