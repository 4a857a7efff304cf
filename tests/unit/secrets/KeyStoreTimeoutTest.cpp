#include "src/secrets/KeyStore.h"
#include "src/secrets/Redactor.h"

#include "SecretsTestSupport.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <vector>

using namespace golive;
using namespace std::chrono_literals;

// A keychain that never answers, like a Secret Service waiting on an unlock prompt nobody sees:
// the session bus address points at a socket that accepts connections and then says nothing, so
// the keychain's D-Bus handshake waits forever. Every KeyStore operation must still report, once,
// within its own timeout.
//
// The silent bus lives as long as the test suite: QtKeychain queues jobs process-wide and GLib
// keeps trying the same connection, so a bus closed in the middle would change what later tests
// in the same process see. Only the last test closes it.
class KeyStoreWithSilentKeychain : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        ASSERT_TRUE(s_dir->isValid());
        const QString path = s_dir->filePath(QStringLiteral("silent-bus"));
        s_bus = new QLocalServer;
        ASSERT_TRUE(s_bus->listen(path)) << s_bus->errorString().toStdString();
        QObject::connect(s_bus, &QLocalServer::newConnection, s_bus, [] {
            while (QLocalSocket *client = s_bus->nextPendingConnection())
                s_clients.push_back(client); // held open, never answered
        });
        qputenv("DBUS_SESSION_BUS_ADDRESS", ("unix:path=" + path).toUtf8());
        qunsetenv("DISPLAY");
        qunsetenv("CO_API_KEY");
    }

    static void TearDownTestSuite()
    {
        delete s_bus;
        s_bus = nullptr;
        s_clients.clear();
        delete s_dir;
        s_dir = nullptr;
    }

    void SetUp() override
    {
        if (!s_bus->isListening())
            GTEST_SKIP() << "the silent bus was already closed by an earlier test in this process";
    }

    // Ends the silence: the bus goes away, so the abandoned handshake fails and the keychain
    // finally finishes the jobs it was given.
    static void silentBusGoesAway()
    {
        for (QLocalSocket *client : s_clients)
            client->abort();
        s_bus->close();
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline QLocalServer *s_bus = nullptr;
    static inline std::vector<QLocalSocket *> s_clients;
};

TEST_F(KeyStoreWithSilentKeychain, LoadGivesUpAfterItsTimeoutAndSaysHowLongItWaited)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("silent")), 1s);
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(spies.waitForReports(1, 10000));
    ASSERT_EQ(spies.failed.size(), 1);
    EXPECT_EQ(spies.lastError().kind, QStringLiteral("keychain-timeout"));
    EXPECT_EQ(store.state(), KeyStore::KeyState::KeychainUnavailable);
    EXPECT_TRUE(store.explanation().contains(QLatin1String("did not answer within 1 s")))
        << store.explanation().toStdString();
    EXPECT_FALSE(store.isBusy());
}

TEST_F(KeyStoreWithSilentKeychain, StoreKeepsTheKeyForThisSessionWhenTheKeychainDoesNotAnswer)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("silent")), 500ms);
    test::KeyStoreSpies spies(store);
    const QString key = test::freshKey();
    store.store(key);
    ASSERT_TRUE(spies.waitForReports(1, 10000));
    EXPECT_EQ(spies.lastError().kind, QStringLiteral("keychain-timeout"));
    EXPECT_EQ(store.state(), KeyStore::KeyState::SessionOnly);
    EXPECT_EQ(store.key(), key);
    EXPECT_TRUE(store.explanation().contains(QLatin1String("this session only")));
    EXPECT_TRUE(store.explanation().contains(QLatin1String("did not answer within 500 ms")));
}

TEST_F(KeyStoreWithSilentKeychain, EveryQueuedJobStillGetsItsOwnTimeout)
{
    KeyStore first(test::uniqueProfile(QStringLiteral("silent")), 500ms);
    KeyStore second(test::uniqueProfile(QStringLiteral("silent")), 700ms);
    test::KeyStoreSpies firstSpies(first);
    test::KeyStoreSpies secondSpies(second);
    first.load();
    second.load();
    ASSERT_TRUE(firstSpies.waitForReports(1, 10000));
    ASSERT_TRUE(secondSpies.waitForReports(1, 10000));
    EXPECT_EQ(firstSpies.lastError().kind, QStringLiteral("keychain-timeout"));
    EXPECT_EQ(secondSpies.lastError().kind, QStringLiteral("keychain-timeout"));
    EXPECT_TRUE(second.explanation().contains(QLatin1String("700 ms")));
}

TEST_F(KeyStoreWithSilentKeychain, CancelEndsAWaitAtOnce)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("silent")), 60s);
    test::KeyStoreSpies spies(store);
    store.load();
    ASSERT_TRUE(store.isBusy());
    store.cancel();
    EXPECT_EQ(spies.reports(), 1);
    EXPECT_EQ(spies.lastError().kind, QStringLiteral("cancelled"));
    EXPECT_FALSE(store.isBusy());
    EXPECT_EQ(store.state(), KeyStore::KeyState::NoKey) << "nothing was learned, nothing changed";
}

// Last, because it closes the silent bus.
TEST_F(KeyStoreWithSilentKeychain, AnAnswerArrivingAfterTheTimeoutIsIgnored)
{
    KeyStore store(test::uniqueProfile(QStringLiteral("silent")), 500ms);
    test::KeyStoreSpies spies(store);
    const QString key = test::freshKey();
    store.store(key);
    ASSERT_TRUE(spies.waitForReports(1, 10000));
    ASSERT_EQ(store.state(), KeyStore::KeyState::SessionOnly);

    silentBusGoesAway();
    // QtKeychain runs one job at a time: this load only gets its answer after the abandoned
    // store has finished, so by then the late answer has arrived and must have been ignored.
    KeyStore witness(store.profileName(), 5s);
    test::KeyStoreSpies witnessSpies(witness);
    witness.load();
    ASSERT_TRUE(witnessSpies.waitForReports(1, 10000));
    EXPECT_NE(witnessSpies.lastError().kind, QStringLiteral("keychain-timeout"))
        << witnessSpies.lastError().message.toStdString();

    EXPECT_EQ(spies.reports(), 1);
    EXPECT_EQ(spies.stored.size(), 0);
    EXPECT_EQ(store.state(), KeyStore::KeyState::SessionOnly);
    EXPECT_EQ(store.key(), key);
}
