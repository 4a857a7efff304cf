#include "src/common/CallOutcome.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace golive {

FailureKind failureForHttpStatus(int status)
{
    if (status >= 200 && status < 300)
        return FailureKind::Ok;
    if (status == 429)
        return FailureKind::RateLimited;
    if (status == 402)
        return FailureKind::Billing;
    if (status == 401 || status == 403 || status == 498)
        return FailureKind::Auth;
    if (status >= 400 && status < 500)
        return FailureKind::ClientError;
    if (status >= 500 && status < 600)
        return FailureKind::Server5xx;
    return FailureKind::BadBody;
}

bool isQuotaMessage(const QString &message)
{
    const QString text = message.toLower();
    // A trial key's per-minute limit names the trial too: the unit decides.
    const bool perMinute = text.contains(QLatin1String("minute")) ||
                           text.contains(QLatin1String("/min")) ||
                           text.contains(QLatin1String("per second"));
    if (perMinute)
        return false;
    // "You are using a Trial key" alone names no limit: a rate limit, as before.
    return text.contains(QLatin1String("month")) || text.contains(QLatin1String("quota")) ||
           (text.contains(QLatin1String("trial")) && text.contains(QLatin1String("limit")));
}

FailureKind failureForHttpResponse(int status, const QByteArray &body,
                                   const QByteArray &contentType)
{
    const FailureKind byStatus = failureForHttpStatus(status);
    if (status == 429) {
        const QJsonValue message =
            QJsonDocument::fromJson(body).object().value(QStringLiteral("message"));
        const QString text = message.isString() ? message.toString() : QString::fromUtf8(body);
        return isQuotaMessage(text) ? FailureKind::QuotaExhausted : byStatus;
    }
    if (status == 403) {
        const bool html =
            contentType.toLower().contains("text/html") || body.trimmed().startsWith('<');
        return html ? FailureKind::EdgeForbidden : byStatus;
    }
    return byStatus;
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
    return http.completed()
               ? failureForHttpResponse(http.status, http.body, http.header("Content-Type"))
               : failureForTransport(http.kind);
}

QString failureKindText(FailureKind failure)
{
    switch (failure) {
    case FailureKind::Ok:
        return QStringLiteral("ok");
    case FailureKind::RateLimited:
        return QStringLiteral("rate limited");
    case FailureKind::QuotaExhausted:
        return QStringLiteral("quota exhausted");
    case FailureKind::Billing:
        return QStringLiteral("billing");
    case FailureKind::Auth:
        return QStringLiteral("key refused");
    case FailureKind::EdgeForbidden:
        return QStringLiteral("forbidden by the edge");
    case FailureKind::ClientError:
        return QStringLiteral("request refused");
    case FailureKind::Server5xx:
        return QStringLiteral("server error");
    case FailureKind::Timeout:
        return QStringLiteral("timed out");
    case FailureKind::Network:
        return QStringLiteral("network error");
    case FailureKind::BadBody:
        return QStringLiteral("unreadable answer");
    case FailureKind::ReportedDegraded:
        return QStringLiteral("reported degraded");
    case FailureKind::ReportedDown:
        return QStringLiteral("reported down");
    }
    return {};
}

} // namespace golive
