#include "src/config/ProfileValidation.h"

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

} // namespace golive::validation
