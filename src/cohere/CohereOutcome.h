#pragma once

#include "src/common/CallOutcome.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace golive {

// What one Cohere call came to. A small closed set; every consumer (probe, alert rule, key dialog)
// switches over it. Cancelled and CircuitOpen are "no attempt reached Cohere" and say nothing about
// Cohere's health.
enum class CohereOutcomeKind {
    Ok,             // 2xx with a body of the promised shape
    RateLimited,    // 429: reachable but throttled
    Auth,           // 401, 403, 498, or no key to send
    RequestError,   // 400, 404, 422 and other 4xx: Cohere refused what we asked
    Server,         // 5xx
    Timeout,        // no complete answer before the deadline
    Network,        // DNS, refused, reset, TLS, a refused redirect
    BadBody,        // malformed JSON, wrong shape, larger than the cap
    Cancelled,      // the caller cancelled the call
    CircuitOpen,    // refused locally: the circuit breaker is open
    QuotaExhausted, // 429 naming a trial or monthly limit: not retried, it will not lift soon
    Billing,        // 402: billing limit reached or a payment method is needed
    EdgeForbidden,  // 403 with an HTML page: an edge in front of Cohere refused the request
};

// The failure kind a Cohere call is recorded under in the metrics. Cancelled and CircuitOpen
// never reached Cohere; they count as Network (and a probe marks them unmeasured).
FailureKind failureKindOf(CohereOutcomeKind kind);

// Stable machine name ("rate-limited") and a sentence for people.
QString outcomeKindName(CohereOutcomeKind kind);
QString outcomeKindText(CohereOutcomeKind kind);

// `meta.billed_units` (embed, rerank) or `usage.billed_units` (chat v2); absent fields stay empty.
struct BilledUnits {
    std::optional<double> inputTokens;
    std::optional<double> outputTokens;
    std::optional<double> searchUnits;
    bool operator==(const BilledUnits &) const = default;
};

struct CohereOutcome {
    CohereOutcomeKind kind = CohereOutcomeKind::Network;
    int httpStatus = 0;                 // of the last attempt; 0 when no status line arrived
    qint64 latencyMs = 0;               // last attempt: send → last byte
    qint64 totalMs = 0;                 // whole call, retries and waits included
    int attempts = 0;                   // requests actually sent
    int rateLimitedResponses = 0;       // of those, answered HTTP 429 (quota or rate limit)
    QString message;                    // one sentence for people; never contains the API key
    QString cohereMessage;              // Cohere's own `message` from an error body, if any
    QString apiWarning;                 // the X-API-Warning header, if sent
    std::optional<qint64> retryAfterMs; // from a Retry-After header
    BilledUnits billed;
    QJsonObject body;              // the parsed answer when kind == Ok (or a breaker fallback)
    bool servedByFallback = false; // CircuitOpen with a fallback answer in `body`

    bool ok() const { return kind == CohereOutcomeKind::Ok; }
};

} // namespace golive

Q_DECLARE_METATYPE(golive::CohereOutcome)
