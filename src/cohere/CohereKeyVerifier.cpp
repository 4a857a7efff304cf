#include "src/cohere/CohereKeyVerifier.h"
#include "src/common/ErrorKind.h"

#include "src/cohere/CohereCall.h"
#include "src/cohere/CohereClient.h"
#include "src/secrets/Redactor.h"

namespace golive {

namespace {

Error cancelledError()
{
    return Error{errorkind::cancelled,
                 QStringLiteral("The key check was cancelled before Cohere answered.")};
}

void scrub(QString &text, const QString &key)
{
    if (!key.isEmpty())
        text.replace(key, Redactor::placeholder());
}

} // namespace

CohereKeyVerifier::CohereKeyVerifier(CohereClient &client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

CohereKeyVerifier::~CohereKeyVerifier()
{
    const QList<Pending> pending = std::exchange(m_calls, {});
    for (const Pending &entry : pending) {
        if (entry.call) {
            disconnect(entry.call, nullptr, this, nullptr);
            entry.call->cancel();
        }
        entry.done(cancelledError());
    }
}

void CohereKeyVerifier::check(const QString &key, Done done)
{
    if (key.trimmed().isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                done(Error{QStringLiteral("no-key"),
                           QStringLiteral("There is no API key to verify.")});
            },
            Qt::QueuedConnection);
        return;
    }
    CohereCall *call = m_client.checkApiKey(key);
    const bool wasBusy = isBusy();
    m_calls.append(Pending{call, std::move(done)});
    // The call reports from the event loop, so connecting after it started is in time.
    connect(call, &CohereCall::finished, this,
            [this, call, key](const CohereOutcome &outcome) { onFinished(call, outcome, key); });
    if (!wasBusy)
        Q_EMIT busyChanged(true);
}

void CohereKeyVerifier::verify(const QString &key, std::function<void(Status)> done)
{
    check(key, [done = std::move(done)](const Result<KeyVerification> &verification) {
        done(verdict(verification));
    });
}

Status CohereKeyVerifier::verdict(const Result<KeyVerification> &verification)
{
    if (!verification.ok()) {
        const Error &error = verification.error();
        if (error.kind == errorkind::cancelled)
            return error;
        return Error{QStringLiteral("key-check-failed"),
                     QStringLiteral("The key could not be verified, so nothing was changed and "
                                    "the key in use stays as it was. %1")
                         .arg(error.message)};
    }
    if (verification.value().valid)
        return std::nullopt;
    return Error{QStringLiteral("key-rejected"), verification.value().explanation};
}

void CohereKeyVerifier::cancel()
{
    // Each cancelled call reports through onFinished, which removes it.
    const QList<Pending> pending = m_calls;
    for (const Pending &entry : pending) {
        if (entry.call)
            entry.call->cancel();
    }
}

void CohereKeyVerifier::onFinished(CohereCall *call, const CohereOutcome &outcome,
                                   const QString &key)
{
    Done done;
    for (qsizetype i = 0; i < m_calls.size(); ++i) {
        if (m_calls.at(i).call == call) {
            done = std::move(m_calls[i].done);
            m_calls.removeAt(i);
            break;
        }
    }
    if (!done)
        return;
    Result<KeyVerification> verification = KeyVerification::fromOutcome(outcome);
    if (outcome.kind == CohereOutcomeKind::Cancelled)
        verification = cancelledError();
    // The call scrubs the key from its own messages already; this keeps the promise made in
    // KeyVerifier.h even if a message is ever built from another source.
    if (verification.ok()) {
        scrub(verification.value().explanation, key);
    } else {
        Error error = verification.error();
        scrub(error.message, key);
        verification = error;
    }
    if (!isBusy())
        Q_EMIT busyChanged(false);
    done(std::move(verification));
}

} // namespace golive
