#pragma once

#include "src/config/KubectlSettings.h"
#include "src/rollout/CanaryComparison.h"
#include "src/rollout/PodHealthSample.h"
#include "src/rollout/RolloutSnapshot.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace golive {

// What `golive canary` prints: the snapshot (canary and stable side by side, each pod with its
// latest health answer) and the comparative verdict. The JSON shape is a documented contract
// (README, "golive canary --json"); tests pin every key and type.
struct CanaryStatusReport {
    KubectlSettings kubectl;
    RolloutSnapshot snapshot;
    QList<PodHealthSample> samples; // every answer of this run, oldest first
    bool healthConfigured = false;
    CanaryComparison comparison;
    // Real traffic per version from Prometheus; absent = not configured or not read (`null`).
    std::optional<VersionTraffic> canaryTraffic;
    std::optional<VersionTraffic> stableTraffic;

    // The last sample of that pod, if it was probed.
    std::optional<PodHealthSample> latestFor(const QString &pod) const;

    QJsonObject toJsonObject() const;
    QByteArray toJson() const; // indented, one trailing newline
    QString toText() const;
};

} // namespace golive
