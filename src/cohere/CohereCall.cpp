#include "src/cohere/CohereCall.h"

#include "src/cohere/CohereClassifier.h"
#include "src/cohere/CohereRequests.h"
#include "src/common/HttpJob.h"

#include <algorithm>

namespace golive {

CohereCall::CohereCall(QNetworkAccessManager &network, Setup setup, const Clock &clock,
                       QObject *parent)
    : QObject(parent), m_network(network), m_setup(std::move(setup)), m_clock(clock),
      m_policy(m_setup.settings.retry, m_setup.random)
{
    m_retryTimer.setSingleShot(true);
    // Retry-After is a minimum: a coarse timer may fire up to 5 % early.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_retryTimer, &QTimer::timeout, this, &CohereCall::sendAttempt);
}

CohereCall::~CohereCall()
{
    // A call destroyed unfinished (its client went away) must not leave a half-open trial taken.
    if (!m_finished && m_admitted && m_setup.breaker)
        m_setup.breaker->record(BreakerVerdict::Neutral, m_trial);
}

void CohereCall::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    m_elapsed.start();
    if (!m_setup.body.ok()) {
        finishLater(CohereOutcomeKind::RequestError,
                    QStringLiteral("%1: not sent: %2")
                        .arg(endpointPath(m_setup.endpoint), m_setup.body.error().message));
        return;
    }
    if (m_setup.breaker) {
        const BreakerAdmission admission = m_setup.breaker->admit();
        if (!admission.allowed) {
            QMetaObject::invokeMethod(
                this,
                [this, reason = admission.reason] {
                    if (m_finished)
                        return;
                    CohereOutcome outcome;
                    outcome.kind = CohereOutcomeKind::CircuitOpen;
                    outcome.message = QStringLiteral("%1: not sent: %2")
                                          .arg(endpointPath(m_setup.endpoint), reason);
                    if (m_setup.fallback) {
                        outcome.body = m_setup.fallback();
                        outcome.servedByFallback = true;
                    }
                    finish(std::move(outcome));
                },
                Qt::QueuedConnection);
            return;
        }
        m_admitted = true;
        m_trial = admission.trial;
    }
    // Even the first attempt goes out from the event loop, so finished() can never fire before
    // the caller has connected to it.
    m_retryTimer.start(0);
}

void CohereCall::cancel()
{
    if (m_finished)
        return;
    m_retryTimer.stop();
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
    }
    finishWith(CohereOutcomeKind::Cancelled,
               QStringLiteral("%1: cancelled").arg(endpointPath(m_setup.endpoint)));
}

void CohereCall::sendAttempt()
{
    if (m_finished)
        return;
    const QString key = m_setup.key ? m_setup.key() : QString();
    if (key.trimmed().isEmpty()) {
        finishWith(CohereOutcomeKind::Auth, QStringLiteral("%1: not sent: no Cohere API key is set")
                                                .arg(endpointPath(m_setup.endpoint)));
        return;
    }
    m_keyInUse = key;
    HttpRequestSpec spec = CohereRequests::httpRequest(m_setup.settings, m_setup.endpoint, key,
                                                       m_setup.body.value(), m_setup.query);
    // The budget bounds the whole call, so the last attempt may get less than a full timeout.
    const qint64 budgetLeft = m_setup.settings.retry.totalBudgetMs - m_elapsed.elapsed();
    spec.timeoutMs = int(std::clamp<qint64>(budgetLeft, 1, spec.timeoutMs));
    ++m_attempts;
    m_job = new HttpJob(m_network, std::move(spec), this);
    connect(m_job, &HttpJob::finished, this, &CohereCall::onAttemptFinished);
    m_job->start();
}

void CohereCall::onAttemptFinished(const HttpOutcome &http)
{
    if (m_job) {
        m_job->deleteLater();
        m_job = nullptr;
    }
    CohereOutcome outcome = classifyCohereResponse(m_setup.endpoint, http, m_clock.nowUtc());
    if (isRateLimitResponse(failureKindOf(outcome.kind)))
        ++m_rateLimitedResponses;
    const RetryDecision decision = m_policy.decide(outcome, m_attempts, m_elapsed.elapsed());
    if (!decision.retry) {
        if (RetryPolicy::isRetryable(outcome.kind) && m_attempts > 1)
            outcome.message += QStringLiteral(" (%1)").arg(decision.reason);
        finish(std::move(outcome));
        return;
    }
    Q_EMIT retryScheduled(m_attempts, decision.delayMs, decision.reason);
    m_retryTimer.start(int(decision.delayMs));
}

void CohereCall::finishWith(CohereOutcomeKind kind, const QString &message)
{
    CohereOutcome outcome;
    outcome.kind = kind;
    outcome.message = message;
    finish(std::move(outcome));
}

void CohereCall::finishLater(CohereOutcomeKind kind, const QString &message)
{
    QMetaObject::invokeMethod(
        this,
        [this, kind, message] {
            if (!m_finished)
                finishWith(kind, message);
        },
        Qt::QueuedConnection);
}

QString CohereCall::redacted(QString text) const
{
    // Cohere would never echo the key, but a proxy or a broken gateway might; the message is
    // shown and logged, so the key is scrubbed whatever the source.
    if (!m_keyInUse.isEmpty())
        text.replace(m_keyInUse, QStringLiteral("[redacted]"));
    return text;
}

void CohereCall::finish(CohereOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_retryTimer.stop();
    outcome.attempts = m_attempts;
    outcome.rateLimitedResponses = m_rateLimitedResponses;
    outcome.totalMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    outcome.message = redacted(outcome.message);
    outcome.cohereMessage = redacted(outcome.cohereMessage);
    outcome.apiWarning = redacted(outcome.apiWarning);
    m_keyInUse.clear();
    m_setup.key = {};
    if (m_admitted && m_setup.breaker)
        m_setup.breaker->record(CircuitBreaker::verdictFor(outcome.kind), m_trial);
    Q_EMIT finished(outcome);
    deleteLater();
}

} // namespace golive
