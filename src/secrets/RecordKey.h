#pragma once

#include <QByteArray>
#include <QString>

namespace golive {

// The per-installation key that signs every release-record line (HMAC-SHA256), or the reason
// there is none. It lives in the OS keychain (RecordKeyLoader), never in the data folder, and is
// never logged or written anywhere else. A value type so the record can hold it across threads.
class RecordKey {
public:
    static constexpr qsizetype secretBytes = 32;

    // A key of exactly secretBytes bytes; anything else is treated as no key, with that reason.
    static RecordKey fromSecret(const QByteArray &secret);
    // No key: lines are written with an "unsigned" marker carrying this reason.
    static RecordKey unavailable(const QString &reason);

    bool available() const { return !m_secret.isEmpty(); }
    // Why there is no key ("the keychain is locked ..."); empty when available().
    QString unavailableReason() const { return m_reason; }
    // Hex HMAC-SHA256 of bytes under this key; empty without a key.
    QByteArray sign(const QByteArray &bytes) const;

private:
    QByteArray m_secret;
    QString m_reason;
};

} // namespace golive
