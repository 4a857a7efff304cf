#include "src/rollout/ArgumentTemplate.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace golive {

namespace {

constexpr int kMaxNameLength = 63;

Error unsafe(const QString &message)
{
    return Error{QStringLiteral("unsafe-value"), message};
}

// Values come from a file someone edited; never echo control characters into a message.
QString shown(const QString &value)
{
    QString out;
    for (const QChar c : value) {
        if (c.category() == QChar::Other_Control)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return QLatin1Char('"') + out + QLatin1Char('"');
}

int effectiveTimeout(const KubectlSettings &settings, const StepParameters &parameters)
{
    return parameters.timeoutSeconds > 0 ? parameters.timeoutSeconds : settings.stepTimeoutSeconds;
}

} // namespace

ArgumentTemplate::ArgumentTemplate(KubectlSettings settings, StepParameters parameters)
    : m_settings(std::move(settings)), m_parameters(std::move(parameters))
{
}

QStringList ArgumentTemplate::knownPlaceholders()
{
    return {QStringLiteral("deployment"),     QStringLiteral("namespace"),
            QStringLiteral("context"),        QStringLiteral("manifest"),
            QStringLiteral("status_timeout"), QStringLiteral("revision")};
}

Result<QStringList> ArgumentTemplate::placeholdersIn(const QString &argument)
{
    QStringList names;
    qsizetype from = 0;
    while (true) {
        const qsizetype open = argument.indexOf(QLatin1String("${"), from);
        if (open < 0)
            break;
        const qsizetype close = argument.indexOf(QLatin1Char('}'), open + 2);
        if (close < 0)
            return Error{
                QStringLiteral("template"),
                QStringLiteral("%1 has \"${\" without a closing \"}\"").arg(shown(argument))};
        const QString name = argument.mid(open + 2, close - open - 2);
        if (!knownPlaceholders().contains(name))
            return Error{QStringLiteral("template"),
                         QStringLiteral("unknown placeholder ${%1} (known: %2)")
                             .arg(name, knownPlaceholders().join(QStringLiteral(", ")))};
        names << name;
        from = close + 1;
    }
    return names;
}

Status ArgumentTemplate::checkKubernetesName(const QString &field, const QString &value)
{
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    if (value.isEmpty())
        return unsafe(QStringLiteral("%1 is empty; set it in the profile.").arg(field));
    if (value.size() > kMaxNameLength)
        return unsafe(
            QStringLiteral("%1 %2 is %3 characters long; Kubernetes names have at most %4.")
                .arg(field, shown(value))
                .arg(value.size())
                .arg(kMaxNameLength));
    if (!label.match(value).hasMatch())
        return unsafe(QStringLiteral("%1 %2 is not a valid Kubernetes name: use lowercase letters, "
                                     "digits and '-', starting and ending with a letter or digit.")
                          .arg(field, shown(value)));
    return std::nullopt;
}

Status ArgumentTemplate::checkContext(const QString &value)
{
    if (value.isEmpty())
        return unsafe(QStringLiteral("kubectl.context is empty; golive always names the cluster "
                                     "context explicitly, so set it in the profile."));
    for (const QChar c : value) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return unsafe(QStringLiteral("kubectl.context %1 contains whitespace or a control "
                                         "character.")
                              .arg(shown(value)));
    }
    if (value.startsWith(QLatin1Char('-')))
        return unsafe(QStringLiteral("kubectl.context %1 starts with '-' and would be read as an "
                                     "option.")
                          .arg(shown(value)));
    return std::nullopt;
}

Result<QString> ArgumentTemplate::resolveExistingFile(const QString &field, const QString &value)
{
    if (value.isEmpty())
        return unsafe(QStringLiteral("%1 is empty; set it in the profile.").arg(field));
    if (value.startsWith(QLatin1Char('-')))
        return unsafe(QStringLiteral("%1 %2 starts with '-' and would be read as an option.")
                          .arg(field, shown(value)));
    const QFileInfo info(value);
    if (!info.exists())
        return unsafe(QStringLiteral("%1 %2 does not exist.").arg(field, shown(value)));
    if (!info.isFile())
        return unsafe(QStringLiteral("%1 %2 is not a regular file.").arg(field, shown(value)));
    // Resolved so the argv (and the record) says exactly which file kubectl read.
    return info.canonicalFilePath();
}

Status ArgumentTemplate::checkRevision(const QString &value)
{
    static const QRegularExpression positive(QStringLiteral("^[1-9][0-9]{0,9}$"));
    if (!positive.match(value).hasMatch() || value.toLongLong() > std::numeric_limits<int>::max())
        return unsafe(
            QStringLiteral("Revision %1 is not a positive whole number.").arg(shown(value)));
    return std::nullopt;
}

Result<QString> ArgumentTemplate::value(const QString &placeholder) const
{
    if (placeholder == QLatin1String("deployment")) {
        if (const Status e =
                checkKubernetesName(QStringLiteral("kubectl.deployment"), m_settings.deployment);
            e.failed())
            return *e;
        return m_settings.deployment;
    }
    if (placeholder == QLatin1String("namespace")) {
        if (const Status e =
                checkKubernetesName(QStringLiteral("kubectl.namespace"), m_settings.namespaceName);
            e.failed())
            return *e;
        return m_settings.namespaceName;
    }
    if (placeholder == QLatin1String("context")) {
        if (const Status e = checkContext(m_settings.context); e.failed())
            return *e;
        return m_settings.context;
    }
    if (placeholder == QLatin1String("manifest"))
        return resolveExistingFile(QStringLiteral("kubectl.manifest"), m_settings.manifest);
    if (placeholder == QLatin1String("status_timeout")) {
        const int seconds =
            effectiveTimeout(m_settings, m_parameters) - kStatusTimeoutMarginSeconds;
        return QStringLiteral("%1s").arg(std::max(1, seconds));
    }
    if (placeholder == QLatin1String("revision")) {
        if (const Status e = checkRevision(m_parameters.revision); e.failed())
            return *e;
        return m_parameters.revision;
    }
    return Error{QStringLiteral("template"),
                 QStringLiteral("unknown placeholder ${%1}").arg(placeholder)};
}

Result<QStringList> ArgumentTemplate::profileFlags() const
{
    QStringList flags;
    const auto context = value(QStringLiteral("context"));
    if (!context)
        return context.error();
    const auto ns = value(QStringLiteral("namespace"));
    if (!ns)
        return ns.error();
    flags << QStringLiteral("--context") << context.value() << QStringLiteral("--namespace")
          << ns.value();
    if (!m_settings.kubeconfig.isEmpty()) {
        const auto kubeconfig =
            resolveExistingFile(QStringLiteral("kubectl.kubeconfig"), m_settings.kubeconfig);
        if (!kubeconfig)
            return kubeconfig.error();
        flags << QStringLiteral("--kubeconfig") << kubeconfig.value();
    }
    return flags;
}

Result<QStringList> ArgumentTemplate::argv(const QStringList &templates) const
{
    QStringList out;
    for (const QString &argument : templates) {
        const auto names = placeholdersIn(argument);
        if (!names)
            return names.error();
        if (names.value().contains(QLatin1String("revision")) && m_parameters.revision.isEmpty())
            continue;
        // One pass, so a value that happens to contain "${...}" is never expanded again.
        QString expanded;
        qsizetype from = 0;
        for (const QString &name : names.value()) {
            const QString token = QStringLiteral("${%1}").arg(name);
            const qsizetype at = argument.indexOf(token, from);
            const auto v = value(name);
            if (!v)
                return v.error();
            expanded += argument.mid(from, at - from) + v.value();
            from = at + token.size();
        }
        expanded += argument.mid(from);
        out << expanded;
    }
    const auto flags = profileFlags();
    if (!flags)
        return flags.error();
    return out + flags.value();
}

} // namespace golive
