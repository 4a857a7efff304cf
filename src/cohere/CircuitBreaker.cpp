#include "src/cohere/CircuitBreaker.h"

#include <algorithm>

namespace golive {

QString breakerStateName(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return QStringLiteral("closed");
    case BreakerState::Open:
        return QStringLiteral("open");
    case BreakerState::HalfOpen:
        return QStringLiteral("half-open");
    }
    return {};
}

CircuitBreaker::CircuitBreaker(CircuitBreakerSettings settings, const Clock &clock) : m_clock(clock)
{
    updateSettings(settings);
}

void CircuitBreaker::updateSettings(CircuitBreakerSettings settings)
{
    m_settings = settings;
    m_settings.failureThreshold = std::max(1, m_settings.failureThreshold);
    m_settings.resetMs = std::max(0, m_settings.resetMs);
}

BreakerVerdict CircuitBreaker::verdictFor(CohereOutcomeKind kind)
{
    switch (kind) {
    case CohereOutcomeKind::Ok:
        return BreakerVerdict::Success;
    case CohereOutcomeKind::Server:
    case CohereOutcomeKind::Timeout:
    case CohereOutcomeKind::Network:
    case CohereOutcomeKind::BadBody:
        return BreakerVerdict::Failure;
    case CohereOutcomeKind::RateLimited:
    case CohereOutcomeKind::QuotaExhausted:
    case CohereOutcomeKind::Billing:
    case CohereOutcomeKind::EdgeForbidden:
    case CohereOutcomeKind::Auth:
    case CohereOutcomeKind::RequestError:
    case CohereOutcomeKind::Cancelled:
    case CohereOutcomeKind::CircuitOpen:
        break;
    }
    return BreakerVerdict::Neutral;
}

bool CircuitBreaker::resetElapsed() const
{
    return m_clock.monotonicMs() - m_lastFailureMs >= m_settings.resetMs;
}

BreakerState CircuitBreaker::state() const
{
    if (m_state == BreakerState::Open && resetElapsed())
        return BreakerState::HalfOpen;
    return m_state;
}

BreakerAdmission CircuitBreaker::admit()
{
    BreakerAdmission admission;
    if (m_state == BreakerState::Open) {
        if (!resetElapsed()) {
            admission.allowed = false;
            admission.retryInMs = m_settings.resetMs - (m_clock.monotonicMs() - m_lastFailureMs);
            admission.reason = QStringLiteral("circuit breaker open after %1 consecutive failures; "
                                              "next trial call in %2 s")
                                   .arg(m_failures)
                                   .arg((admission.retryInMs + 999) / 1000);
            return admission;
        }
        m_state = BreakerState::HalfOpen;
    }
    if (m_state == BreakerState::HalfOpen) {
        if (m_trialInFlight) {
            admission.allowed = false;
            admission.reason = QStringLiteral(
                "circuit breaker half-open: a trial call is in flight, others wait for it");
            return admission;
        }
        m_trialInFlight = true;
        admission.trial = true;
    }
    return admission;
}

void CircuitBreaker::record(BreakerVerdict verdict, bool wasTrial)
{
    if (wasTrial)
        m_trialInFlight = false;
    switch (verdict) {
    case BreakerVerdict::Success:
        m_failures = 0;
        m_state = BreakerState::Closed;
        m_trialInFlight = false;
        break;
    case BreakerVerdict::Failure:
        ++m_failures;
        m_lastFailureMs = m_clock.monotonicMs();
        if (m_state == BreakerState::HalfOpen || m_failures >= m_settings.failureThreshold)
            m_state = BreakerState::Open;
        break;
    case BreakerVerdict::Neutral:
        break;
    }
}

} // namespace golive
