#include "src/rollout/PodHealthSample.h"

#include "src/config/ProfileValidation.h"
#include "src/probes/ProbeBodyParser.h"
#include "src/secrets/Redactor.h"

#include <QRegularExpression>

namespace golive {

namespace {

// kubectl prints a non-2xx answer of the API server as "Error from server (Reason): message";
// the reason is the Kubernetes Status reason, which names the HTTP status it came with.
std::optional<int> httpStatusOfReason(const QString &reason)
{
    static const QList<std::pair<QString, int>> table = {
        {QStringLiteral("BadRequest"), 400},     {QStringLiteral("Unauthorized"), 401},
        {QStringLiteral("Forbidden"), 403},      {QStringLiteral("NotFound"), 404},
        {QStringLiteral("MethodNotAllowed"), 405}, {QStringLiteral("Conflict"), 409},
        {QStringLiteral("TooManyRequests"), 429}, {QStringLiteral("InternalError"), 500},
        {QStringLiteral("BadGateway"), 502},     {QStringLiteral("ServiceUnavailable"), 503},
        {QStringLiteral("Timeout"), 504},        {QStringLiteral("GatewayTimeout"), 504},
    };
    for (const auto &[name, code] : table) {
        if (name == reason)
            return code;
    }
    return std::nullopt;
}

struct ServerError {
    QString reason;
    QString line;
};

std::optional<ServerError> serverErrorIn(const QString &stderrText)
{
    static const QRegularExpression pattern(QStringLiteral(R"(Error from server \((\w+)\)[^\n]*)"));
    const QRegularExpressionMatch match = pattern.match(stderrText);
    if (!match.hasMatch())
        return std::nullopt;
    return ServerError{match.captured(1), match.captured(0).trimmed()};
}

QString shortened(const QString &text)
{
    const QString simple = text.simplified();
    return simple.size() > 200 ? simple.left(200) + QStringLiteral("…") : simple;
}

PodHealthSample::Status statusOf(FailureKind failure)
{
    switch (outcomeOf(failure)) {
    case Outcome::Healthy:
        return PodHealthSample::Status::Healthy;
    case Outcome::Degraded:
        return PodHealthSample::Status::Degraded;
    case Outcome::Down:
        break;
    }
    return PodHealthSample::Status::Down;
}

FailureKind reportedFailure(ProbeStatus cohere)
{
    switch (cohere) {
    case ProbeStatus::Healthy:
        return FailureKind::Ok;
    case ProbeStatus::Degraded:
        return FailureKind::ReportedDegraded;
    default:
        return FailureKind::ReportedDown;
    }
}

} // namespace

QString toString(PodVersion version)
{
    return version == PodVersion::Canary ? QStringLiteral("canary") : QStringLiteral("stable");
}

Result<QString> PodHealthSample::proxyPath(const QString &namespaceName, const QString &pod,
                                           const PodHealthEndpoint &endpoint)
{
    if (const auto wrong = validation::kubernetesName(namespaceName))
        return Error{QStringLiteral("bad-name"), QStringLiteral("namespace: %1").arg(*wrong)};
    if (const auto wrong = validation::podName(pod))
        return Error{QStringLiteral("bad-name"), QStringLiteral("pod: %1").arg(*wrong)};
    if (!endpoint.configured() || endpoint.port > 65'535)
        return Error{QStringLiteral("bad-endpoint"),
                     QStringLiteral("canary.pod_health.port must be 1..65535")};
    if (const auto wrong = validation::podProxyPath(endpoint.path))
        return Error{QStringLiteral("bad-endpoint"),
                     QStringLiteral("canary.pod_health.path: %1").arg(*wrong)};
    return QStringLiteral("/api/v1/namespaces/%1/pods/%2:%3/proxy%4")
        .arg(namespaceName, pod)
        .arg(endpoint.port)
        .arg(endpoint.path);
}

PodHealthSample PodHealthSample::fromRun(const KubectlRun &run, const QString &pod,
                                         PodVersion version, const QString &namespaceName,
                                         qint64 atMs)
{
    PodHealthSample sample;
    sample.pod = pod;
    sample.version = version;
    sample.atMs = atMs;
    if (run.startedAtMs >= 0)
        sample.latencyMs = run.durationMs;

    if (run.ok()) {
        sample.httpStatus = 200;
        const auto report = ProbeBodyParser::teamHealth(run.stdoutText.toUtf8());
        if (!report.ok()) {
            sample.failure = FailureKind::BadBody;
            sample.status = Status::Down;
            sample.error = report.error().message;
            return sample;
        }
        sample.failure = reportedFailure(report.value().cohereStatus);
        sample.status = statusOf(sample.failure);
        if (sample.status != Status::Healthy)
            sample.error = QStringLiteral("the pod reports status %1, Cohere %2")
                               .arg(report.value().status,
                                    probeStatusName(report.value().cohereStatus));
        return sample;
    }

    // The API server's own answer comes first: a crash-looping pod's "connection refused" is a
    // 503 from the proxy, not an unreachable cluster.
    if (const auto server = serverErrorIn(run.stderrText)) {
        const QString line = Redactor::redact(shortened(server->line));
        sample.httpStatus = httpStatusOfReason(server->reason);
        if (server->reason == QLatin1String("Forbidden")) {
            sample.status = Status::Forbidden;
            sample.failure = FailureKind::Auth;
            sample.error = QStringLiteral("the profile's user may not get pods/proxy in namespace "
                                          "%1 (RBAC: grant get on pods/proxy): %2")
                               .arg(namespaceName, line);
            return sample;
        }
        if (server->reason == QLatin1String("NotFound") &&
            server->line.contains(QStringLiteral("pods \"%1\" not found").arg(pod))) {
            sample.status = Status::Gone;
            sample.failure = FailureKind::ClientError;
            sample.error = QStringLiteral("pod %1 is gone: deleted between the list and the probe; "
                                          "not counted")
                               .arg(pod);
            return sample;
        }
        sample.failure =
            sample.httpStatus ? failureForHttpStatus(*sample.httpStatus) : FailureKind::BadBody;
        sample.status = statusOf(sample.failure);
        sample.error = sample.httpStatus ? QStringLiteral("HTTP %1 through the pod proxy: %2")
                                               .arg(*sample.httpStatus)
                                               .arg(line)
                                         : line;
        return sample;
    }

    // kubectl could not ask: nothing is known about the pod.
    sample.status = Status::Error;
    sample.failure =
        run.outcome == KubectlOutcome::TimedOut ? FailureKind::Timeout : FailureKind::Network;
    sample.error = Redactor::redact(shortened(run.message.isEmpty() ? toString(run.outcome)
                                                                    : run.message));
    return sample;
}

QString toString(PodHealthSample::Status status)
{
    switch (status) {
    case PodHealthSample::Status::Healthy:
        return QStringLiteral("healthy");
    case PodHealthSample::Status::Degraded:
        return QStringLiteral("degraded");
    case PodHealthSample::Status::Down:
        return QStringLiteral("down");
    case PodHealthSample::Status::Gone:
        return QStringLiteral("gone");
    case PodHealthSample::Status::Forbidden:
        return QStringLiteral("forbidden");
    case PodHealthSample::Status::Error:
        break;
    }
    return QStringLiteral("error");
}

} // namespace golive
