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

    QString writeProfile(int timeoutMs = 3000)
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
    EXPECT_EQ(root.keys(), (QStringList{"alerts", "gate", "probes", "verdict"}));
    EXPECT_EQ(root.value(QStringLiteral("verdict")).toString(), QStringLiteral("go"));
    const QJsonArray probes = root.value(QStringLiteral("probes")).toArray();
    ASSERT_EQ(probes.size(), 5);
    for (const QJsonValue &value : probes) {
        const QJsonObject p = value.toObject();
        EXPECT_EQ(p.keys(), (QStringList{"error", "http_status", "kind", "latency_ms", "name",
                                         "status", "target"}));
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
