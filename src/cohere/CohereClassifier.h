#pragma once

#include "src/cohere/CohereEndpoint.h"
#include "src/cohere/CohereOutcome.h"
#include "src/common/HttpOutcome.h"

#include <QDateTime>

#include <optional>

namespace golive {

// Turns one HTTP exchange into a CohereOutcome: status → kind per the spec's error table, Cohere's
// `message`, X-API-Warning, Retry-After and billed units. Pure, so every rule is testable alone.
CohereOutcome classifyCohereResponse(CohereEndpoint endpoint, const HttpOutcome &http,
                                     const QDateTime &nowUtc);

// Retry-After is either delta-seconds ("7") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT").
// Returns the wait in milliseconds (0 for a date in the past), nullopt when unparseable.
std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc);

// billed_units from `meta` (embed, rerank) or `usage` (chat v2).
BilledUnits parseBilledUnits(const QJsonObject &body);

// Cohere's error bodies are {"message": "...", "id": "..."}; nullopt when the body is not that.
std::optional<QString> cohereErrorMessage(const QByteArray &body);

} // namespace golive
