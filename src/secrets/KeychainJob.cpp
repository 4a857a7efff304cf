#include "src/secrets/KeychainJob.h"

#include "src/secrets/ApiKey.h"

#include <qt6keychain/keychain.h>

namespace golive {

KeychainJob::KeychainJob(Kind kind, const QString &service, const QString &entry,
                         std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent), m_kind(kind), m_service(service), m_entry(entry), m_timeout(timeout)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KeychainJob::onTimedOut);
}

KeychainJob::~KeychainJob()
{
    wipeSecret(m_secret);
}

void KeychainJob::setSecret(const QString &secret)
{
    m_secret = secret;
}

void KeychainJob::start(std::function<void(const Outcome &)> done)
{
    m_done = std::move(done);
    QKeychain::Job *job = nullptr;
    switch (m_kind) {
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Kind::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(m_secret);
        wipeSecret(m_secret);
        job = write;
        break;
    }
    case Kind::Delete:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // No parent and auto-delete: an abandoned job must be able to outlive this object.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_entry);
    m_job = job;
    connect(job, &QKeychain::Job::finished, this, &KeychainJob::onFinished);
    m_timer.start(m_timeout);
    job->start();
}

void KeychainJob::cancel()
{
    m_finished = true;
    m_timer.stop();
    if (m_job)
        m_job->disconnect(this);
}

void KeychainJob::onFinished(QKeychain::Job *job)
{
    Outcome outcome;
    outcome.diagnosis = diagnoseKeychainError(job->error(), job->errorString());
    if (m_kind == Kind::Read && outcome.diagnosis.ok())
        outcome.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
    finish(outcome);
}

void KeychainJob::onTimedOut()
{
    if (m_job)
        m_job->disconnect(this);
    finish({diagnoseKeychainTimeout(m_timeout), {}});
}

void KeychainJob::finish(const Outcome &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_done) {
        // Moved out first: the callback may delete this object.
        auto done = std::move(m_done);
        m_done = nullptr;
        done(outcome);
    }
}

} // namespace golive
