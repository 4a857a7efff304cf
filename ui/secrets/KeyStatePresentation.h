#pragma once

#include "src/secrets/KeyStore.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace golive {

// How a key state looks in the window: a short headline, the status-bar text and a colour.
class KeyStatePresentation {
public:
    static QString headline(KeyStore::KeyState state);
    // "Key: in keychain (abcd…wxyz)", "Key: none — set one", ... Only ever the masked key.
    static QString statusText(const KeyStore &store);
    static QColor colour(KeyStore::KeyState state);
    static QIcon icon(KeyStore::KeyState state);
};

} // namespace golive
