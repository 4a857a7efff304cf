#include "src/cohere/KeyVerification.h"

namespace golive {

namespace {

const QString &unknownKindExplanation()
{
    static const QString text = QStringLiteral(
        "Cohere's API does not say whether a key is a trial key: /v1/check-api-key returns only "
        "validity and organization/owner ids. Trial keys are limited to 1,000 calls a month and "
        "20 chat calls a minute; check the key's type at dashboard.cohere.com/api-keys.");
    return text;
}

std::optional<QString> nonEmptyString(const QJsonObject &body, const char *key)
{
    const QString value = body.value(QLatin1String(key)).toString();
    return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
}

} // namespace

QString keyKindName(KeyKind kind)
{
    switch (kind) {
    case KeyKind::Production:
        return QStringLiteral("production");
    case KeyKind::Trial:
        return QStringLiteral("trial");
    case KeyKind::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

std::optional<KeyKind> keyKindEvidence(const CohereOutcome &outcome)
{
    if (outcome.cohereMessage.contains(QLatin1String("trial key"), Qt::CaseInsensitive))
        return KeyKind::Trial;
    return std::nullopt;
}

Result<KeyVerification> KeyVerification::fromOutcome(const CohereOutcome &outcome)
{
    KeyVerification verification;
    switch (outcome.kind) {
    case CohereOutcomeKind::Ok:
        verification.valid = outcome.body.value(QStringLiteral("valid")).toBool(false);
        verification.organizationId = nonEmptyString(outcome.body, "organization_id");
        verification.ownerId = nonEmptyString(outcome.body, "owner_id");
        verification.kind = keyKindEvidence(outcome).value_or(KeyKind::Unknown);
        verification.explanation =
            verification.valid
                ? unknownKindExplanation()
                : QStringLiteral("Cohere says this key is not valid or no longer active.");
        return verification;
    case CohereOutcomeKind::Auth:
        verification.valid = false;
        verification.explanation =
            QStringLiteral("Cohere rejected this key (HTTP %1)%2.")
                .arg(outcome.httpStatus)
                .arg(outcome.cohereMessage.isEmpty()
                         ? QString()
                         : QStringLiteral(": %1").arg(outcome.cohereMessage));
        return verification;
    case CohereOutcomeKind::RateLimited:
        // Cohere only rate-limits a key it recognised.
        verification.valid = true;
        verification.kind = keyKindEvidence(outcome).value_or(KeyKind::Unknown);
        verification.explanation =
            verification.kind == KeyKind::Trial
                ? QStringLiteral("Cohere recognised the key but is rate-limiting it, and its "
                                 "message says it is a trial key: \"%1\". A trial key is not for "
                                 "production.")
                      .arg(outcome.cohereMessage)
                : QStringLiteral("Cohere recognised the key but is rate-limiting it. ") +
                      unknownKindExplanation();
        return verification;
    case CohereOutcomeKind::QuotaExhausted:
        verification.valid = true;
        verification.kind = keyKindEvidence(outcome).value_or(KeyKind::Unknown);
        verification.explanation =
            QStringLiteral("Cohere recognised the key but its trial or monthly quota is used up: "
                           "\"%1\". Probes will answer degraded until the quota lifts.")
                .arg(outcome.cohereMessage);
        return verification;
    case CohereOutcomeKind::Billing:
    case CohereOutcomeKind::EdgeForbidden:
    case CohereOutcomeKind::RequestError:
    case CohereOutcomeKind::Server:
    case CohereOutcomeKind::Timeout:
    case CohereOutcomeKind::Network:
    case CohereOutcomeKind::BadBody:
    case CohereOutcomeKind::Cancelled:
    case CohereOutcomeKind::CircuitOpen:
        break;
    }
    return Error{QStringLiteral("key-check-failed"),
                 QStringLiteral("The key could not be checked: %1").arg(outcome.message)};
}

} // namespace golive
