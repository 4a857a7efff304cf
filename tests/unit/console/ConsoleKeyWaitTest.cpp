// The Cohere tiles never contradict the key in the status bar: probes that need the key wait for
// the keychain's answer, and a key that arrives later is used at once.
#include "FakeClock.h"
#include "FakeCohereServer.h"
#include "QStringPrinter.h"
#include "src/console/Console.h"
#include "src/probes/ProbeKind.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr int kWaitMs = 10'000;

class ConsoleKeyWaitTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        // No keychain reachable: the key comes from CO_API_KEY or lives for the session only, and
        // nothing is written to the keychain of the machine running the tests.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    }

    void SetUp() override
    {
        ASSERT_TRUE(cohere.listen());
        profile.cohere.baseUrl = cohere.url();
        profile.cohere.retry.maxAttempts = 1;
        profile.health.staging = QUrl();
        profile.health.production = QUrl();
        profile.statusPage.url = QUrl();
    }

    void TearDown() override { qunsetenv("CO_API_KEY"); }

    // The results of Cohere probes among the spy's, in order.
    static QList<ProbeResult> cohereResults(const QSignalSpy &spy)
    {
        QList<ProbeResult> results;
        for (const QList<QVariant> &args : spy) {
            const auto result = args.at(0).value<ProbeResult>();
            if (isCohereKind(result.kind))
                results << result;
        }
        return results;
    }

    static bool waitForCohereResults(QSignalSpy &spy, qsizetype count)
    {
        while (cohereResults(spy).size() < count) {
            if (!spy.wait(kWaitMs))
                return false;
        }
        return true;
    }

    test::FakeCohereServer cohere;
    Profile profile;
    QTemporaryDir dataDir;
    test::FakeClock clock;
};

TEST_F(ConsoleKeyWaitTest, AtStartTheCohereProbesWaitForTheKeyInsteadOfSayingThereIsNone)
{
    qputenv("CO_API_KEY", test::FakeCohereServer::defaultKey);
    Console console(profile, dataDir.path(), clock);
    QSignalSpy finished(&console.probes(), &ProbeScheduler::probeFinished);
    console.startMonitoring();
    ASSERT_TRUE(waitForCohereResults(finished, 3));
    for (const ProbeResult &result : cohereResults(finished)) {
        EXPECT_NE(result.status, ProbeStatus::Skipped)
            << result.name.toStdString() << ": " << result.error.toStdString();
    }
    EXPECT_EQ(console.keyStore().state(), KeyStore::KeyState::FromEnvironment);
}

TEST_F(ConsoleKeyWaitTest, AKeySetWhileProbingIsUsedAtOnceNotAtTheNextTurn)
{
    qunsetenv("CO_API_KEY");
    profile.probes.chat.intervalS = 3600; // the next turn is an hour away
    profile.probes.embed.intervalS = 3600;
    profile.probes.rerank.intervalS = 3600;
    Console console(profile, dataDir.path(), clock);
    QSignalSpy finished(&console.probes(), &ProbeScheduler::probeFinished);
    console.startMonitoring();
    ASSERT_TRUE(waitForCohereResults(finished, 3));
    for (const ProbeResult &result : cohereResults(finished))
        EXPECT_EQ(result.status, ProbeStatus::Skipped) << "no key anywhere yet";

    console.keyStore().store(QString::fromLatin1(test::FakeCohereServer::defaultKey));
    ASSERT_TRUE(waitForCohereResults(finished, 6)) << "the key was not used until the next turn";
    const QList<ProbeResult> after = cohereResults(finished).mid(3);
    for (const ProbeResult &result : after)
        EXPECT_EQ(result.status, ProbeStatus::Healthy)
            << result.name.toStdString() << ": " << result.error.toStdString();
}

} // namespace
