#pragma once

#include "src/common/HttpOutcome.h"

#include <QString>
#include <QtGlobal>

namespace golive {

// How a probe call went, in the seed's words: success = healthy; 429 = degraded (reachable but
// rate-limited); anything else = down.
enum class Outcome : quint8 { Healthy, Degraded, Down };

// Why a call was not healthy, finer than Outcome; the alert rules count these and the charts draw
// one marker per kind. Three families, kept apart on purpose: what the HTTP status said, what
// the transport did (no trustworthy answer), and what a health body reported about the service
// behind it (the call itself worked).
enum class FailureKind : quint8 {
    Ok,               // a 2xx with a usable body that reports nothing wrong
    RateLimited,      // HTTP 429
    Auth,             // HTTP 401, 403 or 498: the key was refused
    ClientError,      // another 4xx: the request was wrong
    Server5xx,        // HTTP 5xx
    Timeout,          // transport: no answer within the timeout
    Network,          // transport: DNS, refused connection, TLS, reset, a refused redirect
    BadBody,          // an answer that could not be understood (or was too large)
    ReportedDegraded, // a healthy answer whose body says the service is degraded
    ReportedDown,     // a healthy answer whose body says the service is down
};

// The one HTTP status table: the Cohere client, the probes and (through their results) the reports
// all classify a completed exchange here. 2xx → Ok; 429 → RateLimited; 401/403/498 → Auth (the
// Cohere spec: 403 "invalid or lacks permission", 498 "invalid token"); other 4xx → ClientError;
// 5xx → Server5xx; anything else (1xx, an unfollowed 3xx, nonsense) → BadBody.
FailureKind failureForHttpStatus(int status);

// An exchange that did not complete: Timeout → Timeout, BodyTooLarge → BadBody, everything else
// (network, TLS, refused redirect, cancelled) → Network.
FailureKind failureForTransport(HttpOutcomeKind kind);

// Either table, whichever applies to this exchange.
FailureKind failureForHttp(const HttpOutcome &http);

// The outcome the seed assigns to a failure kind: 429 and a reported "degraded" are degraded
// (reachable), everything else that is not Ok is down.
constexpr Outcome outcomeOf(FailureKind failure)
{
    switch (failure) {
    case FailureKind::Ok:
        return Outcome::Healthy;
    case FailureKind::RateLimited:
    case FailureKind::ReportedDegraded:
        return Outcome::Degraded;
    default:
        return Outcome::Down;
    }
}

} // namespace golive
