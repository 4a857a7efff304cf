#pragma once

#include "src/common/Error.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace golive {

// One version of the deployment as Prometheus should see it: its pods (the canary view knows
// them from the ReplicaSets) and its pod-template-hash. `name` is what people call it ("canary",
// "stable").
struct VersionSelector {
    QString name;
    QStringList pods;
    QString podTemplateHash;
    bool operator==(const VersionSelector &) const = default;
};

// The expansion of the profile's PromQL templates.
namespace traffictemplate {

// `prometheus.version_matcher` for one version: `${pods}` becomes a regex alternation of its pod
// names (`app-7c9d-x|app-7c9d-y`, dots escaped), `${pod_template_hash}` its hash. An Error when a
// placeholder has nothing to stand for (a version without pods: `pod=~""` would match every
// series without a pod label) or a name is not a Kubernetes name.
Result<QString> versionMatcher(const QString &matcherTemplate, const VersionSelector &version);

// A query template with `${version}` replaced by `matcher` and `${window}` by `window`. An empty
// matcher removes `${version}` together with its comma (`{${version}, code="429"}` becomes
// `{code="429"}`), which selects every series of the metric.
QString expand(const QString &queryTemplate, const QString &matcher, const QString &window);

} // namespace traffictemplate

} // namespace golive

Q_DECLARE_METATYPE(golive::VersionSelector)
