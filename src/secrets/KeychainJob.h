#pragma once

#include "src/secrets/KeychainDiagnosis.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>

namespace QKeychain {
class Job;
}

namespace golive {

// One read, write or delete against the system keychain, with its own timeout. Used by KeyStore;
// keeps QtKeychain out of every other header.
//
// Reports exactly once through `done`, unless cancelled. A keychain prompt can hang forever, and a
// QtKeychain job cannot be aborted (its backend still holds a pointer to it), so on timeout or
// cancel the job is abandoned rather than deleted: its eventual result is ignored and it deletes
// itself when it finishes. QtKeychain runs jobs one at a time per process, so after a hung job
// every later job waits too; each of them still reports its own timeout.
class KeychainJob : public QObject {
    Q_OBJECT
public:
    enum class Kind { Read, Write, Delete };

    struct Outcome {
        KeychainDiagnosis diagnosis; // ok() on success
        QString secret;              // what a Read found
    };

    KeychainJob(Kind kind, const QString &service, const QString &entry,
                std::chrono::milliseconds timeout, QObject *parent = nullptr);
    ~KeychainJob() override;

    // For Write: the secret to store.
    void setSecret(const QString &secret);
    void start(std::function<void(const Outcome &)> done);
    // No report follows.
    void cancel();

private:
    void onFinished(QKeychain::Job *job);
    void onTimedOut();
    void finish(const Outcome &outcome);

    Kind m_kind;
    QString m_service;
    QString m_entry;
    QString m_secret;
    std::chrono::milliseconds m_timeout;
    QTimer m_timer;
    QPointer<QKeychain::Job> m_job;
    std::function<void(const Outcome &)> m_done;
    bool m_finished = false;
};

} // namespace golive
