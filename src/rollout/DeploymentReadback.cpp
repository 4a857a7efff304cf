#include "src/rollout/DeploymentReadback.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace golive {

Result<DeploymentReadback> DeploymentReadback::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QStringLiteral("parse"),
                     QStringLiteral("kubectl get deployment did not print a JSON object (%1).")
                         .arg(parseError.errorString())};
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("kind")).toString() != QLatin1String("Deployment"))
        return Error{QStringLiteral("parse"),
                     QStringLiteral("kubectl get deployment printed a \"%1\", not a Deployment.")
                         .arg(root.value(QLatin1String("kind")).toString())};

    DeploymentReadback r;
    r.revision = root.value(QLatin1String("metadata"))
                     .toObject()
                     .value(QLatin1String("annotations"))
                     .toObject()
                     .value(QLatin1String("deployment.kubernetes.io/revision"))
                     .toString();
    const QJsonObject spec = root.value(QLatin1String("spec")).toObject();
    r.paused = spec.value(QLatin1String("paused")).toBool(false);
    // Kubernetes defaults an unset replica count to 1.
    r.replicas = spec.value(QLatin1String("replicas")).toInt(1);
    r.podTemplate = spec.value(QLatin1String("template")).toObject();
    const QJsonArray containers = r.podTemplate.value(QLatin1String("spec"))
                                      .toObject()
                                      .value(QLatin1String("containers"))
                                      .toArray();
    for (const QJsonValue &c : containers)
        r.images << c.toObject().value(QLatin1String("image")).toString();
    r.readyReplicas = root.value(QLatin1String("status"))
                          .toObject()
                          .value(QLatin1String("readyReplicas"))
                          .toInt(0);
    return r;
}

QString DeploymentReadback::summary() const
{
    return QStringLiteral("revision %1, image %2, %3, %4/%5 ready")
        .arg(revision.isEmpty() ? QStringLiteral("unknown") : revision,
             images.isEmpty() ? QStringLiteral("none") : images.join(QStringLiteral(", ")),
             paused ? QStringLiteral("paused") : QStringLiteral("not paused"))
        .arg(readyReplicas)
        .arg(replicas);
}

} // namespace golive
