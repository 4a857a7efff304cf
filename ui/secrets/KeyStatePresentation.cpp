#include "ui/secrets/KeyStatePresentation.h"

#include <QPainter>
#include <QPixmap>

namespace golive {

QString KeyStatePresentation::headline(KeyStore::KeyState state)
{
    switch (state) {
    case KeyStore::KeyState::NoKey:
        return QStringLiteral("No API key set");
    case KeyStore::KeyState::InKeychain:
        return QStringLiteral("Stored in the system keychain");
    case KeyStore::KeyState::FromEnvironment:
        return QStringLiteral("From CO_API_KEY (read-only)");
    case KeyStore::KeyState::SessionOnly:
        return QStringLiteral("This session only");
    case KeyStore::KeyState::KeychainUnavailable:
        return QStringLiteral("No system keychain available");
    case KeyStore::KeyState::Error:
        return QStringLiteral("The keychain could not be used");
    }
    return {};
}

QString KeyStatePresentation::statusText(const KeyStore &store)
{
    const QString masked =
        store.hasKey() ? QStringLiteral(" (%1)").arg(store.maskedKey()) : QString();
    switch (store.state()) {
    case KeyStore::KeyState::NoKey:
        return QStringLiteral("Key: none \u2014 set one (Ctrl+K)");
    case KeyStore::KeyState::InKeychain:
        return QStringLiteral("Key: in keychain%1").arg(masked);
    case KeyStore::KeyState::FromEnvironment:
        return QStringLiteral("Key: from CO_API_KEY%1").arg(masked);
    case KeyStore::KeyState::SessionOnly:
        return QStringLiteral("Key: this session only%1").arg(masked);
    case KeyStore::KeyState::KeychainUnavailable:
        return QStringLiteral("Key: none \u2014 no keychain, set one for this session (Ctrl+K)");
    case KeyStore::KeyState::Error:
        return QStringLiteral("Key: keychain error");
    }
    return {};
}

QColor KeyStatePresentation::colour(KeyStore::KeyState state)
{
    switch (state) {
    case KeyStore::KeyState::InKeychain:
        return QColor(0x2e, 0x7d, 0x32); // green: stored where it should be
    case KeyStore::KeyState::FromEnvironment:
        return QColor(0x15, 0x65, 0xc0); // blue: fine, but not managed here
    case KeyStore::KeyState::SessionOnly:
    case KeyStore::KeyState::KeychainUnavailable:
        return QColor(0xef, 0x6c, 0x00); // amber: works now, gone at exit
    case KeyStore::KeyState::NoKey:
    case KeyStore::KeyState::Error:
        return QColor(0xc6, 0x28, 0x28); // red: nothing to call Cohere with
    }
    return Qt::gray;
}

QIcon KeyStatePresentation::icon(KeyStore::KeyState state)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour(state));
    painter.drawEllipse(QRectF(2, 2, 12, 12));
    return QIcon(pixmap);
}

} // namespace golive
