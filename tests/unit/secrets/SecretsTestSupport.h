#pragma once

#include "src/common/Error.h"
#include "src/secrets/KeyStore.h"
#include "src/secrets/KeyVerifier.h"
#include "src/secrets/RedactingMessageHandler.h"

#include <gtest/gtest.h>

#include <QMutex>
#include <QMutexLocker>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>
#include <QUuid>

#include <optional>

namespace golive::test {

// Keychain entries made by a test run are unique, so parallel runs never see each other's keys.
inline QString uniqueProfile(const QString &purpose)
{
    return QStringLiteral("golive-test-%1-%2")
        .arg(purpose, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

// A key shaped like a Cohere key (40 characters), different every time.
inline QString freshKey()
{
    return QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral("zKeY1234");
}

// Every log line of the process, after redaction, for as long as it lives.
class LogCapture {
public:
    LogCapture()
    {
        const Status installed =
            installRedactingMessageHandler([this](QtMsgType, const QString &line) {
                QMutexLocker locker(&m_mutex);
                m_lines << line;
            });
        EXPECT_TRUE(installed.ok());
    }
    ~LogCapture() { uninstallRedactingMessageHandler(); }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    QStringList lines() const
    {
        QMutexLocker locker(&m_mutex);
        return m_lines;
    }
    QString text() const { return lines().join(QLatin1Char('\n')); }

private:
    mutable QMutex m_mutex;
    QStringList m_lines;
};

// A verifier whose answer the test decides: accept, reject with an error, or never answer.
class ScriptedVerifier : public KeyVerifier {
public:
    static ScriptedVerifier accepting() { return ScriptedVerifier(Status{}, true); }
    static ScriptedVerifier rejecting(Error error) { return ScriptedVerifier(Status{error}, true); }
    static ScriptedVerifier silent() { return ScriptedVerifier(Status{}, false); }

    void verify(const QString &key, std::function<void(Status)> done) override
    {
        m_asked << key;
        if (m_answers)
            done(m_answer);
    }
    QStringList asked() const { return m_asked; }

private:
    ScriptedVerifier(Status answer, bool answers) : m_answer(std::move(answer)), m_answers(answers)
    {
    }
    Status m_answer;
    bool m_answers;
    QStringList m_asked;
};

// All the ways a KeyStore operation can report, so a test can check it reported exactly once.
struct KeyStoreSpies {
    explicit KeyStoreSpies(KeyStore &store)
        : loaded(&store, &KeyStore::keyLoaded), stored(&store, &KeyStore::keyStored),
          replaced(&store, &KeyStore::keyReplaced), removed(&store, &KeyStore::keyRemoved),
          failed(&store, &KeyStore::failed)
    {
    }

    qsizetype reports() const
    {
        return loaded.size() + stored.size() + replaced.size() + removed.size() + failed.size();
    }
    // Waits, bounded, until the number of reports reaches `count`; the event loop runs meanwhile.
    bool waitForReports(qsizetype count, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return reports() >= count; }, timeoutMs);
    }
    Error lastError() const { return failed.last().at(0).value<Error>(); }

    QSignalSpy loaded;
    QSignalSpy stored;
    QSignalSpy replaced;
    QSignalSpy removed;
    QSignalSpy failed;
};

} // namespace golive::test
