#include "src/secrets/ApiKey.h"

namespace golive {

Result<QString> normaliseApiKey(const QString &input)
{
    const QString key = input.trimmed();
    if (key.isEmpty())
        return Error{QStringLiteral("invalid-key"), QStringLiteral("The API key is empty.")};
    if (key.size() > MaxApiKeyLength)
        return Error{QStringLiteral("invalid-key"),
                     QStringLiteral("The API key is %1 characters long; an API key has at most %2.")
                         .arg(key.size())
                         .arg(MaxApiKeyLength)};
    for (const QChar c : key) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return Error{QStringLiteral("invalid-key"),
                         QStringLiteral("The API key contains spaces, line breaks or control "
                                        "characters; paste only the key itself.")};
    }
    return key;
}

void wipeSecret(QString &secret)
{
    if (!secret.isEmpty())
        secret.fill(QChar(0));
    secret.clear();
}

} // namespace golive
