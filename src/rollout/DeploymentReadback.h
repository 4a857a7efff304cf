#pragma once

#include "src/common/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace golive {

// What `kubectl get deployment/<name> -o json` says, reduced to what a rollout step changes.
struct DeploymentReadback {
    QString revision;   // metadata.annotations["deployment.kubernetes.io/revision"]
    QStringList images; // spec.template.spec.containers[*].image, in order
    bool paused = false;
    int readyReplicas = 0;
    int replicas = 0;
    QJsonObject podTemplate; // spec.template
    bool operator==(const DeploymentReadback &) const = default;

    static Result<DeploymentReadback> fromJson(const QByteArray &json);
    // "revision 4, image example/app:v2, paused, 3/3 ready" for messages and the record.
    QString summary() const;
};

} // namespace golive
