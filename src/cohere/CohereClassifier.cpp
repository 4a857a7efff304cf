#include "src/cohere/CohereClassifier.h"

#include "src/common/CallOutcome.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

namespace golive {

namespace {

constexpr qsizetype maxMessageChars = 500; // a message is a sentence, not a page

// The status and transport tables are common (CallOutcome.h); this only renames their answer.
// Cancelled is the one transport end that says nothing about Cohere, so it keeps its own kind.
CohereOutcomeKind cohereKindOf(const HttpOutcome &http)
{
    if (!http.completed() && http.kind == HttpOutcomeKind::Cancelled)
        return CohereOutcomeKind::Cancelled;
    switch (failureForHttp(http)) {
    case FailureKind::Ok:
        return CohereOutcomeKind::Ok;
    case FailureKind::RateLimited:
        return CohereOutcomeKind::RateLimited;
    case FailureKind::QuotaExhausted:
        return CohereOutcomeKind::QuotaExhausted;
    case FailureKind::Billing:
        return CohereOutcomeKind::Billing;
    case FailureKind::EdgeForbidden:
        return CohereOutcomeKind::EdgeForbidden;
    case FailureKind::Auth:
        return CohereOutcomeKind::Auth;
    case FailureKind::ClientError:
        return CohereOutcomeKind::RequestError;
    case FailureKind::Server5xx:
        return CohereOutcomeKind::Server;
    case FailureKind::Timeout:
        return CohereOutcomeKind::Timeout;
    case FailureKind::Network:
        return CohereOutcomeKind::Network;
    case FailureKind::BadBody:
    case FailureKind::ReportedDegraded: // only a health body reports; HTTP never does
    case FailureKind::ReportedDown:
        break;
    }
    return CohereOutcomeKind::BadBody;
}

std::optional<double> number(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

QString clipped(QString text)
{
    text = text.simplified();
    if (text.size() > maxMessageChars)
        text = text.left(maxMessageChars) + QStringLiteral("…");
    return text;
}

// RFC 9110 §5.6.7: IMF-fixdate, plus the obsolete RFC 850 and asctime forms recipients must accept.
// (Qt's RFC2822Date parser refuses the literal "GMT" that every HTTP date ends with.)
QDateTime parseHttpDate(const QString &text)
{
    // The weekday is redundant and Qt rejects a mismatching one; drop it before parsing.
    const QString value = text.simplified();
    const qsizetype comma = value.indexOf(QLatin1Char(','));
    const QString afterWeekday =
        comma >= 0 ? value.mid(comma + 1).trimmed() : value.section(QLatin1Char(' '), 1);
    QDateTime when =
        QDateTime::fromString(afterWeekday, QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid()) {
        when = QDateTime::fromString(afterWeekday, QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'"));
        if (when.isValid() && when.date().year() < 1970)
            when = when.addYears(100);
    }
    if (!when.isValid())
        when = QDateTime::fromString(afterWeekday, QStringLiteral("MMM d HH:mm:ss yyyy"));
    if (when.isValid())
        when.setTimeZone(QTimeZone::utc());
    return when;
}

// What the error class is called in messages, so "HTTP 402: billing: ..." says it at once.
QString errorLabel(const CohereOutcome &outcome)
{
    switch (outcome.kind) {
    case CohereOutcomeKind::Auth:
        return outcome.cohereMessage.contains(QLatin1String("expired"), Qt::CaseInsensitive)
                   ? QStringLiteral("key refused (expired)")
                   : QStringLiteral("key refused");
    case CohereOutcomeKind::QuotaExhausted:
    case CohereOutcomeKind::Billing:
    case CohereOutcomeKind::EdgeForbidden:
    case CohereOutcomeKind::RateLimited:
        return failureKindText(failureKindOf(outcome.kind));
    default:
        break;
    }
    if (outcome.httpStatus == 499)
        return QStringLiteral("cancelled by the client");
    return {};
}

} // namespace

std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const double seconds = trimmed.toDouble(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(qint64(seconds * 1000.0));
    const QDateTime when = parseHttpDate(QString::fromLatin1(trimmed));
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, nowUtc.msecsTo(when));
}

BilledUnits parseBilledUnits(const QJsonObject &body)
{
    QJsonObject units = body.value(QStringLiteral("meta"))
                            .toObject()
                            .value(QStringLiteral("billed_units"))
                            .toObject();
    if (units.isEmpty()) {
        units = body.value(QStringLiteral("usage"))
                    .toObject()
                    .value(QStringLiteral("billed_units"))
                    .toObject();
    }
    BilledUnits billed;
    billed.inputTokens = number(units, "input_tokens");
    billed.outputTokens = number(units, "output_tokens");
    billed.searchUnits = number(units, "search_units");
    return billed;
}

std::optional<QString> cohereErrorMessage(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonValue message = document.object().value(QStringLiteral("message"));
    if (!message.isString())
        return std::nullopt;
    return clipped(message.toString());
}

CohereOutcome classifyCohereResponse(CohereEndpoint endpoint, const HttpOutcome &http,
                                     const QDateTime &nowUtc)
{
    CohereOutcome outcome;
    outcome.httpStatus = http.status;
    outcome.latencyMs = http.latencyMs;
    outcome.attempts = 1;
    const QString where = endpointPath(endpoint);

    if (!http.completed()) {
        outcome.kind = cohereKindOf(http);
        outcome.message = QStringLiteral("%1: %2").arg(where, http.message);
        return outcome;
    }

    outcome.apiWarning = clipped(QString::fromUtf8(http.header("X-API-Warning")));
    outcome.kind = cohereKindOf(http);
    // Cohere sends Retry-After with 429; a 503 from its edge may carry one too.
    if (outcome.kind == CohereOutcomeKind::RateLimited ||
        outcome.kind == CohereOutcomeKind::QuotaExhausted ||
        outcome.kind == CohereOutcomeKind::Server)
        outcome.retryAfterMs = parseRetryAfter(http.header("Retry-After"), nowUtc);

    if (outcome.kind != CohereOutcomeKind::Ok) {
        outcome.cohereMessage = cohereErrorMessage(http.body).value_or(QString());
        QString detail = outcome.cohereMessage.isEmpty()
                             ? (outcome.kind == CohereOutcomeKind::BadBody
                                    ? QStringLiteral("unexpected status")
                                    : QStringLiteral("no message from Cohere"))
                             : outcome.cohereMessage;
        if (outcome.kind == CohereOutcomeKind::EdgeForbidden)
            detail = QStringLiteral("an HTML page, not Cohere's JSON");
        if (const QString label = errorLabel(outcome); !label.isEmpty())
            detail = QStringLiteral("%1: %2").arg(label, detail);
        outcome.message = QStringLiteral("%1: HTTP %2: %3").arg(where).arg(http.status).arg(detail);
        if (outcome.retryAfterMs) {
            outcome.message +=
                QStringLiteral(" (Retry-After %1 s)").arg(double(*outcome.retryAfterMs) / 1000.0);
        }
        return outcome;
    }

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(http.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        outcome.kind = CohereOutcomeKind::BadBody;
        outcome.message = QStringLiteral("%1: malformed JSON at byte %2: %3")
                              .arg(where)
                              .arg(parseError.offset)
                              .arg(parseError.errorString());
        return outcome;
    }
    if (!document.isObject()) {
        outcome.kind = CohereOutcomeKind::BadBody;
        outcome.message = QStringLiteral("%1: the answer is not a JSON object").arg(where);
        return outcome;
    }
    const QJsonObject body = document.object();
    if (const auto problem = responseShapeProblem(endpoint, body)) {
        outcome.kind = CohereOutcomeKind::BadBody;
        outcome.message = QStringLiteral("%1: wrong shape: %2").arg(where, *problem);
        return outcome;
    }
    outcome.billed = parseBilledUnits(body);
    outcome.body = body;
    outcome.message =
        QStringLiteral("%1: HTTP %2 in %3 ms").arg(where).arg(http.status).arg(http.latencyMs);
    return outcome;
}

} // namespace golive
