#include "src/evidence/SdkUsage.h"

namespace golive {

QString sdkMethodName(SdkUsage::Call::Method method)
{
    switch (method) {
    case SdkUsage::Call::Method::Chat:
        return QStringLiteral("chat");
    case SdkUsage::Call::Method::ChatStream:
        return QStringLiteral("chat-stream");
    case SdkUsage::Call::Method::Embed:
        return QStringLiteral("embed");
    case SdkUsage::Call::Method::Rerank:
        return QStringLiteral("rerank");
    }
    return QString();
}

bool hasArgument(const SdkUsage::Call &call, const QString &normalisedName)
{
    return call.arguments.contains(normalisedName);
}

QString normalisedArgumentName(QStringView name)
{
    QString result;
    result.reserve(name.size());
    for (const QChar c : name) {
        if (c != QLatin1Char('_'))
            result.append(c.toLower());
    }
    return result;
}

bool looksLikeApiKey(QStringView literal)
{
    constexpr qsizetype kMinKeyLength = 30;
    constexpr qsizetype kMaxKeyLength = 100;
    if (literal.size() < kMinKeyLength || literal.size() > kMaxKeyLength)
        return false;
    bool letter = false;
    bool digit = false;
    for (const QChar c : literal) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            digit = true;
        else if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                 (c >= QLatin1Char('A') && c <= QLatin1Char('Z')))
            letter = true;
        else
            return false;
    }
    return letter && digit;
}

bool isKeyLikeName(QStringView name)
{
    const QString lower = normalisedArgumentName(name);
    return lower.contains(QLatin1String("apikey")) || lower.endsWith(QLatin1String("key")) ||
           lower == QLatin1String("token") || lower.endsWith(QLatin1String("token"));
}

} // namespace golive
