#include "src/config/ProfileValidation.h"

#include <QDir>
#include <QRegularExpression>
#include <QStringList>

namespace golive::validation {

namespace {

bool hasControl(const QString &text, bool allowLineBreaks)
{
    for (const QChar c : text) {
        if (allowLineBreaks && (c == QLatin1Char('\n') || c == QLatin1Char('\t')))
            continue;
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return true;
    }
    return false;
}

bool hasSpace(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

std::optional<QString> oneOf(const QString &value, const QStringList &allowed)
{
    if (allowed.contains(value))
        return std::nullopt;
    return QStringLiteral("must be one of %1, found \"%2\"")
        .arg(allowed.join(QStringLiteral(", ")), value);
}

} // namespace

std::optional<QString> kubernetesName(const QString &name)
{
    static const QRegularExpression label(QStringLiteral("\\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z"));
    if (name.size() > 63)
        return QStringLiteral("a Kubernetes name has at most 63 characters, found %1")
            .arg(name.size());
    if (!label.match(name).hasMatch())
        return QStringLiteral("\"%1\" is not a Kubernetes name (lowercase letters, digits and '-', "
                              "starting and ending with a letter or digit)")
            .arg(name);
    return std::nullopt;
}

std::optional<QString> podName(const QString &name)
{
    static const QRegularExpression subdomain(
        QStringLiteral("\\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z"));
    if (name.size() > 253)
        return QStringLiteral("a pod name has at most 253 characters, found %1").arg(name.size());
    if (!subdomain.match(name).hasMatch())
        return QStringLiteral("\"%1\" is not a pod name (lowercase letters, digits, '-' and '.', "
                              "starting and ending with a letter or digit)")
            .arg(name);
    return std::nullopt;
}

std::optional<QString> podProxyPath(const QString &path)
{
    static const QRegularExpression allowed(QStringLiteral("\\A/[A-Za-z0-9._~/-]*\\z"));
    if (!path.startsWith(QLatin1Char('/')))
        return QStringLiteral("the health path must start with '/', found \"%1\"").arg(path);
    if (path.size() > 512)
        return QStringLiteral("a health path has at most 512 characters, found %1").arg(path.size());
    if (!allowed.match(path).hasMatch())
        return QStringLiteral("the health path \"%1\" may hold only letters, digits and . _ ~ / - "
                              "(no query, fragment, space or percent sign)")
            .arg(path);
    if (path.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        return QStringLiteral("the health path \"%1\" must not contain \"..\"").arg(path);
    return std::nullopt;
}

std::optional<QString> kubeContext(const QString &context)
{
    if (context.size() > 253)
        return QStringLiteral("a context name this long (%1 characters) is not a real one")
            .arg(context.size());
    if (hasControl(context, false) || hasSpace(context))
        return QStringLiteral("a context name must not contain spaces or control characters");
    if (context.startsWith(QLatin1Char('-')))
        return QStringLiteral("a context name must not start with '-'");
    return std::nullopt;
}

std::optional<QString> filePath(const QString &path)
{
    if (hasControl(path, false))
        return QStringLiteral("a path must not contain control characters");
    if (path.startsWith(QLatin1Char('-')))
        return QStringLiteral("a path must not start with '-' (write ./%1)").arg(path);
    return std::nullopt;
}

std::optional<QString> executablePath(const QString &path)
{
    if (auto problem = filePath(path))
        return problem;
    if (path.contains(QLatin1Char('/')) && !QDir::isAbsolutePath(path))
        return QStringLiteral("\"%1\" is a relative path; give an absolute path, or a program "
                              "name found on PATH")
            .arg(path);
    return std::nullopt;
}

std::optional<QString> folderPath(const QString &path)
{
    if (path.trimmed().isEmpty())
        return QStringLiteral("a folder must not be empty");
    return filePath(path);
}

std::optional<QString> modelId(const QString &model)
{
    if (model.isEmpty())
        return QStringLiteral("a model id is required");
    if (model.size() > 200 || hasControl(model, false) || hasSpace(model))
        return QStringLiteral("\"%1\" is not a model id (no spaces or control characters)")
            .arg(model.left(200));
    return std::nullopt;
}

std::optional<QString> probeText(const QString &text, int maxChars)
{
    if (text.trimmed().isEmpty())
        return QStringLiteral("must not be empty");
    if (text.size() > maxChars)
        return QStringLiteral("a probe sends little: at most %1 characters, found %2")
            .arg(maxChars)
            .arg(text.size());
    if (hasControl(text, true))
        return QStringLiteral("must not contain control characters");
    return std::nullopt;
}

std::optional<QString> embedInputType(const QString &inputType)
{
    // "image" exists too, but the probe embeds text.
    return oneOf(inputType, {QStringLiteral("search_query"), QStringLiteral("search_document"),
                             QStringLiteral("classification"), QStringLiteral("clustering")});
}

std::optional<QString> embeddingType(const QString &type)
{
    return oneOf(type,
                 {QStringLiteral("float"), QStringLiteral("int8"), QStringLiteral("uint8"),
                  QStringLiteral("binary"), QStringLiteral("ubinary"), QStringLiteral("base64")});
}

std::optional<QString> promqlTemplate(const QString &text, const QStringList &allowed,
                                      const QStringList &required)
{
    if (text.trimmed().isEmpty())
        return QStringLiteral("a PromQL query is required");
    if (text.size() > 4000)
        return QStringLiteral("a query has at most 4000 characters, found %1").arg(text.size());
    if (hasControl(text, true))
        return QStringLiteral("must not contain control characters");
    static const QRegularExpression placeholder(QStringLiteral("\\$\\{([^}]*)\\}"));
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QString found = it.next().captured(0);
        if (!allowed.contains(found))
            return QStringLiteral("unknown placeholder %1 (known here: %2)")
                .arg(found, allowed.isEmpty() ? QStringLiteral("none")
                                              : allowed.join(QStringLiteral(", ")));
    }
    for (const QString &name : required) {
        if (!text.contains(name))
            return QStringLiteral("must contain %1, or canary and stable would read the same "
                                  "series")
                .arg(name);
    }
    return std::nullopt;
}

std::optional<QString> promDuration(const QString &duration)
{
    static const QRegularExpression shape(
        QStringLiteral("\\A(?:\\d{1,7}d)?(?:\\d{1,7}h)?(?:\\d{1,7}m)?(?:\\d{1,7}s)?\\z"));
    static const QRegularExpression nonZero(QStringLiteral("[1-9]"));
    if (duration.isEmpty() || !shape.match(duration).hasMatch() ||
        !nonZero.match(duration).hasMatch())
        return QStringLiteral("expected a Prometheus duration such as 5m, 90s, 1h30m or 1d, "
                              "found \"%1\"")
            .arg(duration.left(100));
    return std::nullopt;
}

std::optional<QString> tokenEnvironmentVariable(const QString &name)
{
    static const QRegularExpression shape(QStringLiteral("\\A[A-Za-z_][A-Za-z0-9_]{0,127}\\z"));
    if (!shape.match(name).hasMatch())
        return QStringLiteral("\"%1\" is not an environment variable name (letters, digits, _)")
            .arg(name.left(100));
    if (name == QLatin1String("CO_API_KEY"))
        return QStringLiteral("CO_API_KEY holds the Cohere key, which goes to Cohere only; name "
                              "the variable that holds the Prometheus token");
    return std::nullopt;
}

std::optional<QString> extraHeaderName(const QString &name)
{
    static const QRegularExpression token(
        QStringLiteral("\\A[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}\\z"));
    if (!token.match(name).hasMatch())
        return QStringLiteral("\"%1\" is not an HTTP header name").arg(name.left(100));
    const QString lower = name.toLower();
    if (lower == QLatin1String("authorization") || lower == QLatin1String("proxy-authorization") ||
        lower == QLatin1String("cookie"))
        return QStringLiteral("%1 is a credential and a profile is no place for one: put the "
                              "token in an environment variable and name it in "
                              "prometheus.bearer_token_env")
            .arg(name);
    if (lower == QLatin1String("host") || lower == QLatin1String("content-type") ||
        lower == QLatin1String("content-length"))
        return QStringLiteral("golive sets %1 itself").arg(name);
    return std::nullopt;
}

std::optional<QString> extraHeaderValue(const QString &value)
{
    if (value.size() > 1000)
        return QStringLiteral("a header value has at most 1000 characters, found %1")
            .arg(value.size());
    if (hasControl(value, false) || value.contains(QLatin1Char('\n')))
        return QStringLiteral("a header value must not contain control characters or line "
                              "breaks");
    return std::nullopt;
}

} // namespace golive::validation
