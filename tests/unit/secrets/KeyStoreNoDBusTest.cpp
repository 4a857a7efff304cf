#include "src/secrets/KeyStore.h"
#include "src/secrets/RecordKeyLoader.h"
#include "src/secrets/Redactor.h"

#include "SecretsTestSupport.h"

#include <gtest/gtest.h>

using namespace golive;
using namespace std::chrono_literals;

// A machine without a D-Bus session bus (a CI runner, ssh, a container): the keychain cannot be
// reached, the app says so, and a key entered anyway lives for this session only.
class KeyStoreWithoutDBus : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        // QtKeychain connects to the bus lazily, at the first job, so this is early enough.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        qunsetenv("DISPLAY");
        qunsetenv("CO_API_KEY");
    }

    // Stores a key (which can only end up SessionOnly here) and waits for the report.
    void storeSessionKey(KeyStore &store, test::KeyStoreSpies &spies, const QString &key)
    {
        const qsizetype before = spies.reports();
        store.store(key);
        ASSERT_TRUE(spies.waitForReports(before + 1));
        ASSERT_EQ(store.state(), KeyStore::KeyState::SessionOnly);
    }

    KeyStore m_store{test::uniqueProfile(QStringLiteral("nodbus"))};
    test::KeyStoreSpies m_spies{m_store};
};

TEST_F(KeyStoreWithoutDBus, LoadSaysThereIsNoKeychainBecauseThereIsNoDBus)
{
    m_store.load();
    ASSERT_TRUE(m_spies.waitForReports(1));
    ASSERT_EQ(m_spies.failed.size(), 1);
    EXPECT_EQ(m_spies.lastError().kind, QStringLiteral("keychain-unavailable"));
    EXPECT_EQ(m_store.state(), KeyStore::KeyState::KeychainUnavailable);
    EXPECT_TRUE(m_store.explanation().contains(QLatin1String("D-Bus")))
        << m_store.explanation().toStdString();
    EXPECT_TRUE(m_store.explanation().contains(QLatin1String("this session only")));
    EXPECT_FALSE(m_store.hasKey());
    EXPECT_FALSE(m_store.isBusy());
}

TEST_F(KeyStoreWithoutDBus, StoreKeepsTheKeyForThisSessionOnlyAndSaysSo)
{
    const QString key = test::freshKey();
    m_store.store(key);
    ASSERT_TRUE(m_spies.waitForReports(1));
    ASSERT_EQ(m_spies.failed.size(), 1);
    const Error error = m_spies.lastError();
    EXPECT_EQ(error.kind, QStringLiteral("keychain-unavailable"));
    EXPECT_TRUE(error.message.contains(QLatin1String("this session only")));
    EXPECT_FALSE(error.message.contains(key));
    EXPECT_EQ(m_store.state(), KeyStore::KeyState::SessionOnly);
    EXPECT_EQ(m_store.key(), key);
    EXPECT_TRUE(Redactor::isRegistered(key));
    EXPECT_TRUE(m_store.explanation().contains(QLatin1String("this session only")))
        << m_store.explanation().toStdString();
    EXPECT_TRUE(m_store.explanation().contains(QLatin1String("D-Bus")));
}

TEST_F(KeyStoreWithoutDBus, TrimsAPastedKeyBeforeKeepingIt)
{
    const QString key = test::freshKey();
    storeSessionKey(m_store, m_spies, QStringLiteral("  ") + key + QStringLiteral("\n"));
    EXPECT_EQ(m_store.key(), key);
}

TEST_F(KeyStoreWithoutDBus, ASessionKeySurvivesALoadThatCannotReachTheKeychain)
{
    const QString key = test::freshKey();
    storeSessionKey(m_store, m_spies, key);
    m_store.load();
    ASSERT_TRUE(m_spies.waitForReports(2));
    EXPECT_EQ(m_spies.failed.size(), 2);
    EXPECT_EQ(m_store.state(), KeyStore::KeyState::SessionOnly);
    EXPECT_EQ(m_store.key(), key);
}

TEST_F(KeyStoreWithoutDBus, ClearingASessionKeyLeavesNothingBehind)
{
    const QString key = test::freshKey();
    storeSessionKey(m_store, m_spies, key);
    m_store.clearFromMemory();
    EXPECT_TRUE(m_store.key().isEmpty());
    EXPECT_FALSE(Redactor::isRegistered(key));
    EXPECT_EQ(m_store.state(), KeyStore::KeyState::KeychainUnavailable);
}

TEST_F(KeyStoreWithoutDBus, RemoveDropsTheSessionKeyAndSaysTheKeychainCouldNotBeAsked)
{
    const QString key = test::freshKey();
    storeSessionKey(m_store, m_spies, key);
    m_store.remove();
    ASSERT_TRUE(m_spies.waitForReports(2));
    EXPECT_EQ(m_spies.failed.size(), 2);
    EXPECT_TRUE(m_spies.lastError().message.contains(QLatin1String("dropped from memory")));
    EXPECT_FALSE(m_store.hasKey());
    EXPECT_EQ(m_store.state(), KeyStore::KeyState::KeychainUnavailable);
}

TEST_F(KeyStoreWithoutDBus, ARejectedReplacementLeavesTheCurrentKeyInUse)
{
    const QString current = test::freshKey();
    storeSessionKey(m_store, m_spies, current);
    const QString candidate = test::freshKey();
    // A careless verifier quoting the key it was given: the message must still not carry it.
    auto verifier = test::ScriptedVerifier::rejecting(
        Error{QStringLiteral("unauthorized"),
              QStringLiteral("Cohere answered 401: invalid api token ") + candidate});
    m_store.replace(candidate, verifier);
    ASSERT_TRUE(m_spies.waitForReports(2));
    ASSERT_EQ(m_spies.failed.size(), 2);
    const Error error = m_spies.lastError();
    EXPECT_EQ(error.kind, QStringLiteral("unauthorized"));
    EXPECT_TRUE(error.message.contains(QLatin1String("current key stays in use")));
    EXPECT_TRUE(error.message.contains(QLatin1String("401")));
    EXPECT_FALSE(error.message.contains(candidate)) << error.message.toStdString();
    EXPECT_EQ(verifier.asked(), QStringList{candidate});
    EXPECT_EQ(m_store.key(), current);
    EXPECT_EQ(m_spies.replaced.size(), 0);
}

TEST_F(KeyStoreWithoutDBus, AReplacementNobodyVerifiesInTimeLeavesTheCurrentKeyInUse)
{
    const QString current = test::freshKey();
    storeSessionKey(m_store, m_spies, current);
    m_store.setVerificationTimeout(200ms);
    auto verifier = test::ScriptedVerifier::silent();
    m_store.replace(test::freshKey(), verifier);
    EXPECT_TRUE(m_store.isBusy());
    ASSERT_TRUE(m_spies.waitForReports(2));
    EXPECT_EQ(m_spies.lastError().kind, QStringLiteral("verification-timeout"));
    EXPECT_TRUE(m_spies.lastError().message.contains(QLatin1String("200 ms")));
    EXPECT_EQ(m_store.key(), current);
    EXPECT_FALSE(m_store.isBusy());
}

TEST_F(KeyStoreWithoutDBus, AVerifiedReplacementIsUsedForThisSessionWhenTheKeychainCannotTakeIt)
{
    storeSessionKey(m_store, m_spies, test::freshKey());
    auto verifier = test::ScriptedVerifier::accepting();
    const QString candidate = test::freshKey();
    m_store.replace(candidate, verifier);
    ASSERT_TRUE(m_spies.waitForReports(2));
    EXPECT_EQ(m_spies.lastError().kind, QStringLiteral("keychain-unavailable"));
    EXPECT_EQ(m_store.key(), candidate);
    EXPECT_EQ(m_store.state(), KeyStore::KeyState::SessionOnly);
}

TEST_F(KeyStoreWithoutDBus, OneOperationAtATime_ASecondCallIsRefusedNotQueued)
{
    const QString first = test::freshKey();
    const QString second = test::freshKey();
    m_store.store(first);
    m_store.store(second);
    ASSERT_TRUE(m_spies.waitForReports(2));
    ASSERT_EQ(m_spies.failed.size(), 2);
    QStringList kinds;
    for (const auto &args : m_spies.failed) {
        const Error error = args.at(0).value<Error>();
        kinds << error.kind;
        if (error.kind == QLatin1String("busy")) {
            EXPECT_TRUE(error.message.contains(QLatin1String("storing the API key")));
        }
    }
    kinds.sort();
    EXPECT_EQ(kinds, (QStringList{QStringLiteral("busy"), QStringLiteral("keychain-unavailable")}));
    EXPECT_EQ(m_store.key(), first);
    EXPECT_FALSE(Redactor::isRegistered(second));
}

TEST_F(KeyStoreWithoutDBus, ACancelledLoadReportsOnceAndItsLateResultIsIgnored)
{
    m_store.load();
    m_store.cancel();
    ASSERT_EQ(m_spies.failed.size(), 1);
    EXPECT_EQ(m_spies.lastError().kind, QStringLiteral("cancelled"));
    EXPECT_FALSE(m_store.isBusy());
    // QtKeychain runs jobs one after another, so once this second load has its answer the
    // cancelled one has had its answer too, and it must not have been reported.
    m_store.load();
    ASSERT_TRUE(m_spies.waitForReports(2));
    EXPECT_EQ(m_spies.reports(), 2);
    EXPECT_EQ(m_spies.lastError().kind, QStringLiteral("keychain-unavailable"));
}

TEST_F(KeyStoreWithoutDBus, TheKeyNeverAppearsInTheLogWhateverHappens)
{
    test::LogCapture capture;
    const QString key = test::freshKey();
    storeSessionKey(m_store, m_spies, key);
    m_store.load();
    ASSERT_TRUE(m_spies.waitForReports(2));
    auto rejecting = test::ScriptedVerifier::rejecting(
        Error{QStringLiteral("unauthorized"), QStringLiteral("rejected")});
    const QString candidate = test::freshKey();
    m_store.replace(candidate, rejecting);
    ASSERT_TRUE(m_spies.waitForReports(3));
    // A careless line anywhere in the program, and an error message passed on to the log.
    qWarning() << "careless:" << m_store.key();
    for (const auto &args : m_spies.failed)
        qWarning() << args.at(0).value<Error>().message;
    qWarning() << m_store.explanation();

    const QString log = capture.text();
    EXPECT_TRUE(log.contains(QLatin1String("this session only"))) << "the store did log";
    EXPECT_TRUE(log.contains(QLatin1String("careless:")));
    EXPECT_FALSE(log.contains(key)) << log.toStdString();
    EXPECT_FALSE(log.contains(key.left(20)));
}

// The record key has no keychain either: lines will be marked unsigned, with this reason.
TEST_F(KeyStoreWithoutDBus, TheRecordKeyIsUnavailableAndSaysWhy)
{
    RecordKeyLoader loader(RecordKeyLoader::Mode::LoadOrCreate);
    QSignalSpy finished(&loader, &RecordKeyLoader::finished);
    loader.load();
    EXPECT_EQ(finished.size(), 0) << "reports only after load() returned";
    ASSERT_TRUE(finished.wait(10'000));
    EXPECT_FALSE(loader.key().available());
    EXPECT_TRUE(loader.key().unavailableReason().contains(QLatin1String("D-Bus")))
        << loader.key().unavailableReason().toStdString();
}
