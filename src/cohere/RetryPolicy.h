#pragma once

#include "src/cohere/CohereOutcome.h"
#include "src/config/CohereSettings.h"

#include <QString>

#include <functional>

namespace golive {

struct RetryDecision {
    bool retry = false;
    qint64 delayMs = 0;
    QString reason; // why (not): for the call's log and the probe's detail
};

// When to try a Cohere call again. Pure: the caller supplies what happened, how many requests went
// out and how long the call has taken; randomness is injected.
//  - Only RateLimited and Server are retried: Auth, RequestError and BadBody would fail the same
//    way again, and Timeout/Network are left to the caller (a probe reports them as they are).
//  - Wait = full jitter, uniform in [0, min(maxDelay, base * 2^n)] for the n-th retry (n from 0),
//    raised to Retry-After when Cohere sent one.
//  - Bounded by maxAttempts (first request included) and by the total budget: no retry whose wait
//    would end after the budget.
class RetryPolicy {
public:
    // Returns a uniformly distributed integer in [0, upperInclusive].
    using RandomSource = std::function<qint64(qint64 upperInclusive)>;

    explicit RetryPolicy(RetrySettings settings, RandomSource random = {});

    static bool isRetryable(CohereOutcomeKind kind);
    qint64 backoffCeilingMs(int retryIndex) const;
    RetryDecision decide(const CohereOutcome &outcome, int attemptsMade, qint64 elapsedMs) const;

    const RetrySettings &settings() const { return m_settings; }

private:
    RetrySettings m_settings;
    RandomSource m_random;
};

} // namespace golive
