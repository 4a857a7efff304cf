#pragma once

#include "src/common/Error.h"
#include "src/secrets/KeyStore.h"

#include <QString>

namespace golive {

struct ChecklistDocument;

// What the key store can prove about the checklist item "CO_API_KEY stored in a secret manager".
//
// Only a key that golive itself read from the system keychain is evidence: that is the one state
// in which golive knows where the key lives. A key from the environment may come from anywhere
// (a secret manager, a shell profile, a CI variable), and a session-only key is stored nowhere,
// so neither is offered as evidence.
struct KeyEvidence {
    QString itemId;   // the checklist item to tick
    QString evidence; // the text recorded with the tick

    // The bundled checklist's id for the item.
    static QString secretManagerItemId(); // "key-in-secret-manager"
    static QString keychainEvidence();    // "key in OS keychain"

    // The item in `document`: the bundled id, or else (a team's own checklist) the first item
    // whose text mentions CO_API_KEY and a secret manager. Error kind "no-such-item" otherwise.
    static Result<QString> findSecretManagerItem(const ChecklistDocument &document);

    // The item and evidence when `state` proves it; otherwise an Error (kind "no-evidence" or
    // "no-such-item") whose message explains why, in words for the key dialog.
    static Result<KeyEvidence> forState(KeyStore::KeyState state,
                                        const ChecklistDocument &document);
};

} // namespace golive
