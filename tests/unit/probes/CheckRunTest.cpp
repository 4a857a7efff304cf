#include "src/console/CheckRun.h"
#include "ProbeTestFixture.h"
#include "src/console/Console.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace golive;
using namespace golive::test;

class CheckRunTest : public ProbeTest {
protected:
    Profile loopbackProfile() const
    {
        Profile profile;
        profile.cohere.baseUrl = cohere.url();
        profile.health.staging = health.healthUrl();
        profile.health.production = QUrl();
        profile.statusPage.url = statusPage.statusUrl();
        for (ProbeTiming *timing :
             {&profile.probes.health, &profile.probes.chat, &profile.probes.embed,
              &profile.probes.rerank, &profile.probes.statusPage})
            timing->timeoutMs = 2000;
        return profile;
    }

    CheckReport check(const Profile &profile, bool probesOnly = true,
                      const QString &key = QString::fromLatin1(FakeCohereServer::defaultKey),
                      bool skipCohere = false)
    {
        Console console(profile, dataDir.path(), clock, Console::Options::forCheck());
        if (!key.isEmpty() && !giveKey(console, key))
            return {};
        CheckRun run(console, CheckRun::Options{probesOnly, skipCohere});
        QSignalSpy finished(&run, &CheckRun::finished);
        run.start();
        if (!finished.wait(10'000)) {
            ADD_FAILURE() << "check did not finish";
            return {};
        }
        return qvariant_cast<CheckReport>(finished.at(0).at(0));
    }

    // The key as a pipeline gives it: CO_API_KEY, read by the console's key store.
    static bool giveKey(Console &console, const QString &key)
    {
        qputenv("CO_API_KEY", key.toUtf8());
        QSignalSpy loaded(&console.keyStore(), &KeyStore::keyLoaded);
        console.keyStore().load();
        const bool ok = loaded.wait(10'000);
        qunsetenv("CO_API_KEY");
        EXPECT_TRUE(ok) << "the key was not loaded";
        return ok;
    }

    static QStringList ruleIds(const CheckReport &report)
    {
        QStringList ids;
        for (const Alert &alert : report.alerts)
            ids << alert.ruleId;
        return ids;
    }

    QTemporaryDir dataDir;
};

TEST_F(CheckRunTest, EverythingHealthyIsGo)
{
    const CheckReport report = check(loopbackProfile());
    ASSERT_EQ(report.probes.size(), 5);
    for (const ProbeResult &probe : report.probes)
        EXPECT_EQ(probe.status, ProbeStatus::Healthy) << probe.name.toStdString();
    EXPECT_TRUE(report.go());
    EXPECT_TRUE(report.reasons().isEmpty());
    EXPECT_TRUE(report.toTable().contains(QStringLiteral("Verdict: GO")));
}

TEST_F(CheckRunTest, ServerErrorsFromCohereAreNoGoWithTheErrorRateAlert)
{
    for (int i = 0; i < 3; ++i)
        cohere.enqueue(FakeCohereFault::status(500));
    const CheckReport report = check(loopbackProfile());
    EXPECT_FALSE(report.go());
    EXPECT_TRUE(ruleIds(report).contains(QStringLiteral("high-error-rate")));
    EXPECT_TRUE(
        report.reasons().join(QLatin1Char('\n')).contains(QStringLiteral("cohere-chat is down")));
}

TEST_F(CheckRunTest, ARefusedKeyIsNoGoWithTheP1AuthAlert)
{
    const CheckReport report = check(loopbackProfile(), true, QStringLiteral("wrong-key"));
    EXPECT_FALSE(report.go());
    EXPECT_TRUE(ruleIds(report).contains(QStringLiteral("auth-failure")));
    EXPECT_TRUE(report.toTable().contains(QStringLiteral("P1 alert auth-failure")));
}

TEST_F(CheckRunTest, RateLimitingIsDegradedButStillGo)
{
    for (int i = 0; i < 3; ++i)
        cohere.enqueue(FakeCohereFault::rateLimited({}));
    const CheckReport report = check(loopbackProfile());
    EXPECT_EQ(report.probes.at(2).status, ProbeStatus::Degraded);
    EXPECT_TRUE(report.go());
}

TEST_F(CheckRunTest, WithoutAKeyCohereWasNotCheckedAndBlocksUnlessSkippedOnPurpose)
{
    const CheckReport report = check(loopbackProfile(), true, QString());
    EXPECT_EQ(report.probes.at(2).status, ProbeStatus::Skipped);
    EXPECT_TRUE(cohere.requests().isEmpty());
    EXPECT_FALSE(report.go());
    EXPECT_TRUE(
        report.reasons().first().startsWith(QStringLiteral("Cohere was not checked: no API key")));
    EXPECT_TRUE(report.models.isEmpty());

    const CheckReport skipped = check(loopbackProfile(), true, QString(), true);
    EXPECT_TRUE(skipped.go()) << skipped.reasons().join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(skipped.skipped, QStringList{QStringLiteral("cohere")});
    EXPECT_EQ(skipped.probes.size(), 2); // health and the status page; no Cohere probe ran
    EXPECT_TRUE(cohere.requests().isEmpty());
}

TEST_F(CheckRunTest, WithAKeyTheModelListIsReadAfterTheProbes)
{
    Profile profile = loopbackProfile();
    profile.cohere.chatModel = QStringLiteral("command-r");
    const CheckReport report = check(profile);
    ASSERT_EQ(report.models.size(), 3);
    EXPECT_EQ(report.models.at(0),
              (ModelReport{QStringLiteral("chat"), QStringLiteral("command-r"),
                           QStringLiteral("deprecated"), QStringLiteral("command-r7b-12-2024")}));
    EXPECT_EQ(report.models.at(1).status, QStringLiteral("ok"));
    EXPECT_FALSE(report.go());
    EXPECT_EQ(cohere.requests().last().path, QStringLiteral("/v1/models"));
}

TEST_F(CheckRunTest, WithoutAReleaseTheBundledChecklistsDeployGateBlocks)
{
    const CheckReport report = check(loopbackProfile(), false);
    EXPECT_EQ(report.gateName, QStringLiteral("deploy"));
    EXPECT_FALSE(report.openRequired.isEmpty());
    EXPECT_FALSE(report.go());
    EXPECT_TRUE(report.reasons().last().contains(QStringLiteral("checklist gate 'deploy'")));
}

TEST_F(CheckRunTest, JsonFollowsTheContract)
{
    cohere.enqueue(FakeCohereFault::status(401));
    const QJsonObject root =
        QJsonDocument::fromJson(check(loopbackProfile(), false).toJson()).object();
    EXPECT_EQ(root.value(QStringLiteral("verdict")).toString(), QStringLiteral("no-go"));
    const QJsonArray probes = root.value(QStringLiteral("probes")).toArray();
    ASSERT_EQ(probes.size(), 5);
    for (const QJsonValue &value : probes) {
        const QJsonObject probe = value.toObject();
        EXPECT_EQ(probe.keys(), (QStringList{"error", "http_status", "kind", "latency_gate",
                                             "latency_ms", "name", "status", "target"}));
        EXPECT_TRUE(probe.value(QStringLiteral("latency_ms")).isDouble());
        EXPECT_TRUE(probe.value(QStringLiteral("http_status")).isDouble());
    }
    const QJsonObject alert = root.value(QStringLiteral("alerts")).toArray().first().toObject();
    EXPECT_EQ(alert.keys(), (QStringList{"message", "rule", "severity"}));
    EXPECT_EQ(alert.value(QStringLiteral("severity")).toString(), QStringLiteral("P1"));
    const QJsonObject gate = root.value(QStringLiteral("gate")).toObject();
    EXPECT_EQ(gate.value(QStringLiteral("name")).toString(), QStringLiteral("deploy"));
    EXPECT_TRUE(gate.value(QStringLiteral("open_required")).toArray().first().isString());
}
