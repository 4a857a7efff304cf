#pragma once

#include "src/common/Error.h"

#include <QString>

namespace golive {

// Longer than any real key; a paste this long is a mistake (a whole file, a log excerpt).
inline constexpr qsizetype MaxApiKeyLength = 1024;

// A key as typed or pasted, trimmed of surrounding whitespace, or an Error (kind "invalid-key")
// naming what is wrong with it without repeating it. The UI can use this to validate before
// handing the key to KeyStore, which applies the same rule.
Result<QString> normaliseApiKey(const QString &input);

// Overwrites a secret's characters, then empties it. Best effort: a QString shared with another
// copy is detached rather than overwritten, so drop other copies first.
void wipeSecret(QString &secret);

} // namespace golive
