#pragma once

#include "src/cohere/CohereOutcome.h"
#include "src/common/Clock.h"
#include "src/config/CohereSettings.h"

#include <QString>

namespace golive {

enum class BreakerState { Closed, Open, HalfOpen };
QString breakerStateName(BreakerState state);

// How one finished call counts for the breaker.
enum class BreakerVerdict { Success, Failure, Neutral };

struct BreakerAdmission {
    bool allowed = true;
    bool trial = false;   // the one half-open trial; hand it back to record()
    qint64 retryInMs = 0; // when refused while open: time until a trial is allowed
    QString reason;       // when refused: a sentence for people
};

// The seed's breaker, made pure and clock-driven: `failureThreshold` consecutive failures open it;
// while open every call is refused at once; `resetMs` after the last failure one half-open trial
// goes through (only one in flight); its success closes the breaker and clears the count, its
// failure re-opens it for another `resetMs`.
//
// What counts (verdictFor):
//  - Failure: Server, Timeout, Network, BadBody: Cohere is down or misbehaving for us.
//  - Neutral: RateLimited, Auth, RequestError, Cancelled, CircuitOpen. A 429 proves Cohere is
//    reachable and answering; opening on rate limits would replace the true state ("throttled":
//    back off, upgrade the key) with "breaker open" and starve the 429-rate alert of data. Auth and
//    request errors are ours to fix and must stay visible (the seed's "any 401" alert), not be
//    hidden behind an open breaker. (The seed's own code counts every throw, 429 included; golive
//    deliberately does not.) Neutral outcomes neither add to nor reset the failure count, and a
//    neutral half-open trial just frees the trial slot.
class CircuitBreaker {
public:
    CircuitBreaker(CircuitBreakerSettings settings, const Clock &clock);

    static BreakerVerdict verdictFor(CohereOutcomeKind kind);

    // Asks to send one call. While open, refuses until resetMs has passed, then turns half-open
    // and admits exactly one trial at a time.
    BreakerAdmission admit();
    void record(BreakerVerdict verdict, bool wasTrial);
    // New threshold/reset from the profile; the current state and count are kept.
    void updateSettings(CircuitBreakerSettings settings);

    // Current state as a caller would experience it (open whose reset time has passed reads as
    // half-open).
    BreakerState state() const;
    int consecutiveFailures() const { return m_failures; }
    const CircuitBreakerSettings &settings() const { return m_settings; }

private:
    bool resetElapsed() const;

    CircuitBreakerSettings m_settings;
    const Clock &m_clock;
    BreakerState m_state = BreakerState::Closed;
    int m_failures = 0;
    qint64 m_lastFailureMs = 0;
    bool m_trialInFlight = false;
};

} // namespace golive
