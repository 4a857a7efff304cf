#include "src/rollout/RollbackTarget.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace golive {

namespace {

QString revisionsIn(const RolloutSnapshot &snapshot)
{
    QStringList list;
    for (const ReplicaSetView &rs : snapshot.replicaSets)
        list << rs.label();
    return list.isEmpty() ? QStringLiteral("none") : list.join(QStringLiteral(", "));
}

QString age(const QDateTime &from, const QDateTime &now)
{
    if (!from.isValid())
        return QStringLiteral("unknown age");
    const qint64 s = std::max<qint64>(0, from.secsTo(now));
    if (s < 120)
        return QStringLiteral("%1 s old").arg(s);
    if (s < 2 * 3600)
        return QStringLiteral("%1 min old").arg(s / 60);
    if (s < 2 * 86400)
        return QStringLiteral("%1 h old").arg(s / 3600);
    return QStringLiteral("%1 days old").arg(s / 86400);
}

RollbackTarget from(const ReplicaSetView &rs, const RolloutSnapshot &snapshot)
{
    RollbackTarget t;
    t.revision = rs.revision;
    t.replicaSet = rs.name;
    t.templateHash = rs.templateHash;
    t.images = rs.images;
    t.created = rs.created;
    t.changeCause = rs.changeCause;
    t.pods = snapshot.deployment.replicas;
    t.podTemplate = RolloutSnapshot::withoutTemplateHash(rs.podTemplate);
    return t;
}

} // namespace

Result<RollbackTarget> RollbackTarget::choose(const RolloutSnapshot &snapshot, int revision,
                                              const QString &pinnedHash)
{
    const auto refuse = [&](const QString &why) {
        return Error{QStringLiteral("no-rollback-target"),
                     why + QStringLiteral(" The deployment's ReplicaSets: %1. Nothing was changed.")
                               .arg(revisionsIn(snapshot))};
    };
    if (!pinnedHash.isEmpty()) {
        const ReplicaSetView *rs = snapshot.byTemplateHash(pinnedHash);
        if (!rs)
            return refuse(QStringLiteral("The version confirmed for the rollback (pod template "
                                         "%1) no longer exists.")
                              .arg(pinnedHash));
        if (rs->current)
            return refuse(QStringLiteral("The deployment already runs %1.").arg(rs->label()));
        return from(*rs, snapshot);
    }
    if (revision > 0) {
        const ReplicaSetView *rs = snapshot.byRevision(revision);
        if (!rs)
            return refuse(QStringLiteral("Revision %1 does not exist (revisions are renumbered "
                                         "by every rollback).")
                              .arg(revision));
        if (rs->current)
            return refuse(
                QStringLiteral("Revision %1 is what the deployment runs now.").arg(revision));
        return from(*rs, snapshot);
    }
    // Not "the previous revision in history": after a pause that beat the controller the newest
    // ReplicaSet is the one serving, and the one before it is two versions back.
    for (const ReplicaSetView &rs : snapshot.replicaSets) {
        if (!rs.current)
            return from(rs, snapshot);
    }
    return refuse(QStringLiteral("There is no earlier version to roll back to."));
}

QByteArray RollbackTarget::restorePatch(bool deploymentHasAnnotations) const
{
    QJsonArray ops{
        QJsonObject{{QStringLiteral("op"), QStringLiteral("test")},
                    {QStringLiteral("path"), QStringLiteral("/spec/paused")},
                    {QStringLiteral("value"), true}},
        QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                    {QStringLiteral("path"), QStringLiteral("/spec/template")},
                    {QStringLiteral("value"), podTemplate}},
    };
    if (deploymentHasAnnotations)
        ops << QJsonObject{
            {QStringLiteral("op"), QStringLiteral("add")},
            {QStringLiteral("path"),
             QStringLiteral("/metadata/annotations/kubernetes.io~1change-cause")},
            {QStringLiteral("value"),
             QStringLiteral("golive rollback to %1").arg(images.join(QStringLiteral(", ")))}};
    return QJsonDocument(ops).toJson(QJsonDocument::Compact);
}

QString RollbackTarget::describe(const QDateTime &now) const
{
    QString text = QStringLiteral("revision %1: %2 (ReplicaSet %3, %4)")
                       .arg(revision)
                       .arg(images.join(QStringLiteral(", ")), replicaSet, age(created, now));
    if (!changeCause.isEmpty())
        text += QStringLiteral(", change-cause \"%1\"").arg(changeCause);
    text += QStringLiteral("; it will run %1 pod%2")
                .arg(pods)
                .arg(pods == 1 ? QString() : QStringLiteral("s"));
    return text;
}

} // namespace golive
