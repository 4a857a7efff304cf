#pragma once

#include "src/cohere/CohereOutcome.h"
#include "src/common/Error.h"

#include <QString>

#include <optional>

namespace golive {

enum class KeyKind { Production, Trial, Unknown };
QString keyKindName(KeyKind kind);

// What Cohere says about a key (from CohereClient::checkApiKey). What the contract offers:
// POST /v1/check-api-key answers {valid, organization_id?, owner_id?}: no organization name, no
// key type, and cohere-openapi.yaml documents no rate-limit or trial header. So the kind is Unknown
// unless Cohere volunteers it in a message (its 429 texts say "You are using a Trial key ...").
struct KeyVerification {
    bool valid = false;
    std::optional<QString> organizationId; // the API gives the id only, not the name
    std::optional<QString> ownerId;
    KeyKind kind = KeyKind::Unknown;
    QString explanation; // a sentence or two for the key dialog

    // Ok → valid per Cohere's answer; Auth → not valid; a 429 → the key was recognised (and a trial
    // key when the message says so). Anything else → an Error: the key could not be checked.
    static Result<KeyVerification> fromOutcome(const CohereOutcome &outcome);
};

// Trial evidence in any Cohere answer (a probe's 429 counts too); nullopt when there is none.
// Absence of evidence is never taken as "production".
std::optional<KeyKind> keyKindEvidence(const CohereOutcome &outcome);

} // namespace golive
