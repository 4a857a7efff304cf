#pragma once

#include "src/common/Error.h"
#include "src/secrets/KeychainDiagnosis.h"
#include "src/secrets/KeychainJob.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>

namespace golive {

class KeyVerifier;

// The Cohere API key of one profile: in the system keychain (service "golive", entry = profile
// name), or read-only from CO_API_KEY, or, when there is no usable keychain, in memory for this
// session only. Never in a file, QSettings or any plaintext fallback.
//
// load(), store(), remove() and replace() are asynchronous. Each call reports exactly once: its
// success signal (keyLoaded, keyStored, keyRemoved, keyReplaced) or failed(Error), always after the
// call has returned. One operation runs at a time; a call made while one is running fails with
// kind "busy". Every keychain job has its own timeout; cancel() abandons the running operation.
//
// The key in memory is registered with the Redactor as soon as it is known, so no log line can
// carry it, and is overwritten when dropped.
class KeyStore : public QObject {
    Q_OBJECT
public:
    enum class KeyState {
        NoKey,               // keychain reachable, nothing stored for this profile
        InKeychain,          // stored in the system keychain
        FromEnvironment,     // CO_API_KEY is set: read-only, always wins, never stored
        SessionOnly,         // held in memory only, because the keychain could not store it
        KeychainUnavailable, // no key yet, and no keychain to read one from
        Error,               // no key, and the keychain answered with an error (locked, denied...)
    };
    Q_ENUM(KeyState)

    static constexpr std::chrono::milliseconds DefaultTimeout{5000};
    static constexpr std::chrono::milliseconds DefaultVerificationTimeout{30000};
    static QString keychainService();     // "golive"
    static QString environmentVariable(); // "CO_API_KEY"

    explicit KeyStore(const QString &profileName,
                      std::chrono::milliseconds timeout = DefaultTimeout,
                      QObject *parent = nullptr);
    ~KeyStore() override;

    QString profileName() const { return m_profileName; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    // How long replace() waits for the verifier before giving up and keeping the old key.
    void setVerificationTimeout(std::chrono::milliseconds timeout);

    KeyState state() const { return m_state; }
    // The current state in plain words for the UI, including why the keychain could not be used.
    QString explanation() const;
    // The key held in memory; empty when there is none, or after clearFromMemory().
    QString key() const { return m_key; }
    bool hasKey() const { return !m_key.isEmpty(); }
    QString maskedKey() const;
    bool isBusy() const { return m_operation != Operation::None; }

    // Reads CO_API_KEY (which wins) or else the keychain. A missing entry is NoKey, not a failure.
    void load();
    // Saves the key in the keychain. If the keychain cannot take it, the key is still kept for this
    // session (SessionOnly) and failed() says why. Refused while CO_API_KEY is set.
    void store(const QString &key);
    // Drops the key from memory and deletes the keychain entry.
    void remove();
    // Rotation: asks `verifier` whether newKey works; only then stores it in place of the current
    // key, which stays in use until that moment. The verifier must outlive the operation.
    void replace(const QString &newKey, KeyVerifier &verifier);
    // Abandons the running operation; failed() reports it with kind "cancelled". A keychain job
    // already handed to the keychain may still complete there.
    void cancel();
    // Overwrites and drops the key held in memory (cancelling any running operation). A key in the
    // keychain or the environment stays there; load() reads it again.
    void clearFromMemory();

Q_SIGNALS:
    void keyLoaded(golive::KeyStore::KeyState state);
    void keyStored();
    void keyReplaced();
    void keyRemoved();
    void stateChanged(golive::KeyStore::KeyState state);
    void failed(const golive::Error &error);

private:
    enum class Operation { None, Load, Store, Remove, Verify, Replace };

    static QString describeOperation(Operation operation);
    bool refuseIfBusy();
    bool refuseIfFromEnvironment(const QString &what);
    void reportFailure(const golive::Error &error);
    void rejectLater(const golive::Error &error);
    void beginOperation(Operation operation);
    void endOperation();
    void startJob(KeychainJob::Kind kind, const QString &secret);
    void onLoadFinished(const KeychainDiagnosis &diagnosis, const QString &secret);
    void onStoreFinished(const KeychainDiagnosis &diagnosis, Operation operation);
    void onRemoveFinished(const KeychainDiagnosis &diagnosis);
    void onVerified(quint64 generation, const Status &status);
    void onVerificationTimedOut();
    void adoptKey(const QString &key);
    void dropKey();
    void releasePendingKey();
    void setState(KeyState state, const KeychainDiagnosis &diagnosis = {});
    KeyState stateWithoutKey() const;

    QString m_profileName;
    std::chrono::milliseconds m_timeout;
    std::chrono::milliseconds m_verificationTimeout = DefaultVerificationTimeout;
    KeyState m_state = KeyState::NoKey;
    KeychainDiagnosis m_diagnosis; // why the keychain could not be used, if it could not
    QString m_key;
    QString m_pendingKey; // a key being stored or verified, not yet in use
    Operation m_operation = Operation::None;
    quint64 m_generation = 0; // tells a stale callback from the current operation's
    QPointer<KeychainJob> m_job;
    QTimer m_verificationTimer;
};

} // namespace golive
