#pragma once

#include "src/common/Error.h"
#include "src/rollout/DeploymentReadback.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace golive {

// One pod as the API server lists it, reduced to what a release captain asks about it.
struct PodView {
    QString name;
    QString templateHash; // its pod-template-hash label: which ReplicaSet it belongs to
    QString phase;        // Pending, Running, Succeeded, Failed, Unknown
    bool ready = false;
    int restarts = 0;
    QString reason; // a container's waiting/terminated reason (CrashLoopBackOff...), if any
    QDateTime created;      // metadata.creationTimestamp
    QDateTime readyChanged; // the Ready condition's lastTransitionTime (invalid: none reported)
    bool operator==(const PodView &) const = default;

    // Since when the pod has been in its current readiness: the Ready condition's last change,
    // else its creation.
    QDateTime readinessSince() const { return readyChanged.isValid() ? readyChanged : created; }
};

// One ReplicaSet of the deployment: a version of its pod template, with its pods.
struct ReplicaSetView {
    QString name;
    int revision = 0;     // deployment.kubernetes.io/revision
    QString templateHash; // pod-template-hash
    QStringList images;
    QDateTime created;
    QString changeCause; // kubernetes.io/change-cause, if someone set it
    int desired = 0;
    int ready = 0;
    int available = 0;
    bool current = false;    // its template is the deployment's template (the "new" ReplicaSet)
    QJsonObject podTemplate; // spec.template, as the API server stored it
    QList<PodView> pods;
    bool operator==(const ReplicaSetView &) const = default;

    // "revision 6 (example/app:v2)"
    QString label() const;
};

// The deployment, its ReplicaSets and their pods, read together: what the cluster runs now.
// Which ReplicaSet is "new" is decided as the deployment controller decides it: by comparing
// pod templates (without the pod-template-hash label), not by trusting revision numbers, which
// lag behind a paused rollout and are renumbered by every rollback.
struct RolloutSnapshot {
    enum class CanaryState {
        NotSynced,       // the controller has not yet acted on the latest change
        NoNewReplicaSet, // no ReplicaSet has the deployment's template (e.g. paused before it)
        NoNewPods,       // the new ReplicaSet exists but has no pod yet
        Canary,          // some pods on the new ReplicaSet, some on older ones
        Complete,        // every pod runs the deployment's template
    };

    DeploymentReadback deployment;
    QString name;          // the deployment's metadata.name
    QString namespaceName; // and its metadata.namespace
    QJsonObject deploymentTemplate; // spec.template of the deployment
    qint64 generation = 0;
    qint64 observedGeneration = 0;
    QList<ReplicaSetView> replicaSets; // highest revision first

    // Parses `kubectl get deployment/NAME -o json`, `get replicasets -o json` and
    // `get pods -o json` (lists filtered to the deployment's selector and ownership here).
    static Result<RolloutSnapshot> fromJson(const QByteArray &deploymentJson,
                                            const QByteArray &replicaSetsJson,
                                            const QByteArray &podsJson);
    // `k=v,k2=v2` for `kubectl get ... -l`, from the deployment's spec.selector.matchLabels.
    static Result<QString> labelSelector(const QByteArray &deploymentJson);

    const ReplicaSetView *newReplicaSet() const;
    // The ReplicaSet that serves beside the new one (or served before it): the newest other one
    // that still has pods, else the newest other one.
    const ReplicaSetView *stableReplicaSet() const;
    const ReplicaSetView *byRevision(int revision) const;
    const ReplicaSetView *byTemplateHash(const QString &hash) const;
    int podCount() const;
    CanaryState canaryState() const;

    // "example/app:v2 on 3 pods, example/app:v3 on 1 pod" (no pods: "no pods").
    QString podsByVersion() const;
    // "canary: 1 of 4 pods on revision 7, image app:v3; stable: 3 pods on revision 6, image
    // app:v2" (or what there is instead of a canary).
    QString canarySummary() const;
    // One line for the output pane: revision, image, paused, ready, canary share.
    QString oneLine() const;

    // A pod template with the controller's pod-template-hash label removed, for comparison.
    static QJsonObject withoutTemplateHash(QJsonObject podTemplate);
};

QString toString(RolloutSnapshot::CanaryState state);

} // namespace golive
