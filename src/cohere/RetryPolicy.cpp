#include "src/cohere/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>

namespace golive {

RetryPolicy::RetryPolicy(RetrySettings settings, RandomSource random)
    : m_settings(settings), m_random(std::move(random))
{
    if (!m_random) {
        m_random = [](qint64 upper) {
            return upper <= 0 ? 0 : qint64(QRandomGenerator::global()->bounded(quint64(upper) + 1));
        };
    }
}

bool RetryPolicy::isRetryable(CohereOutcomeKind kind)
{
    return kind == CohereOutcomeKind::RateLimited || kind == CohereOutcomeKind::Server;
}

qint64 RetryPolicy::backoffCeilingMs(int retryIndex) const
{
    const qint64 base = std::max(0, m_settings.baseDelayMs);
    const qint64 cap = std::max(0, m_settings.maxDelayMs);
    const int exponent = std::clamp(retryIndex, 0, 30); // 2^30 * any sane base passes any cap
    return std::min(cap, base << exponent);
}

RetryDecision RetryPolicy::decide(const CohereOutcome &outcome, int attemptsMade,
                                  qint64 elapsedMs) const
{
    RetryDecision decision;
    if (!isRetryable(outcome.kind)) {
        decision.reason = QStringLiteral("not retried: %1").arg(outcomeKindName(outcome.kind));
        return decision;
    }
    if (attemptsMade >= m_settings.maxAttempts) {
        decision.reason = QStringLiteral("gave up after %1 attempts").arg(m_settings.maxAttempts);
        return decision;
    }
    const qint64 ceiling = backoffCeilingMs(attemptsMade - 1);
    qint64 delay = std::clamp<qint64>(m_random(ceiling), 0, ceiling);
    if (outcome.retryAfterMs)
        delay = std::max(delay, *outcome.retryAfterMs);
    if (elapsedMs + delay > m_settings.totalBudgetMs) {
        decision.reason = QStringLiteral("gave up: waiting %1 ms more would pass the %2 ms budget")
                              .arg(delay)
                              .arg(m_settings.totalBudgetMs);
        return decision;
    }
    decision.retry = true;
    decision.delayMs = delay;
    decision.reason = QStringLiteral("retry %1 of %2 in %3 ms after %4")
                          .arg(attemptsMade)
                          .arg(m_settings.maxAttempts - 1)
                          .arg(delay)
                          .arg(outcomeKindName(outcome.kind));
    return decision;
}

} // namespace golive
