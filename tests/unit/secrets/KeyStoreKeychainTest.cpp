#include "src/secrets/KeyStore.h"
#include "src/secrets/RecordKeyLoader.h"
#include "src/secrets/KeychainJob.h"
#include "src/secrets/Redactor.h"

#include "SecretsTestSupport.h"

#include <gtest/gtest.h>

using namespace golive;
using namespace std::chrono_literals;

// Against a real Secret Service. Needs a session bus with an unlocked keyring, as CI provides:
//   export XDG_RUNTIME_DIR=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d)
//   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock
//       --components=secrets >/dev/null; ctest --test-dir build -R secrets --output-on-failure'
// (one line)
// Each test uses its own profile name, and removes what it stored.
class KeyStoreInKeychain : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            GTEST_SKIP() << "No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset). Run these "
                            "tests inside dbus-run-session with an unlocked gnome-keyring, as "
                            "described at the top of KeyStoreKeychainTest.cpp.";
        qunsetenv("CO_API_KEY");
    }

    void TearDown() override
    {
        // Leave no test key behind in the keyring, whatever the test did.
        if (m_stored.isEmpty())
            return;
        KeyStore cleaner(m_profile);
        test::KeyStoreSpies spies(cleaner);
        cleaner.remove();
        EXPECT_TRUE(spies.waitForReports(1));
    }

    // Waits for the report of the operation just started (the store's reports so far plus one),
    // which must be `success`, the n-th of its kind; shows the error otherwise.
    static void expectSuccess(test::KeyStoreSpies &spies, QSignalSpy &success,
                              qsizetype reportsBefore, qsizetype nth = 1)
    {
        ASSERT_TRUE(spies.waitForReports(reportsBefore + 1)) << "no report";
        ASSERT_EQ(spies.failed.size(), 0) << spies.lastError().message.toStdString();
        ASSERT_EQ(spies.reports(), reportsBefore + 1);
        ASSERT_EQ(success.size(), nth);
    }

    QString m_profile = test::uniqueProfile(QStringLiteral("keychain"));
    QString m_stored;
};

TEST_F(KeyStoreInKeychain, AProfileWithoutAnEntryHasNoKeyAndThatIsNotAnError)
{
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(spies.waitForReports(1));
    ASSERT_EQ(spies.failed.size(), 0) << spies.lastError().message.toStdString();
    ASSERT_EQ(spies.loaded.size(), 1);
    EXPECT_EQ(spies.loaded.first().at(0).value<KeyStore::KeyState>(), KeyStore::KeyState::NoKey);
    EXPECT_EQ(store.state(), KeyStore::KeyState::NoKey);
    EXPECT_FALSE(store.hasKey());
}

TEST_F(KeyStoreInKeychain, AStoredKeyIsFoundByTheNextSession)
{
    const QString key = test::freshKey();
    {
        KeyStore store(m_profile);
        test::KeyStoreSpies spies(store);
        store.store(key);
        m_stored = key;
        expectSuccess(spies, spies.stored, 0);
        EXPECT_EQ(store.state(), KeyStore::KeyState::InKeychain);
        EXPECT_TRUE(store.explanation().contains(QLatin1String("system keychain")));
    }
    KeyStore nextSession(m_profile);
    test::KeyStoreSpies spies(nextSession);
    nextSession.load();
    expectSuccess(spies, spies.loaded, 0);
    EXPECT_EQ(nextSession.state(), KeyStore::KeyState::InKeychain);
    EXPECT_EQ(nextSession.key(), key);
    EXPECT_TRUE(Redactor::isRegistered(key));
}

TEST_F(KeyStoreInKeychain, ProfilesDoNotSeeEachOthersKeys)
{
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    m_stored = test::freshKey();
    store.store(m_stored);
    expectSuccess(spies, spies.stored, 0);

    KeyStore other(test::uniqueProfile(QStringLiteral("keychain-other")));
    test::KeyStoreSpies otherSpies(other);
    other.load();
    expectSuccess(otherSpies, otherSpies.loaded, 0);
    EXPECT_EQ(other.state(), KeyStore::KeyState::NoKey);
}

TEST_F(KeyStoreInKeychain, ARejectedRotationKeepsTheOldKeyInTheKeychain)
{
    const QString oldKey = test::freshKey();
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    store.store(oldKey);
    m_stored = oldKey;
    expectSuccess(spies, spies.stored, 0);

    auto verifier = test::ScriptedVerifier::rejecting(
        Error{QStringLiteral("unauthorized"), QStringLiteral("Cohere answered 401")});
    store.replace(test::freshKey(), verifier);
    ASSERT_TRUE(spies.waitForReports(2));
    ASSERT_EQ(spies.failed.size(), 1);
    EXPECT_EQ(spies.lastError().kind, QStringLiteral("unauthorized"));
    EXPECT_EQ(store.key(), oldKey);

    KeyStore nextSession(m_profile);
    test::KeyStoreSpies nextSpies(nextSession);
    nextSession.load();
    expectSuccess(nextSpies, nextSpies.loaded, 0);
    EXPECT_EQ(nextSession.key(), oldKey);
}

TEST_F(KeyStoreInKeychain, AVerifiedRotationReplacesTheKeyInTheKeychain)
{
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    store.store(test::freshKey());
    m_stored = QStringLiteral("some key");
    expectSuccess(spies, spies.stored, 0);

    const QString newKey = test::freshKey();
    auto verifier = test::ScriptedVerifier::accepting();
    store.replace(newKey, verifier);
    expectSuccess(spies, spies.replaced, 1);
    EXPECT_EQ(verifier.asked(), QStringList{newKey});
    EXPECT_EQ(store.key(), newKey);
    EXPECT_EQ(store.state(), KeyStore::KeyState::InKeychain);

    KeyStore nextSession(m_profile);
    test::KeyStoreSpies nextSpies(nextSession);
    nextSession.load();
    expectSuccess(nextSpies, nextSpies.loaded, 0);
    EXPECT_EQ(nextSession.key(), newKey);
}

TEST_F(KeyStoreInKeychain, ARemovedKeyIsGoneForTheNextSessionToo)
{
    const QString key = test::freshKey();
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    store.store(key);
    m_stored = key;
    expectSuccess(spies, spies.stored, 0);

    store.remove();
    expectSuccess(spies, spies.removed, 1);
    m_stored.clear();
    EXPECT_FALSE(store.hasKey());
    EXPECT_EQ(store.state(), KeyStore::KeyState::NoKey);
    EXPECT_FALSE(Redactor::isRegistered(key));

    KeyStore nextSession(m_profile);
    test::KeyStoreSpies nextSpies(nextSession);
    nextSession.load();
    expectSuccess(nextSpies, nextSpies.loaded, 0);
    EXPECT_EQ(nextSession.state(), KeyStore::KeyState::NoKey);
}

TEST_F(KeyStoreInKeychain, RemovingAKeyThatIsNotThereSucceeds)
{
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    store.remove();
    expectSuccess(spies, spies.removed, 0);
    EXPECT_EQ(store.state(), KeyStore::KeyState::NoKey);
}

TEST_F(KeyStoreInKeychain, TheEnvironmentWinsOverTheKeychain)
{
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    m_stored = test::freshKey();
    store.store(m_stored);
    expectSuccess(spies, spies.stored, 0);

    const QString fromEnvironment = test::freshKey();
    qputenv("CO_API_KEY", fromEnvironment.toUtf8());
    KeyStore nextSession(m_profile);
    test::KeyStoreSpies nextSpies(nextSession);
    nextSession.load();
    expectSuccess(nextSpies, nextSpies.loaded, 0);
    qunsetenv("CO_API_KEY");
    EXPECT_EQ(nextSession.state(), KeyStore::KeyState::FromEnvironment);
    EXPECT_EQ(nextSession.key(), fromEnvironment);

    // Once CO_API_KEY is gone, the keychain's key is used again.
    nextSession.load();
    expectSuccess(nextSpies, nextSpies.loaded, 1, 2);
    EXPECT_EQ(nextSession.key(), m_stored);
    EXPECT_EQ(nextSession.state(), KeyStore::KeyState::InKeychain);
}

TEST_F(KeyStoreInKeychain, TheKeyNeverAppearsInTheLogDuringStoreLoadRotateAndRemove)
{
    test::LogCapture capture;
    const QString key = test::freshKey();
    const QString rotated = test::freshKey();
    KeyStore store(m_profile);
    test::KeyStoreSpies spies(store);
    store.store(key);
    m_stored = key;
    ASSERT_TRUE(spies.waitForReports(1));
    store.load();
    ASSERT_TRUE(spies.waitForReports(2));
    auto verifier = test::ScriptedVerifier::accepting();
    store.replace(rotated, verifier);
    ASSERT_TRUE(spies.waitForReports(3));
    qWarning() << "careless:" << store.key();
    store.remove();
    ASSERT_TRUE(spies.waitForReports(4));
    ASSERT_EQ(spies.failed.size(), 0) << spies.lastError().message.toStdString();
    m_stored.clear();

    const QString log = capture.text();
    EXPECT_TRUE(log.contains(QLatin1String("stored the API key"))) << "the store did log";
    EXPECT_TRUE(log.contains(QLatin1String("careless:")));
    EXPECT_FALSE(log.contains(key)) << log.toStdString();
    EXPECT_FALSE(log.contains(rotated)) << log.toStdString();
}

// The record key: created once in the real keychain, then read back by every later golive.
TEST_F(KeyStoreInKeychain, TheRecordKeyIsCreatedOnceAndReadBackTheSame)
{
    const QString entry = test::uniqueProfile(QStringLiteral("record-key"));
    const auto loadKey = [&entry](RecordKeyLoader::Mode mode) {
        RecordKeyLoader loader(mode);
        loader.setEntry(entry);
        QSignalSpy finished(&loader, &RecordKeyLoader::finished);
        loader.load();
        EXPECT_TRUE(finished.wait(10'000));
        return loader.key();
    };
    const RecordKey missing = loadKey(RecordKeyLoader::Mode::LoadOnly);
    EXPECT_FALSE(missing.available()) << "verify never creates a key";
    EXPECT_TRUE(missing.unavailableReason().contains(QLatin1String("holds no record key")));

    const RecordKey created = loadKey(RecordKeyLoader::Mode::LoadOrCreate);
    ASSERT_TRUE(created.available()) << created.unavailableReason().toStdString();
    const RecordKey readBack = loadKey(RecordKeyLoader::Mode::LoadOnly);
    ASSERT_TRUE(readBack.available()) << readBack.unavailableReason().toStdString();
    EXPECT_EQ(readBack.sign("line"), created.sign("line"));

    KeychainJob cleanup(KeychainJob::Kind::Delete, RecordKeyLoader::keychainService(), entry,
                        std::chrono::milliseconds(5000));
    bool done = false;
    cleanup.start([&done](const KeychainJob::Outcome &) { done = true; });
    EXPECT_TRUE(QTest::qWaitFor([&done] { return done; }, 10'000));
}
