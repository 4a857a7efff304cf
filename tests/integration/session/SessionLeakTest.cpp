// A whole working session with a real key, then a search for that key everywhere golive could
// have left it: every file under the data, config and home folders, every log line, the release's
// state.json, QSettings and the process's arguments. It must be found nowhere.
#include "../../unit/secrets/SecretsTestSupport.h"
#include "FakeClock.h"
#include "FakeCohereServer.h"
#include "QStringPrinter.h"
#include "src/cohere/CohereClient.h"
#include "src/cohere/CohereKeyVerifier.h"
#include "src/evidence/KeyEvidence.h"
#include "src/release/ReleaseSession.h"
#include "src/secrets/KeyStore.h"
#include "src/secrets/RedactingMessageHandler.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::test;

namespace {

CohereOutcome awaitOutcome(CohereCall *call)
{
    QSignalSpy spy(call, &CohereCall::finished);
    if (spy.isEmpty() && !spy.wait(10000)) {
        ADD_FAILURE() << "no outcome";
        return {};
    }
    return qvariant_cast<CohereOutcome>(spy.at(0).at(0));
}

// Where `key` occurs in `bytes`, in the encodings a file could hold it in.
bool containsKey(const QByteArray &bytes, const QString &key)
{
    const QByteArray utf8 = key.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(key.utf16()), key.size() * 2);
    const QByteArray base64 = utf8.toBase64(QByteArray::OmitTrailingEquals);
    return bytes.contains(utf8) || bytes.contains(utf16) || bytes.contains(base64) ||
           bytes.contains(utf8.left(utf8.size() / 2));
}

class SessionLeak : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_root.isValid());
        for (const char *name : {"data", "config", "home", "runtime"})
            ASSERT_TRUE(QDir(m_root.path()).mkpath(QLatin1String(name)));
        qputenv("XDG_DATA_HOME", path("data").toUtf8());
        qputenv("XDG_CONFIG_HOME", path("config").toUtf8());
        qputenv("HOME", path("home").toUtf8());
        qunsetenv("CO_API_KEY");
        m_realKeychain = !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
        if (!m_realKeychain) // no bus: the session-only path, without probing for one
            qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");

        const Status logOpened = installRedactingMessageHandler(
            [this](QtMsgType, const QString &line) {
                QMutexLocker locker(&m_logMutex);
                m_log << line;
            },
            path("data/golive.log"));
        ASSERT_TRUE((logOpened).ok()) << logOpened->message.toStdString();
    }

    void TearDown() override
    {
        uninstallRedactingMessageHandler();
        if (m_store && m_store->state() == KeyStore::KeyState::InKeychain) {
            KeyStoreSpies spies(*m_store);
            m_store->remove();
            EXPECT_TRUE(spies.waitForReports(1));
        }
    }

    QString path(const char *relative) const
    {
        return QDir(m_root.path()).filePath(QLatin1String(relative));
    }

    QTemporaryDir m_root;
    bool m_realKeychain = false;
    QMutex m_logMutex; // lines may come from any thread
    QStringList m_log;
    std::unique_ptr<KeyStore> m_store;
};

TEST_F(SessionLeak, TheKeyIsFoundNowhereAfterAWorkingSession)
{
    const QString key = freshKey();

    // The key is set as in the dialog: into the keychain when there is one, else this session.
    m_store = std::make_unique<KeyStore>(uniqueProfile(QStringLiteral("session-leak")));
    KeyStoreSpies spies(*m_store);
    m_store->store(key);
    ASSERT_TRUE(spies.waitForReports(1));
    ASSERT_TRUE(m_store->state() == KeyStore::KeyState::InKeychain ||
                m_store->state() == KeyStore::KeyState::SessionOnly)
        << m_store->explanation().toStdString();
    ASSERT_EQ(m_store->key(), key);

    // A release in the temporary data folder, with ticks, notes and (when the key is in the
    // keychain) the secret-manager item ticked with evidence.
    FakeClock clock;
    ReleaseSession session(path("data/golive"), clock);
    ASSERT_TRUE((session.openNewestOrCreate()).ok());
    Checklist &checklist = *session.checklist();
    const auto items = checklist.document().allItems();
    ASSERT_GE(items.size(), 3);
    EXPECT_TRUE(checklist.tick(items.at(0)->id));
    EXPECT_TRUE(checklist.setNote(items.at(1)->id, QStringLiteral("rotated on Monday")));
    const auto evidence = KeyEvidence::forState(m_store->state(), checklist.document());
    if (m_realKeychain && m_store->state() == KeyStore::KeyState::InKeychain) {
        ASSERT_TRUE(evidence.ok()) << evidence.error().message.toStdString();
        EXPECT_TRUE(checklist.tick(evidence.value().itemId, evidence.value().evidence));
    } else {
        EXPECT_FALSE(evidence.ok());
        EXPECT_TRUE(checklist.tick(items.at(2)->id));
    }

    // Cohere calls that succeed and fail, one of them answered by a gateway that echoes the
    // Authorization header back.
    FakeCohereServer server(key);
    ASSERT_TRUE(server.listen());
    CohereSettings settings;
    settings.baseUrl = server.url();
    settings.retry.maxAttempts = 1;
    settings.requestTimeoutMs = 5000;
    CohereClient client(settings, [this] { return m_store->key(); });
    CohereKeyVerifier verifier(client);

    EXPECT_EQ(awaitOutcome(client.chat()).kind, CohereOutcomeKind::Ok);
    EXPECT_EQ(awaitOutcome(client.embed({QStringLiteral("hello")})).kind, CohereOutcomeKind::Ok);
    server.enqueue(FakeCohereFault::status(401, QStringLiteral("invalid api token")));
    EXPECT_EQ(awaitOutcome(client.rerank(QStringLiteral("q"), {QStringLiteral("d")})).kind,
              CohereOutcomeKind::Auth);
    server.enqueue(FakeCohereFault::status(500, QStringLiteral("internal server error")));
    EXPECT_EQ(awaitOutcome(client.chat()).kind, CohereOutcomeKind::Server);
    server.enqueue(FakeCohereFault::echoAuthorization(429));
    const CohereOutcome echoed = awaitOutcome(client.chat());
    EXPECT_EQ(echoed.kind, CohereOutcomeKind::RateLimited);
    EXPECT_EQ(awaitOutcome(client.checkApiKey(key)).kind, CohereOutcomeKind::Ok);
    EXPECT_EQ(awaitOutcome(client.listModels()).kind, CohereOutcomeKind::Ok);
    Status verdict = Error{};
    bool verified = false;
    verifier.verify(QStringLiteral("not-the-key-0123456789abcdef"), [&](Status status) {
        verdict = std::move(status);
        verified = true;
    });
    ASSERT_TRUE(QTest::qWaitFor([&] { return verified; }, 10000));
    ASSERT_TRUE((verdict).failed());
    qWarning("Key check: %s", qUtf8Printable(verdict->message));
    qWarning("Last Cohere answer: %s / %s", qUtf8Printable(echoed.message),
             qUtf8Printable(echoed.cohereMessage));

    // The key really went out on every call, and the gateway really echoed it back: otherwise
    // finding it nowhere would prove nothing.
    ASSERT_EQ(server.requests().size(), 8);
    for (int i = 0; i < 7; ++i)
        EXPECT_EQ(server.requests().at(i).header("Authorization"), "Bearer " + key.toUtf8());
    EXPECT_TRUE(echoed.cohereMessage.contains(QLatin1String("echo: Authorization: Bearer")));

    // Each call left a line in the log.
    uninstallRedactingMessageHandler(); // no more lines while they are read
    const QString log = m_log.join(QLatin1Char('\n'));
    EXPECT_GE(m_log.filter(QStringLiteral("attempt(s)")).size(), 8) << log.toStdString();
    EXPECT_TRUE(log.contains(QLatin1String("/v2/chat: HTTP 429"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QLatin1String("stored the API key")) ||
                log.contains(QLatin1String("this session only")));

    // Every log line.
    for (const QString &line : std::as_const(m_log))
        EXPECT_FALSE(containsKey(line.toUtf8(), key)) << line.toStdString();

    // Every file under the data, config and home folders (the log file among them).
    int scanned = 0;
    QDirIterator files(m_root.path(), QDir::Files | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        QFile in(file);
        ASSERT_TRUE(in.open(QIODevice::ReadOnly)) << file.toStdString();
        EXPECT_FALSE(containsKey(in.readAll(), key)) << "the key is in " << file.toStdString();
        ++scanned;
    }
    EXPECT_GE(scanned, 4) << "log, checklist.md, release.json, state.json at least";

    // The release's state.json, by name, and that it did record the session's ticks.
    const QString stateFile = QDir(session.store().releasesDir())
                                  .filePath(session.current()->id + QStringLiteral("/state.json"));
    QFile state(stateFile);
    ASSERT_TRUE(state.open(QIODevice::ReadOnly)) << stateFile.toStdString();
    const QByteArray stateBytes = state.readAll();
    EXPECT_TRUE(stateBytes.contains("rotated on Monday"));
    EXPECT_FALSE(containsKey(stateBytes, key));

    // QSettings: golive keeps none, and none holds the key.
    QSettings settingsStore(QSettings::UserScope, QStringLiteral("golive"),
                            QStringLiteral("golive"));
    EXPECT_TRUE(settingsStore.allKeys().isEmpty()) << settingsStore.fileName().toStdString();
    EXPECT_FALSE(QFile::exists(settingsStore.fileName()));

    // The process's arguments.
    for (const QString &argument : QCoreApplication::arguments())
        EXPECT_FALSE(argument.contains(key));
    QFile cmdline(QStringLiteral("/proc/self/cmdline"));
    ASSERT_TRUE(cmdline.open(QIODevice::ReadOnly));
    EXPECT_FALSE(containsKey(cmdline.readAll(), key));
}

} // namespace
