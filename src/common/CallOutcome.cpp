#include "src/common/CallOutcome.h"

namespace golive {

FailureKind failureForHttpStatus(int status)
{
    if (status >= 200 && status < 300)
        return FailureKind::Ok;
    if (status == 429)
        return FailureKind::RateLimited;
    if (status == 401 || status == 403 || status == 498)
        return FailureKind::Auth;
    if (status >= 400 && status < 500)
        return FailureKind::ClientError;
    if (status >= 500 && status < 600)
        return FailureKind::Server5xx;
    return FailureKind::BadBody;
}

FailureKind failureForTransport(HttpOutcomeKind kind)
{
    switch (kind) {
    case HttpOutcomeKind::Timeout:
        return FailureKind::Timeout;
    case HttpOutcomeKind::BodyTooLarge:
        return FailureKind::BadBody;
    case HttpOutcomeKind::Network:
    case HttpOutcomeKind::Tls:
    case HttpOutcomeKind::RefusedRedirect:
    case HttpOutcomeKind::Cancelled:
    case HttpOutcomeKind::Completed:
        break;
    }
    return FailureKind::Network;
}

FailureKind failureForHttp(const HttpOutcome &http)
{
    return http.completed() ? failureForHttpStatus(http.status) : failureForTransport(http.kind);
}

} // namespace golive
