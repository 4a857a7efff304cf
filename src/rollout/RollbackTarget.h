#pragma once

#include "src/common/Error.h"
#include "src/rollout/RolloutSnapshot.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace golive {

// The version a rollback returns to: a ReplicaSet that exists now, pinned by its pod-template
// hash (revision numbers are renumbered by every rollback; the template is what comes back).
struct RollbackTarget {
    int revision = 0;
    QString replicaSet;
    QString templateHash;
    QStringList images;
    QDateTime created;
    QString changeCause;
    int pods = 0;            // how many pods it will run: the deployment's replica count
    QJsonObject podTemplate; // without pod-template-hash, as it goes back into the deployment
    bool operator==(const RollbackTarget &) const = default;

    // A person asked for `revision` (0: the default, the version that served before the current
    // rollout), or confirmed `pinnedHash` earlier (empty: none). Errors name what exists instead.
    static Result<RollbackTarget> choose(const RolloutSnapshot &snapshot, int revision,
                                         const QString &pinnedHash = {});

    // The JSON patch that puts this template back, applied only while the deployment is paused
    // (its first operation tests that), so the controller never rolls anything out half-way.
    QByteArray restorePatch(bool deploymentHasAnnotations) const;

    // For the confirmation: revision, images, age, change-cause, pods.
    QString describe(const QDateTime &now) const;
};

} // namespace golive
