#include "src/secrets/Redactor.h"

#include <QHash>
#include <QReadLocker>
#include <QReadWriteLock>
#include <QRegularExpression>
#include <QWriteLocker>

#include <algorithm>

namespace golive {

namespace {

struct Registry {
    QReadWriteLock lock;
    QHash<QString, int> counts; // secret -> number of owners
    QStringList longestFirst;   // masking order, so a secret inside another leaves no remnant
};

Registry &registry()
{
    // Leaked on purpose: log lines may still be written while static objects are destroyed.
    static auto *instance = new Registry;
    return *instance;
}

void rebuildOrder(Registry &r)
{
    r.longestFirst = r.counts.keys();
    std::sort(r.longestFirst.begin(), r.longestFirst.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

const QRegularExpression &authorizationHeader()
{
    // The whole header value, whatever the scheme: "Authorization: Basic x", "Bearer y", "z".
    static const QRegularExpression re(
        QStringLiteral(R"((\bauthorization"?\s*[:=]\s*"?)(?:(bearer|basic|token)\s+)?[^\s",;]+)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &bearerToken()
{
    static const QRegularExpression re(QStringLiteral(R"(\b(bearer)\s+(?!\[redacted\])[^\s",;]+)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &jsonSecretValue()
{
    // Also matches JSON quoted inside a JSON string (\"api_key\": \"...\"), as logs often show.
    static const QRegularExpression re(
        QStringLiteral(
            R"((\\?"(?:api[_-]?key|co_api_key|token|access_token|refresh_token|)"
            R"(id_token|secret|client_secret|password|client-key-data|client-certificate-data)\\?"\s*:\s*\\?"))"
            R"((?:[^"\\]|\\[^"])*(\\?"))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &kubeconfigCredential()
{
    // `kubectl config view --raw` in YAML: "    token: abc", "client-key-data: LS0t..."
    static const QRegularExpression re(
        QStringLiteral(
            R"(((?:^|\n)[ \t-]*(?:token|client-key-data|client-certificate-data|)"
            R"(password|id-token|refresh-token)[ \t]*:[ \t]*)(?!\[redacted\])[^\s][^\n]*)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &environmentAssignment()
{
    static const QRegularExpression re(QStringLiteral(R"((\bCO_API_KEY\s*[=:]\s*["']?)[^\s"']+)"));
    return re;
}

template <typename Replacement>
QString replaceMatches(const QString &text, const QRegularExpression &re, Replacement replacement)
{
    QString out;
    qsizetype copiedUpTo = 0;
    bool matched = false;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        matched = true;
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(copiedUpTo, m.capturedStart() - copiedUpTo);
        out += replacement(m);
        copiedUpTo = m.capturedEnd();
    }
    if (!matched)
        return text;
    out += QStringView(text).mid(copiedUpTo);
    return out;
}

} // namespace

QString Redactor::placeholder()
{
    return QStringLiteral("[redacted]");
}

void Redactor::registerSecret(const QString &secret)
{
    if (secret.isEmpty())
        return;
    Registry &r = registry();
    QWriteLocker locker(&r.lock);
    if (r.counts[secret]++ == 0)
        rebuildOrder(r);
}

void Redactor::forgetSecret(const QString &secret)
{
    Registry &r = registry();
    QWriteLocker locker(&r.lock);
    const auto it = r.counts.find(secret);
    if (it == r.counts.end())
        return;
    if (--it.value() <= 0) {
        r.counts.erase(it);
        rebuildOrder(r);
    }
}

bool Redactor::isRegistered(const QString &secret)
{
    Registry &r = registry();
    QReadLocker locker(&r.lock);
    return r.counts.contains(secret);
}

QString Redactor::redact(QString text)
{
    {
        Registry &r = registry();
        QReadLocker locker(&r.lock);
        for (const QString &secret : std::as_const(r.longestFirst))
            text.replace(secret, placeholder());
    }
    const QString masked = placeholder();
    text = replaceMatches(text, authorizationHeader(), [&](const QRegularExpressionMatch &m) {
        const QString scheme = m.captured(2);
        return m.captured(1) + (scheme.isEmpty() ? QString() : scheme + QLatin1Char(' ')) + masked;
    });
    text = replaceMatches(text, bearerToken(), [&](const QRegularExpressionMatch &m) {
        return m.captured(1) + QLatin1Char(' ') + masked;
    });
    text = replaceMatches(text, jsonSecretValue(), [&](const QRegularExpressionMatch &m) {
        return m.captured(1) + masked + m.captured(2);
    });
    text = replaceMatches(text, environmentAssignment(),
                          [&](const QRegularExpressionMatch &m) { return m.captured(1) + masked; });
    text = replaceMatches(text, kubeconfigCredential(),
                          [&](const QRegularExpressionMatch &m) { return m.captured(1) + masked; });
    return text;
}

bool Redactor::containsSecret(const QString &text)
{
    Registry &r = registry();
    QReadLocker locker(&r.lock);
    for (const QString &secret : std::as_const(r.longestFirst)) {
        if (text.contains(secret))
            return true;
    }
    return false;
}

QString Redactor::maskKey(const QString &key)
{
    if (key.isEmpty())
        return QStringLiteral("(no key)");
    const qsizetype length = key.size();
    if (length <= 8)
        return QStringLiteral("(%1 characters)").arg(length);
    // Show at most a quarter of the key at each end, so at least half of it stays hidden.
    const qsizetype shown = std::min<qsizetype>(4, length / 4);
    return key.left(shown) + QChar(0x2026) + key.right(shown);
}

} // namespace golive
