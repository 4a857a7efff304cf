#include "src/traffic/TrafficTemplate.h"

#include <QRegularExpression>

namespace golive::traffictemplate {

namespace {

const QString podsPlaceholder = QStringLiteral("${pods}");
const QString hashPlaceholder = QStringLiteral("${pod_template_hash}");
const QString versionPlaceholder = QStringLiteral("${version}");
const QString windowPlaceholder = QStringLiteral("${window}");

Error notSelectable(const QString &why)
{
    return Error{QStringLiteral("prometheus-configuration"), why};
}

} // namespace

Result<QString> versionMatcher(const QString &matcherTemplate, const VersionSelector &version)
{
    // Pod names are DNS subdomains; anything else would be a PromQL injection, not a pod.
    static const QRegularExpression podName(
        QStringLiteral("\\A[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\\z"));
    static const QRegularExpression hash(QStringLiteral("\\A[a-z0-9]{1,63}\\z"));
    QString matcher = matcherTemplate;
    if (matcher.contains(podsPlaceholder)) {
        if (version.pods.isEmpty())
            return notSelectable(QStringLiteral("%1 has no pods, so ${pods} in "
                                                "prometheus.version_matcher selects nothing")
                                     .arg(version.name));
        QStringList alternatives;
        for (const QString &pod : version.pods) {
            if (!podName.match(pod).hasMatch())
                return notSelectable(QStringLiteral("\"%1\" is not a pod name").arg(pod.left(100)));
            // A regex '.' escaped as `\.`, and that backslash escaped for the PromQL string.
            alternatives.append(QString(pod).replace(QLatin1Char('.'), QStringLiteral("\\\\.")));
        }
        matcher.replace(podsPlaceholder, alternatives.join(QLatin1Char('|')));
    }
    if (matcher.contains(hashPlaceholder)) {
        if (!hash.match(version.podTemplateHash).hasMatch())
            return notSelectable(
                version.podTemplateHash.isEmpty()
                    ? QStringLiteral("%1 has no pod-template-hash for ${pod_template_hash} in "
                                     "prometheus.version_matcher")
                          .arg(version.name)
                    : QStringLiteral("\"%1\" is not a pod-template-hash")
                          .arg(version.podTemplateHash.left(100)));
        matcher.replace(hashPlaceholder, version.podTemplateHash);
    }
    return matcher;
}

QString expand(const QString &queryTemplate, const QString &matcher, const QString &window)
{
    QString query = queryTemplate;
    if (matcher.trimmed().isEmpty()) {
        static const QRegularExpression withCommaAfter(QStringLiteral("\\$\\{version\\}\\s*,\\s*"));
        static const QRegularExpression withCommaBefore(
            QStringLiteral("\\s*,\\s*\\$\\{version\\}"));
        query.replace(withCommaAfter, QString());
        query.replace(withCommaBefore, QString());
        query.replace(versionPlaceholder, QString());
    } else {
        query.replace(versionPlaceholder, matcher);
    }
    query.replace(windowPlaceholder, window);
    return query;
}

} // namespace golive::traffictemplate
