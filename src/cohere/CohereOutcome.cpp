#include "src/cohere/CohereOutcome.h"

namespace golive {

FailureKind failureKindOf(CohereOutcomeKind kind)
{
    switch (kind) {
    case CohereOutcomeKind::Ok:
        return FailureKind::Ok;
    case CohereOutcomeKind::RateLimited:
        return FailureKind::RateLimited;
    case CohereOutcomeKind::Auth:
        return FailureKind::Auth;
    case CohereOutcomeKind::RequestError:
        return FailureKind::ClientError;
    case CohereOutcomeKind::Server:
        return FailureKind::Server5xx;
    case CohereOutcomeKind::Timeout:
        return FailureKind::Timeout;
    case CohereOutcomeKind::BadBody:
        return FailureKind::BadBody;
    case CohereOutcomeKind::QuotaExhausted:
        return FailureKind::QuotaExhausted;
    case CohereOutcomeKind::Billing:
        return FailureKind::Billing;
    case CohereOutcomeKind::EdgeForbidden:
        return FailureKind::EdgeForbidden;
    case CohereOutcomeKind::Network:
    case CohereOutcomeKind::Cancelled:
    case CohereOutcomeKind::CircuitOpen:
        break;
    }
    return FailureKind::Network;
}

QString outcomeKindName(CohereOutcomeKind kind)
{
    switch (kind) {
    case CohereOutcomeKind::Ok:
        return QStringLiteral("ok");
    case CohereOutcomeKind::RateLimited:
        return QStringLiteral("rate-limited");
    case CohereOutcomeKind::Auth:
        return QStringLiteral("auth");
    case CohereOutcomeKind::RequestError:
        return QStringLiteral("request-error");
    case CohereOutcomeKind::Server:
        return QStringLiteral("server");
    case CohereOutcomeKind::Timeout:
        return QStringLiteral("timeout");
    case CohereOutcomeKind::Network:
        return QStringLiteral("network");
    case CohereOutcomeKind::BadBody:
        return QStringLiteral("bad-body");
    case CohereOutcomeKind::Cancelled:
        return QStringLiteral("cancelled");
    case CohereOutcomeKind::CircuitOpen:
        return QStringLiteral("circuit-open");
    case CohereOutcomeKind::QuotaExhausted:
        return QStringLiteral("quota-exhausted");
    case CohereOutcomeKind::Billing:
        return QStringLiteral("billing");
    case CohereOutcomeKind::EdgeForbidden:
        return QStringLiteral("edge-forbidden");
    }
    return QStringLiteral("unknown");
}

QString outcomeKindText(CohereOutcomeKind kind)
{
    switch (kind) {
    case CohereOutcomeKind::Ok:
        return QStringLiteral("Cohere answered as expected.");
    case CohereOutcomeKind::RateLimited:
        return QStringLiteral("Cohere is reachable but rate-limiting this key (HTTP 429).");
    case CohereOutcomeKind::Auth:
        return QStringLiteral("Cohere rejected the API key.");
    case CohereOutcomeKind::RequestError:
        return QStringLiteral("Cohere rejected the request as malformed or unknown.");
    case CohereOutcomeKind::Server:
        return QStringLiteral("Cohere reported a server error (HTTP 5xx).");
    case CohereOutcomeKind::Timeout:
        return QStringLiteral("Cohere did not answer in time.");
    case CohereOutcomeKind::Network:
        return QStringLiteral("Cohere could not be reached safely (network, TLS or redirect).");
    case CohereOutcomeKind::BadBody:
        return QStringLiteral("Cohere's answer was not what its API promises.");
    case CohereOutcomeKind::Cancelled:
        return QStringLiteral("The call was cancelled before Cohere answered.");
    case CohereOutcomeKind::CircuitOpen:
        return QStringLiteral("Not sent: the circuit breaker is open after repeated failures.");
    case CohereOutcomeKind::QuotaExhausted:
        return QStringLiteral("Cohere is reachable but this key's trial or monthly quota is "
                              "used up (HTTP 429); it lifts with the next period or a "
                              "production key, not with retries.");
    case CohereOutcomeKind::Billing:
        return QStringLiteral("Cohere refused the call for billing reasons (HTTP 402): a billing "
                              "limit was reached or a payment method is needed.");
    case CohereOutcomeKind::EdgeForbidden:
        return QStringLiteral("An edge in front of Cohere refused the request (HTTP 403 with an "
                              "HTML page); the key was not judged.");
    }
    return {};
}

} // namespace golive
