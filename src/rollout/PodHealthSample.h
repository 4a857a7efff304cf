#pragma once

#include "src/common/CallOutcome.h"
#include "src/common/Error.h"
#include "src/config/CanarySettings.h"
#include "src/rollout/KubectlRun.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace golive {

// Which side of the comparison a pod is on.
enum class PodVersion { Canary, Stable };
QString toString(PodVersion version); // "canary", "stable"

// One answer (or non-answer) of one pod's health endpoint, read through the API server's pod
// proxy with `kubectl get --raw`.
struct PodHealthSample {
    enum class Status {
        Healthy,   // 2xx and the seed's body says Cohere is healthy
        Degraded,  // the body says degraded (e.g. Cohere rate-limited), or HTTP 429
        Down,      // an error status, an unreadable body, or the body says down
        Gone,      // the pod was deleted between the list and the probe (404 NotFound on the pod)
        Forbidden, // RBAC: the profile's user may not get pods/proxy
        Error,     // kubectl could not ask at all (unreachable, timed out, missing, bad name)
    };

    QString pod;
    PodVersion version = PodVersion::Canary;
    qint64 atMs = 0; // UTC epoch ms when the answer came
    Status status = Status::Error;
    std::optional<int> httpStatus; // as far as kubectl's exit and message tell it
    std::optional<qint64> latencyMs; // the kubectl round trip (API server + proxy + pod)
    FailureKind failure = FailureKind::Network;
    QString error; // empty when healthy; one sentence otherwise

    // Healthy, degraded and down are answers about the pod; gone, forbidden and error are not,
    // and are left out of the failure share and the latency comparison.
    bool isAnswer() const
    {
        return status == Status::Healthy || status == Status::Degraded || status == Status::Down;
    }
    bool isFailure() const { return status == Status::Degraded || status == Status::Down; }
    bool operator==(const PodHealthSample &) const = default;

    // What a finished `kubectl get --raw .../pods/NAME:PORT/proxy/PATH` run says about the pod.
    static PodHealthSample fromRun(const KubectlRun &run, const QString &pod, PodVersion version,
                                   const QString &namespaceName, qint64 atMs);
    // "/api/v1/namespaces/NS/pods/NAME:PORT/proxy/PATH", or why the names cannot go into a path.
    static Result<QString> proxyPath(const QString &namespaceName, const QString &pod,
                                     const PodHealthEndpoint &endpoint);
};

QString toString(PodHealthSample::Status status); // "healthy", ..., "gone", "forbidden", "error"

} // namespace golive

Q_DECLARE_METATYPE(golive::PodHealthSample)
