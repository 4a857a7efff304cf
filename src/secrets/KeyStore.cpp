#include "src/secrets/KeyStore.h"
#include "src/common/ErrorKind.h"

#include "src/secrets/ApiKey.h"
#include "src/secrets/KeyVerifier.h"
#include "src/secrets/KeychainJob.h"
#include "src/secrets/Redactor.h"

#include <QLoggingCategory>

namespace golive {

namespace {

Q_LOGGING_CATEGORY(lcKeyStore, "golive.secrets")

QString environmentKey()
{
    return qEnvironmentVariable("CO_API_KEY").trimmed();
}

} // namespace

QString KeyStore::keychainService()
{
    return QStringLiteral("golive");
}

QString KeyStore::environmentVariable()
{
    return QStringLiteral("CO_API_KEY");
}

KeyStore::KeyStore(const QString &profileName, std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent), m_profileName(profileName), m_timeout(timeout)
{
    m_verificationTimer.setSingleShot(true);
    connect(&m_verificationTimer, &QTimer::timeout, this, &KeyStore::onVerificationTimedOut);
}

KeyStore::~KeyStore()
{
    ++m_generation;
    if (m_job)
        m_job->cancel();
    releasePendingKey();
    dropKey();
}

void KeyStore::setVerificationTimeout(std::chrono::milliseconds timeout)
{
    m_verificationTimeout = timeout;
}

QString KeyStore::maskedKey() const
{
    return Redactor::maskKey(m_key);
}

void KeyStore::load()
{
    if (refuseIfBusy())
        return;
    beginOperation(Operation::Load);
    const QString fromEnvironment = environmentKey();
    if (!fromEnvironment.isEmpty()) {
        // CR/LF in a key would end up as extra request headers: such a value is never used.
        if (const Result<QString> checked = normaliseApiKey(fromEnvironment); !checked) {
            endOperation();
            rejectLater(Error{checked.error().kind,
                              QStringLiteral("CO_API_KEY is not used: %1")
                                  .arg(checked.error().message)});
            return;
        }
        m_pendingKey = fromEnvironment;
        Redactor::registerSecret(m_pendingKey);
        const quint64 generation = m_generation;
        // Still reported asynchronously, like every other outcome.
        QTimer::singleShot(0, this, [this, generation] {
            if (generation != m_generation)
                return;
            adoptKey(m_pendingKey);
            releasePendingKey();
            setState(KeyState::FromEnvironment);
            endOperation();
            qCInfo(lcKeyStore, "Profile %s: using the API key from CO_API_KEY (read-only)",
                   qUtf8Printable(m_profileName));
            Q_EMIT keyLoaded(m_state);
        });
        return;
    }
    startJob(KeychainJob::Kind::Read, {});
}

void KeyStore::store(const QString &key)
{
    if (refuseIfBusy() || refuseIfFromEnvironment(QStringLiteral("stored in the keychain")))
        return;
    const Result<QString> normalised = normaliseApiKey(key);
    if (!normalised) {
        rejectLater(normalised.error());
        return;
    }
    beginOperation(Operation::Store);
    m_pendingKey = normalised.value();
    Redactor::registerSecret(m_pendingKey);
    startJob(KeychainJob::Kind::Write, m_pendingKey);
}

void KeyStore::remove()
{
    if (refuseIfBusy() || refuseIfFromEnvironment(QStringLiteral("removed here")))
        return;
    beginOperation(Operation::Remove);
    dropKey();
    startJob(KeychainJob::Kind::Delete, {});
}

void KeyStore::replace(const QString &newKey, KeyVerifier &verifier)
{
    if (refuseIfBusy() || refuseIfFromEnvironment(QStringLiteral("replaced here")))
        return;
    const Result<QString> normalised = normaliseApiKey(newKey);
    if (!normalised) {
        rejectLater(normalised.error());
        return;
    }
    beginOperation(Operation::Verify);
    m_pendingKey = normalised.value();
    Redactor::registerSecret(m_pendingKey);
    m_verificationTimer.start(m_verificationTimeout);
    QPointer<KeyStore> self(this);
    const quint64 generation = m_generation;
    verifier.verify(m_pendingKey, [self, generation](Status status) {
        if (!self)
            return;
        // Queued, so a verifier that answers at once still reports after replace() returned.
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, status] {
                if (self)
                    self->onVerified(generation, status);
            },
            Qt::QueuedConnection);
    });
}

void KeyStore::cancel()
{
    if (!isBusy())
        return;
    const QString what = describeOperation(m_operation);
    endOperation();
    releasePendingKey();
    qCInfo(lcKeyStore, "Profile %s: cancelled %s", qUtf8Printable(m_profileName),
           qUtf8Printable(what));
    Q_EMIT failed(Error{errorkind::cancelled,
                        QStringLiteral("Cancelled %1. If the keychain had already been asked, it "
                                       "may still finish in the background.")
                            .arg(what)});
}

void KeyStore::clearFromMemory()
{
    cancel();
    if (!hasKey())
        return;
    dropKey();
    if (m_state == KeyState::SessionOnly)
        setState(stateWithoutKey(), m_diagnosis);
}

bool KeyStore::refuseIfBusy()
{
    if (!isBusy())
        return false;
    rejectLater(Error{QStringLiteral("busy"),
                      QStringLiteral("Still %1; wait for it to finish or cancel it first.")
                          .arg(describeOperation(m_operation))});
    return true;
}

bool KeyStore::refuseIfFromEnvironment(const QString &what)
{
    if (environmentKey().isEmpty())
        return false;
    rejectLater(Error{QStringLiteral("key-from-environment"),
                      QStringLiteral("The API key comes from the CO_API_KEY environment variable, "
                                     "which always wins, so it cannot be %1. Unset CO_API_KEY and "
                                     "restart golive to manage the key in the keychain.")
                          .arg(what)});
    return true;
}

void KeyStore::reportFailure(const golive::Error &error)
{
    qCWarning(lcKeyStore, "Profile %s: %s", qUtf8Printable(m_profileName),
              qUtf8Printable(error.message));
    Q_EMIT failed(error);
}

void KeyStore::rejectLater(const golive::Error &error)
{
    QTimer::singleShot(0, this, [this, error] { Q_EMIT failed(error); });
}

void KeyStore::beginOperation(Operation operation)
{
    m_operation = operation;
    ++m_generation;
}

void KeyStore::endOperation()
{
    m_operation = Operation::None;
    ++m_generation;
    m_verificationTimer.stop();
    if (m_job) {
        m_job->cancel();
        m_job->deleteLater();
        m_job = nullptr;
    }
}

void KeyStore::startJob(KeychainJob::Kind jobKind, const QString &secret)
{
    auto *job = new KeychainJob(jobKind, keychainService(), m_profileName, m_timeout, this);
    if (jobKind == KeychainJob::Kind::Write)
        job->setSecret(secret);
    m_job = job;
    const Operation operation = m_operation;
    job->start([this, jobKind, operation](const KeychainJob::Outcome &outcome) {
        switch (jobKind) {
        case KeychainJob::Kind::Read:
            onLoadFinished(outcome.diagnosis, outcome.secret);
            break;
        case KeychainJob::Kind::Write:
            onStoreFinished(outcome.diagnosis, operation);
            break;
        case KeychainJob::Kind::Delete:
            onRemoveFinished(outcome.diagnosis);
            break;
        }
    });
}

void KeyStore::onLoadFinished(const KeychainDiagnosis &diagnosis, const QString &secret)
{
    if (m_state == KeyState::FromEnvironment)
        dropKey(); // CO_API_KEY has been unset since: its key no longer wins
    const QString found = secret.trimmed();
    if (diagnosis.ok() && !found.isEmpty() && !normaliseApiKey(found)) {
        // Stored by something else: never sent, and never repeated in the message.
        if (!hasKey())
            setState(KeyState::Error);
        endOperation();
        reportFailure(Error{QStringLiteral("invalid-key"),
                            QStringLiteral("The API key in the keychain is not used: %1")
                                .arg(normaliseApiKey(found).error().message)});
        return;
    }
    if (diagnosis.ok() && !found.isEmpty()) {
        adoptKey(found);
        setState(KeyState::InKeychain);
        endOperation();
        qCInfo(lcKeyStore, "Profile %s: loaded the API key from the keychain",
               qUtf8Printable(m_profileName));
        Q_EMIT keyLoaded(m_state);
        return;
    }
    if (diagnosis.ok() || diagnosis.problem == KeychainProblem::EntryNotFound) {
        // A key kept for this session stays usable even though the keychain has none.
        if (!(m_state == KeyState::SessionOnly && hasKey())) {
            dropKey();
            setState(KeyState::NoKey);
        }
        endOperation();
        qCInfo(lcKeyStore, "Profile %s: no API key in the keychain", qUtf8Printable(m_profileName));
        Q_EMIT keyLoaded(m_state);
        return;
    }
    // A key already in memory stays in use; only without one does the state show the problem.
    if (!hasKey())
        setState(diagnosis.keychainUnavailable() ? KeyState::KeychainUnavailable : KeyState::Error,
                 diagnosis);
    endOperation();
    const QString message =
        QStringLiteral("Could not read the API key from the keychain: %1.").arg(diagnosis.reason);
    reportFailure(Error{diagnosis.errorKind(), message});
}

void KeyStore::onStoreFinished(const KeychainDiagnosis &diagnosis, Operation operation)
{
    adoptKey(m_pendingKey);
    releasePendingKey();
    if (diagnosis.ok()) {
        setState(KeyState::InKeychain);
        endOperation();
        qCInfo(lcKeyStore, "Profile %s: stored the API key in the keychain",
               qUtf8Printable(m_profileName));
        if (operation == Operation::Replace)
            Q_EMIT keyReplaced();
        else
            Q_EMIT keyStored();
        return;
    }
    setState(KeyState::SessionOnly, diagnosis);
    endOperation();
    const QString message = QStringLiteral("The API key could not be saved in the keychain, so it "
                                           "is kept for this session only: %1.")
                                .arg(diagnosis.reason);
    reportFailure(Error{diagnosis.errorKind(), message});
}

void KeyStore::onRemoveFinished(const KeychainDiagnosis &diagnosis)
{
    if (diagnosis.ok() || diagnosis.problem == KeychainProblem::EntryNotFound) {
        setState(KeyState::NoKey);
        endOperation();
        qCInfo(lcKeyStore, "Profile %s: removed the API key", qUtf8Printable(m_profileName));
        Q_EMIT keyRemoved();
        return;
    }
    setState(diagnosis.keychainUnavailable() ? KeyState::KeychainUnavailable : KeyState::Error,
             diagnosis);
    endOperation();
    const QString message = QStringLiteral("The API key was dropped from memory, but a copy saved "
                                           "in the keychain could not be deleted: %1.")
                                .arg(diagnosis.reason);
    reportFailure(Error{diagnosis.errorKind(), message});
}

void KeyStore::onVerified(quint64 generation, const Status &status)
{
    if (generation != m_generation || m_operation != Operation::Verify)
        return;
    m_verificationTimer.stop();
    if (status.failed()) {
        // Redacted while the candidate is still registered, in case the verifier quoted it.
        const QString message = QStringLiteral("The new API key was not accepted, so the current "
                                               "key stays in use: %1")
                                    .arg(Redactor::redact(status->message));
        releasePendingKey();
        endOperation();
        reportFailure(
            Error{status->kind.isEmpty() ? QStringLiteral("key-rejected") : status->kind, message});
        return;
    }
    m_operation = Operation::Replace;
    startJob(KeychainJob::Kind::Write, m_pendingKey);
}

void KeyStore::onVerificationTimedOut()
{
    if (m_operation != Operation::Verify)
        return;
    releasePendingKey();
    endOperation();
    const QString message = QStringLiteral("The new API key could not be checked within %1, so the "
                                           "current key stays in use.")
                                .arg(describeDuration(m_verificationTimeout));
    reportFailure(Error{QStringLiteral("verification-timeout"), message});
}

void KeyStore::adoptKey(const QString &key)
{
    if (key == m_key)
        return;
    Redactor::registerSecret(key);
    dropKey();
    m_key = key;
}

void KeyStore::dropKey()
{
    if (m_key.isEmpty())
        return;
    Redactor::forgetSecret(m_key);
    wipeSecret(m_key);
}

void KeyStore::releasePendingKey()
{
    if (m_pendingKey.isEmpty())
        return;
    Redactor::forgetSecret(m_pendingKey);
    wipeSecret(m_pendingKey);
}

void KeyStore::setState(KeyState state, const KeychainDiagnosis &diagnosis)
{
    const bool changed = state != m_state || diagnosis.reason != m_diagnosis.reason;
    m_state = state;
    m_diagnosis = diagnosis;
    if (changed)
        Q_EMIT stateChanged(m_state);
}

KeyStore::KeyState KeyStore::stateWithoutKey() const
{
    if (m_diagnosis.ok())
        return KeyState::NoKey;
    return m_diagnosis.keychainUnavailable() ? KeyState::KeychainUnavailable : KeyState::Error;
}

} // namespace golive
