#pragma once

#include "src/secrets/RecordKey.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>

namespace golive {

class KeychainJob;

// Fetches the record key from the OS keychain (service "golive-record", entry "record-key",
// base64 of 32 random bytes), once per process, asynchronously and with a timeout.
//
// LoadOrCreate (a golive about to append): a missing entry is created from
// QRandomGenerator::system(). LoadOnly (`golive verify`): a missing entry stays missing.
// Reports exactly once through finished(), never from inside load(): a usable key, or
// RecordKey::unavailable with the reason in plain words (no D-Bus, locked, timed out...).
class RecordKeyLoader : public QObject {
    Q_OBJECT
public:
    enum class Mode { LoadOrCreate, LoadOnly };

    static constexpr std::chrono::milliseconds DefaultTimeout{5000};
    static QString keychainService() { return QStringLiteral("golive-record"); }
    static QString defaultEntry() { return QStringLiteral("record-key"); }

    explicit RecordKeyLoader(Mode mode, std::chrono::milliseconds timeout = DefaultTimeout,
                             QObject *parent = nullptr);
    ~RecordKeyLoader() override;

    // Tests use an entry of their own so they never touch a real installation's key.
    void setEntry(const QString &entry) { m_entry = entry; }
    void load();
    bool isFinished() const { return m_finished; }
    // Valid once finished.
    const RecordKey &key() const { return m_key; }

Q_SIGNALS:
    void finished(const golive::RecordKey &key);

private:
    void onRead(bool ok, bool missing, const QString &stored, const QString &reason);
    void create();
    void finish(RecordKey key);

    Mode m_mode;
    std::chrono::milliseconds m_timeout;
    QString m_entry = defaultEntry();
    QPointer<KeychainJob> m_job;
    RecordKey m_key = RecordKey::unavailable(QStringLiteral("the record key is still loading"));
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive
