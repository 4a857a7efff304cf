#include "src/secrets/RecordKey.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace golive {

RecordKey RecordKey::fromSecret(const QByteArray &secret)
{
    if (secret.size() != secretBytes)
        return unavailable(QStringLiteral("the stored record key is not %1 bytes long")
                               .arg(secretBytes));
    RecordKey key;
    key.m_secret = secret;
    return key;
}

RecordKey RecordKey::unavailable(const QString &reason)
{
    RecordKey key;
    key.m_reason = reason.isEmpty() ? QStringLiteral("no record key") : reason;
    return key;
}

QByteArray RecordKey::sign(const QByteArray &bytes) const
{
    if (!available())
        return {};
    return QMessageAuthenticationCode::hash(bytes, m_secret, QCryptographicHash::Sha256).toHex();
}

} // namespace golive
