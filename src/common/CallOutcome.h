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
    // Appended, so the values above keep their numbers.
    QuotaExhausted, // HTTP 429 whose message names a trial or monthly limit: waiting a minute
                    // will not help, retrying only burns more of nothing
    Billing,        // HTTP 402: billing limit reached or a payment method is needed
    EdgeForbidden,  // HTTP 403 with an HTML page: an edge (CDN, firewall) refused, not Cohere
};

// The one HTTP status table: the Cohere client, the probes and (through their results) the reports
// all classify a completed exchange here. 2xx → Ok; 429 → RateLimited; 402 → Billing;
// 401/403/498 → Auth (401 invalid or expired key, 403 "invalid or lacks permission", 498 a
// deny-listed token); other 4xx → ClientError (400, 404 unknown model, 422, and 499 "cancelled
// by the client": golive cancels its own calls before any answer, so a 499 means something in
// between gave up, and the request did not get through); 5xx → Server5xx; anything else (1xx, an
// unfollowed 3xx, nonsense) → BadBody. README "Error classes" lists the same table.
FailureKind failureForHttpStatus(int status);

// The status table refined by the answer's body, for the two statuses whose body changes what
// they mean: a 429 whose message names a monthly limit, a quota or a trial key's limit (and not a
// per-minute one) is QuotaExhausted; a 403 whose body is an HTML page is EdgeForbidden (Cohere
// answers JSON).
FailureKind failureForHttpResponse(int status, const QByteArray &body,
                                   const QByteArray &contentType = {});

// Whether a Cohere error message describes a trial or monthly quota rather than a rate limit.
bool isQuotaMessage(const QString &message);

// An exchange that did not complete: Timeout → Timeout, BodyTooLarge → BadBody, everything else
// (network, TLS, refused redirect, cancelled) → Network.
FailureKind failureForTransport(HttpOutcomeKind kind);

// Either table (the status refined by the body), whichever applies to this exchange.
FailureKind failureForHttp(const HttpOutcome &http);

// The outcome the seed assigns to a failure kind: 429 and a reported "degraded" are degraded
// (reachable), everything else that is not Ok is down.
constexpr Outcome outcomeOf(FailureKind failure)
{
    switch (failure) {
    case FailureKind::Ok:
        return Outcome::Healthy;
    case FailureKind::RateLimited:
    case FailureKind::QuotaExhausted:
    case FailureKind::ReportedDegraded:
        return Outcome::Degraded;
    default:
        return Outcome::Down;
    }
}

// Whether a call's latency is the time of a real answer: a success, or a health body that answered
// in full (whatever it reported). Percentiles use only these; a failure's time (a timeout's
// deadline, a 429 in 3 ms) is a marker with its own count, never a latency.
constexpr bool isAnsweredInFull(FailureKind failure)
{
    return failure == FailureKind::Ok || failure == FailureKind::ReportedDegraded ||
           failure == FailureKind::ReportedDown;
}

// A 429 of either kind: Cohere answered and is throttling this key.
constexpr bool isRateLimitResponse(FailureKind failure)
{
    return failure == FailureKind::RateLimited || failure == FailureKind::QuotaExhausted;
}

// A short phrase for people: "rate limited", "quota exhausted", "billing", "key refused"...
QString failureKindText(FailureKind failure);

} // namespace golive
