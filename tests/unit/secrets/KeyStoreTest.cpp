#include "src/secrets/KeyStore.h"
#include "src/secrets/Redactor.h"

#include "SecretsTestSupport.h"

#include <gtest/gtest.h>

using namespace golive;
using namespace std::chrono_literals;

// CO_API_KEY in the environment: read-only, always wins, never written. None of these tests reach
// the keychain: with CO_API_KEY set, KeyStore never asks it.
class KeyStoreFromEnvironment : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_key = test::freshKey();
        qputenv("CO_API_KEY", m_key.toUtf8());
    }
    void TearDown() override { qunsetenv("CO_API_KEY"); }

    QString m_key;
};

TEST_F(KeyStoreFromEnvironment, LoadsTheKeyFromCoApiKey)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("env")));
    test::KeyStoreSpies spies(store);
    QSignalSpy stateChanged(&store, &KeyStore::stateChanged);
    store.load();
    EXPECT_EQ(spies.reports(), 0) << "reports only after load() returned";
    ASSERT_TRUE(spies.waitForReports(1));
    ASSERT_EQ(spies.loaded.size(), 1);
    EXPECT_EQ(spies.loaded.first().at(0).value<KeyStore::KeyState>(),
              KeyStore::KeyState::FromEnvironment);
    EXPECT_EQ(store.state(), KeyStore::KeyState::FromEnvironment);
    EXPECT_EQ(store.key(), m_key);
    EXPECT_EQ(stateChanged.size(), 1);
    EXPECT_TRUE(store.explanation().contains(QLatin1String("CO_API_KEY")));
    EXPECT_TRUE(store.explanation().contains(QLatin1String("read-only")));
}

TEST_F(KeyStoreFromEnvironment, IgnoresSurroundingWhitespaceInTheVariable)
{
    qputenv("CO_API_KEY", (QStringLiteral("  ") + m_key + QStringLiteral("\n")).toUtf8());
    KeyStore store(test::uniqueProfile(QStringLiteral("env")));
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(spies.waitForReports(1));
    EXPECT_EQ(store.key(), m_key);
}

TEST_F(KeyStoreFromEnvironment, RefusesAKeyWithALineBreakInsideAndNeverPrintsIt)
{
    // What a header injection looks like: the key, CR/LF, another header.
    const QString injected = m_key + QStringLiteral("\r\nX-Injected: yes");
    qputenv("CO_API_KEY", injected.toUtf8());
    KeyStore store(test::uniqueProfile(QStringLiteral("env")));
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(spies.waitForReports(1));
    ASSERT_EQ(spies.failed.size(), 1);
    const Error error = spies.lastError();
    EXPECT_EQ(error.kind, QStringLiteral("invalid-key"));
    EXPECT_TRUE(error.message.contains(QLatin1String("CO_API_KEY is not used")))
        << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QLatin1String("control characters")));
    EXPECT_FALSE(error.message.contains(m_key));
    EXPECT_FALSE(store.hasKey());
    EXPECT_FALSE(store.isBusy());
}

TEST_F(KeyStoreFromEnvironment, RegistersTheKeyWithTheRedactorAsSoonAsItIsKnown)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("env")));
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(spies.waitForReports(1));
    EXPECT_EQ(Redactor::redact(QStringLiteral("key=") + m_key), QStringLiteral("key=[redacted]"));
}

TEST_F(KeyStoreFromEnvironment, RefusesToStoreAnotherKeyAndSaysWhy)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("env")));
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(spies.waitForReports(1));

    const QString other = test::freshKey();
    store.store(other);
    ASSERT_TRUE(spies.waitForReports(2));
    ASSERT_EQ(spies.failed.size(), 1);
    const Error error = spies.lastError();
    EXPECT_EQ(error.kind, QStringLiteral("key-from-environment"));
    EXPECT_TRUE(error.message.contains(QLatin1String("CO_API_KEY"))) << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QLatin1String("Unset CO_API_KEY")));
    EXPECT_FALSE(error.message.contains(other));
    EXPECT_EQ(spies.stored.size(), 0);
    EXPECT_EQ(store.state(), KeyStore::KeyState::FromEnvironment);
    EXPECT_EQ(store.key(), m_key);
}

TEST_F(KeyStoreFromEnvironment, RefusesToRemoveOrReplaceTheEnvironmentsKey)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("env")));
    test::KeyStoreSpies spies(store);
    auto verifier = test::ScriptedVerifier::accepting();
    store.remove();
    store.replace(test::freshKey(), verifier);
    ASSERT_TRUE(spies.waitForReports(2));
    ASSERT_EQ(spies.failed.size(), 2);
    for (const auto &args : spies.failed)
        EXPECT_EQ(args.at(0).value<Error>().kind, QStringLiteral("key-from-environment"));
    EXPECT_TRUE(verifier.asked().isEmpty());
}

TEST_F(KeyStoreFromEnvironment, KeepsItsKeyOutOfMemoryAfterClearingButReadsItAgainOnLoad)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("env")));
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(spies.waitForReports(1));
    store.clearFromMemory();
    EXPECT_TRUE(store.key().isEmpty());
    EXPECT_FALSE(Redactor::isRegistered(m_key));
    EXPECT_EQ(store.state(), KeyStore::KeyState::FromEnvironment);
    store.load();
    ASSERT_TRUE(spies.waitForReports(2));
    EXPECT_EQ(store.key(), m_key);
}

TEST(KeyStore, WaitsFiveSecondsForTheKeychainUnlessToldOtherwise)
{
    EXPECT_EQ(KeyStore(QStringLiteral("p")).timeout(), 5000ms);
    EXPECT_EQ(KeyStore(QStringLiteral("p"), 250ms).timeout(), 250ms);
    EXPECT_EQ(KeyStore::keychainService(), QStringLiteral("golive"));
}

TEST(KeyStore, StartsWithNoKeyAndSaysHowToSetOne)
{
    KeyStore store(QStringLiteral("staging"));
    EXPECT_EQ(store.state(), KeyStore::KeyState::NoKey);
    EXPECT_FALSE(store.hasKey());
    EXPECT_TRUE(store.explanation().contains(QLatin1String("staging")));
}

TEST(KeyStore, RefusesAMalformedKeyWithoutRepeatingIt)
{
    qunsetenv("CO_API_KEY");
    KeyStore store(test::uniqueProfile(QStringLiteral("invalid")));
    test::KeyStoreSpies spies(store);
    const QString pastedTwoKeys = QStringLiteral("first-key-0123456789 second-key-0123456789");
    store.store(QString());
    store.store(pastedTwoKeys);
    store.store(QString(2000, QLatin1Char('k')));
    ASSERT_TRUE(spies.waitForReports(3));
    ASSERT_EQ(spies.failed.size(), 3);
    EXPECT_TRUE(spies.failed.at(0).at(0).value<Error>().message.contains(QLatin1String("empty")));
    const Error twoKeys = spies.failed.at(1).at(0).value<Error>();
    EXPECT_EQ(twoKeys.kind, QStringLiteral("invalid-key"));
    EXPECT_TRUE(twoKeys.message.contains(QLatin1String("spaces")));
    EXPECT_FALSE(twoKeys.message.contains(QLatin1String("first-key")));
    EXPECT_TRUE(spies.failed.at(2).at(0).value<Error>().message.contains(QLatin1String("2000")));
    EXPECT_EQ(store.state(), KeyStore::KeyState::NoKey);
    EXPECT_FALSE(store.isBusy());
}
