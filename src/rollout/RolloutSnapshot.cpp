#include "src/rollout/RolloutSnapshot.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace golive {

namespace {

const QString kHashLabel = QStringLiteral("pod-template-hash");

QJsonObject member(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

Result<QJsonObject> parseObject(const QByteArray &json, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QStringLiteral("parse"),
                     QStringLiteral("kubectl get %1 did not print a JSON object (%2).")
                         .arg(what, parseError.errorString())};
    return doc.object();
}

bool ownedBy(const QJsonObject &object, const QString &uid)
{
    if (uid.isEmpty())
        return true; // nothing to check against: the label selector alone decides
    const QJsonArray owners =
        member(object, "metadata").value(QLatin1String("ownerReferences")).toArray();
    for (const QJsonValue &owner : owners) {
        if (owner.toObject().value(QLatin1String("uid")).toString() == uid)
            return true;
    }
    return false;
}

QStringList imagesOf(const QJsonObject &podTemplate)
{
    QStringList images;
    const QJsonArray containers =
        member(podTemplate, "spec").value(QLatin1String("containers")).toArray();
    for (const QJsonValue &c : containers)
        images << c.toObject().value(QLatin1String("image")).toString();
    return images;
}

PodView podFrom(const QJsonObject &pod)
{
    PodView p;
    const QJsonObject metadata = member(pod, "metadata");
    p.name = metadata.value(QLatin1String("name")).toString();
    p.templateHash = member(metadata, "labels").value(kHashLabel).toString();
    p.created = QDateTime::fromString(metadata.value(QLatin1String("creationTimestamp")).toString(),
                                      Qt::ISODate);
    const QJsonObject status = member(pod, "status");
    p.phase = status.value(QLatin1String("phase")).toString();
    for (const QJsonValue &c : status.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject condition = c.toObject();
        if (condition.value(QLatin1String("type")).toString() == QLatin1String("Ready")) {
            p.ready = condition.value(QLatin1String("status")).toString() == QLatin1String("True");
            p.readyChanged = QDateTime::fromString(
                condition.value(QLatin1String("lastTransitionTime")).toString(), Qt::ISODate);
        }
    }
    for (const QJsonValue &c : status.value(QLatin1String("containerStatuses")).toArray()) {
        const QJsonObject container = c.toObject();
        p.restarts += container.value(QLatin1String("restartCount")).toInt();
        const QJsonObject state = member(container, "state");
        for (const char *key : {"waiting", "terminated"}) {
            const QString reason = member(state, key).value(QLatin1String("reason")).toString();
            if (p.reason.isEmpty() && !reason.isEmpty())
                p.reason = reason;
        }
        // A container that crashed and came back keeps the last reason here.
        if (p.reason.isEmpty() && !p.ready) {
            const QString last = member(member(container, "lastState"), "terminated")
                                     .value(QLatin1String("reason"))
                                     .toString();
            if (!last.isEmpty())
                p.reason = last;
        }
    }
    return p;
}

QString pods(int n)
{
    return n == 1 ? QStringLiteral("1 pod") : QStringLiteral("%1 pods").arg(n);
}

QString imageList(const QStringList &images)
{
    return images.isEmpty() ? QStringLiteral("no image") : images.join(QStringLiteral(", "));
}

} // namespace

QString ReplicaSetView::label() const
{
    return QStringLiteral("revision %1 (%2)").arg(revision).arg(imageList(images));
}

QJsonObject RolloutSnapshot::withoutTemplateHash(QJsonObject podTemplate)
{
    QJsonObject metadata = member(podTemplate, "metadata");
    QJsonObject labels = member(metadata, "labels");
    labels.remove(kHashLabel);
    metadata.insert(QStringLiteral("labels"), labels);
    podTemplate.insert(QStringLiteral("metadata"), metadata);
    return podTemplate;
}

Result<QString> RolloutSnapshot::labelSelector(const QByteArray &deploymentJson)
{
    const auto root = parseObject(deploymentJson, QStringLiteral("deployment"));
    if (!root)
        return root.error();
    const QJsonObject selector = member(member(root.value(), "spec"), "selector");
    const QJsonObject labels = member(selector, "matchLabels");
    if (labels.isEmpty())
        return Error{QStringLiteral("unsupported-selector"),
                     QStringLiteral("The deployment selects its pods without matchLabels; golive "
                                    "can only follow a deployment whose selector has them.")};
    QStringList parts;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value().toString();
    return parts.join(QLatin1Char(','));
}

Result<RolloutSnapshot> RolloutSnapshot::fromJson(const QByteArray &deploymentJson,
                                                  const QByteArray &replicaSetsJson,
                                                  const QByteArray &podsJson)
{
    const auto deployment = DeploymentReadback::fromJson(deploymentJson);
    if (!deployment)
        return deployment.error();
    const auto root = parseObject(deploymentJson, QStringLiteral("deployment"));
    const auto rsList = parseObject(replicaSetsJson, QStringLiteral("replicasets"));
    if (!rsList)
        return rsList.error();
    const auto podList = parseObject(podsJson, QStringLiteral("pods"));
    if (!podList)
        return podList.error();

    RolloutSnapshot s;
    s.deployment = deployment.value();
    const QJsonObject metadata = member(root.value(), "metadata");
    const QString uid = metadata.value(QLatin1String("uid")).toString();
    s.name = metadata.value(QLatin1String("name")).toString();
    s.namespaceName = metadata.value(QLatin1String("namespace")).toString();
    s.generation = metadata.value(QLatin1String("generation")).toInteger();
    s.observedGeneration =
        member(root.value(), "status").value(QLatin1String("observedGeneration")).toInteger();
    s.deploymentTemplate = member(member(root.value(), "spec"), "template");
    const QJsonObject wanted = withoutTemplateHash(s.deploymentTemplate);

    for (const QJsonValue &item : rsList.value().value(QLatin1String("items")).toArray()) {
        const QJsonObject rs = item.toObject();
        if (!ownedBy(rs, uid))
            continue;
        const QJsonObject rsMetadata = member(rs, "metadata");
        const QJsonObject annotations = member(rsMetadata, "annotations");
        ReplicaSetView view;
        view.name = rsMetadata.value(QLatin1String("name")).toString();
        view.revision = annotations.value(QLatin1String("deployment.kubernetes.io/revision"))
                            .toString()
                            .toInt();
        view.changeCause =
            annotations.value(QLatin1String("kubernetes.io/change-cause")).toString();
        view.templateHash = member(rsMetadata, "labels").value(kHashLabel).toString();
        view.created = QDateTime::fromString(
            rsMetadata.value(QLatin1String("creationTimestamp")).toString(), Qt::ISODate);
        view.podTemplate = member(member(rs, "spec"), "template");
        view.images = imagesOf(view.podTemplate);
        view.desired = member(rs, "spec").value(QLatin1String("replicas")).toInt(1);
        const QJsonObject status = member(rs, "status");
        view.ready = status.value(QLatin1String("readyReplicas")).toInt();
        view.available = status.value(QLatin1String("availableReplicas")).toInt();
        view.current = withoutTemplateHash(view.podTemplate) == wanted;
        s.replicaSets << view;
    }
    std::sort(
        s.replicaSets.begin(), s.replicaSets.end(),
        [](const ReplicaSetView &a, const ReplicaSetView &b) { return a.revision > b.revision; });

    for (const QJsonValue &item : podList.value().value(QLatin1String("items")).toArray()) {
        const QJsonObject pod = item.toObject();
        // Terminating pods no longer serve; counting them would report a canary that is gone.
        if (member(pod, "metadata").contains(QLatin1String("deletionTimestamp")))
            continue;
        const PodView view = podFrom(pod);
        for (ReplicaSetView &rs : s.replicaSets) {
            if (!rs.templateHash.isEmpty() && rs.templateHash == view.templateHash)
                rs.pods << view;
        }
    }
    return s;
}

const ReplicaSetView *RolloutSnapshot::newReplicaSet() const
{
    for (const ReplicaSetView &rs : replicaSets) {
        if (rs.current)
            return &rs;
    }
    return nullptr;
}

const ReplicaSetView *RolloutSnapshot::stableReplicaSet() const
{
    const ReplicaSetView *newest = nullptr;
    for (const ReplicaSetView &rs : replicaSets) {
        if (rs.current)
            continue;
        if (!rs.pods.isEmpty())
            return &rs;
        if (!newest)
            newest = &rs;
    }
    return newest;
}

const ReplicaSetView *RolloutSnapshot::byRevision(int revision) const
{
    for (const ReplicaSetView &rs : replicaSets) {
        if (rs.revision == revision)
            return &rs;
    }
    return nullptr;
}

const ReplicaSetView *RolloutSnapshot::byTemplateHash(const QString &hash) const
{
    for (const ReplicaSetView &rs : replicaSets) {
        if (!hash.isEmpty() && rs.templateHash == hash)
            return &rs;
    }
    return nullptr;
}

int RolloutSnapshot::podCount() const
{
    int n = 0;
    for (const ReplicaSetView &rs : replicaSets)
        n += int(rs.pods.size());
    return n;
}

RolloutSnapshot::CanaryState RolloutSnapshot::canaryState() const
{
    if (observedGeneration < generation)
        return CanaryState::NotSynced;
    const ReplicaSetView *fresh = newReplicaSet();
    if (!fresh)
        return CanaryState::NoNewReplicaSet;
    if (fresh->pods.isEmpty())
        return CanaryState::NoNewPods;
    return fresh->pods.size() < podCount() ? CanaryState::Canary : CanaryState::Complete;
}

QString RolloutSnapshot::podsByVersion() const
{
    QStringList parts;
    for (const ReplicaSetView &rs : replicaSets) {
        if (!rs.pods.isEmpty())
            parts
                << QStringLiteral("%1 on %2").arg(imageList(rs.images), pods(int(rs.pods.size())));
    }
    return parts.isEmpty() ? QStringLiteral("no pods") : parts.join(QStringLiteral(", "));
}

QString RolloutSnapshot::canarySummary() const
{
    const ReplicaSetView *fresh = newReplicaSet();
    const ReplicaSetView *stable = stableReplicaSet();
    const QString stableText = stable ? QStringLiteral("stable: %1 on revision %2, image %3")
                                            .arg(pods(int(stable->pods.size())))
                                            .arg(stable->revision)
                                            .arg(imageList(stable->images))
                                      : QStringLiteral("no stable ReplicaSet");
    switch (canaryState()) {
    case CanaryState::NotSynced:
        return QStringLiteral("the deployment controller has not acted on the change yet "
                              "(generation %1, observed %2); %3")
            .arg(generation)
            .arg(observedGeneration)
            .arg(podsByVersion());
    case CanaryState::NoNewReplicaSet:
        return QStringLiteral("no canary: no ReplicaSet runs the deployment's template (%1) yet; "
                              "%2")
            .arg(imageList(deployment.images), stableText);
    case CanaryState::NoNewPods:
        return QStringLiteral("no canary pod yet: ReplicaSet %1 (revision %2, image %3) has no "
                              "pod; %4")
            .arg(fresh->name)
            .arg(fresh->revision)
            .arg(imageList(fresh->images), stableText);
    case CanaryState::Canary:
        return QStringLiteral("canary: %1 of %2 on revision %3, image %4; %5")
            .arg(fresh->pods.size())
            .arg(pods(podCount()))
            .arg(fresh->revision)
            .arg(imageList(fresh->images), stableText);
    case CanaryState::Complete:
        return QStringLiteral("no canary: all %1 run revision %2, image %3")
            .arg(pods(podCount()))
            .arg(fresh->revision)
            .arg(imageList(fresh->images));
    }
    return {};
}

QString RolloutSnapshot::oneLine() const
{
    return QStringLiteral("read back: %1; %2").arg(deployment.summary(), canarySummary());
}

QString toString(RolloutSnapshot::CanaryState state)
{
    switch (state) {
    case RolloutSnapshot::CanaryState::NotSynced:
        return QStringLiteral("not-synced");
    case RolloutSnapshot::CanaryState::NoNewReplicaSet:
        return QStringLiteral("no-new-replicaset");
    case RolloutSnapshot::CanaryState::NoNewPods:
        return QStringLiteral("no-new-pods");
    case RolloutSnapshot::CanaryState::Canary:
        return QStringLiteral("canary");
    case RolloutSnapshot::CanaryState::Complete:
        return QStringLiteral("complete");
    }
    return {};
}

} // namespace golive
