#include "src/secrets/RecordKeyLoader.h"

#include "src/secrets/KeychainJob.h"

#include <QRandomGenerator>
#include <QTimer>

namespace golive {

namespace {

QString becauseOf(const KeychainDiagnosis &diagnosis)
{
    return QStringLiteral("the record key could not be read from the keychain: %1")
        .arg(diagnosis.reason);
}

} // namespace

RecordKeyLoader::RecordKeyLoader(Mode mode, std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent), m_mode(mode), m_timeout(timeout)
{
}

RecordKeyLoader::~RecordKeyLoader()
{
    if (m_job)
        m_job->cancel();
}

void RecordKeyLoader::load()
{
    if (m_started)
        return;
    m_started = true;
    auto *job = new KeychainJob(KeychainJob::Kind::Read, keychainService(), m_entry, m_timeout,
                                this);
    m_job = job;
    job->start([this, job](const KeychainJob::Outcome &outcome) {
        job->deleteLater();
        const KeychainDiagnosis &diagnosis = outcome.diagnosis;
        if (diagnosis.ok()) {
            const QByteArray secret = QByteArray::fromBase64(outcome.secret.toLatin1());
            finish(RecordKey::fromSecret(secret));
        } else if (diagnosis.problem == KeychainProblem::EntryNotFound &&
                   m_mode == Mode::LoadOrCreate) {
            create();
        } else if (diagnosis.problem == KeychainProblem::EntryNotFound) {
            finish(RecordKey::unavailable(
                QStringLiteral("this keychain holds no record key (service \"%1\", entry "
                               "\"%2\"): the record was signed elsewhere or never")
                    .arg(keychainService(), m_entry)));
        } else {
            finish(RecordKey::unavailable(becauseOf(diagnosis)));
        }
    });
}

void RecordKeyLoader::create()
{
    QByteArray secret(RecordKey::secretBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(secret.data()),
                                         RecordKey::secretBytes / sizeof(quint32));
    auto *job = new KeychainJob(KeychainJob::Kind::Write, keychainService(), m_entry, m_timeout,
                                this);
    job->setSecret(QString::fromLatin1(secret.toBase64()));
    m_job = job;
    job->start([this, job, secret](const KeychainJob::Outcome &outcome) {
        job->deleteLater();
        // A key that could not be stored would sign lines nobody can check later: don't use it.
        finish(outcome.diagnosis.ok()
                   ? RecordKey::fromSecret(secret)
                   : RecordKey::unavailable(
                         QStringLiteral("a record key could not be stored in the keychain: %1")
                             .arg(outcome.diagnosis.reason)));
    });
}

void RecordKeyLoader::finish(RecordKey key)
{
    if (m_finished)
        return;
    m_finished = true;
    m_key = std::move(key);
    Q_EMIT finished(m_key);
}

} // namespace golive
