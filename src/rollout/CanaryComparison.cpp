#include "src/rollout/CanaryComparison.h"

#include <QSet>

#include <algorithm>

namespace golive {

namespace {

using Mark = CanaryReason::Mark;

QString duration(qint64 seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 h").arg(seconds / 3600);
}

QString restarts(int n)
{
    return n == 1 ? QStringLiteral("1 restart") : QStringLiteral("%1 restarts").arg(n);
}

QString percent(qsizetype part, qsizetype whole)
{
    return whole == 0 ? QStringLiteral("–")
                      : QString::number(100.0 * double(part) / double(whole), 'f', 1) +
                            QStringLiteral(" %");
}

QString names(const QStringList &pods)
{
    return pods.isEmpty() ? QStringLiteral("none") : pods.join(QStringLiteral(", "));
}

struct Side {
    qsizetype answers = 0;
    qsizetype failures = 0;
    QStringList pods;         // pods that answered
    QStringList failingPods;  // "app-x (6 of 20)"
    QList<qint64> latencies;  // of healthy answers
};

Side sideOf(const QList<PodHealthSample> &samples, PodVersion version)
{
    Side side;
    QMap<QString, std::pair<int, int>> perPod; // pod -> failures, answers
    for (const PodHealthSample &s : samples) {
        if (s.version != version || !s.isAnswer())
            continue;
        ++side.answers;
        auto &[failures, answers] = perPod[s.pod];
        ++answers;
        if (s.isFailure()) {
            ++side.failures;
            ++failures;
        } else if (s.latencyMs) {
            side.latencies << *s.latencyMs;
        }
    }
    for (auto it = perPod.constBegin(); it != perPod.constEnd(); ++it) {
        side.pods << it.key();
        if (it->first > 0)
            side.failingPods << QStringLiteral("%1 (%2 of %3)").arg(it.key()).arg(it->first).arg(
                                    it->second);
    }
    return side;
}

std::optional<qint64> median(QList<qint64> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

CanaryReason podsReason(const ReplicaSetView &canary, const QDateTime &now)
{
    QStringList crashing;
    int totalRestarts = 0;
    for (const PodView &pod : canary.pods) {
        totalRestarts += pod.restarts;
        if (!CanaryComparison::isCrashReason(pod.reason))
            continue;
        QString line = QStringLiteral("canary pod %1 %2, %3").arg(pod.name, pod.reason,
                                                                  restarts(pod.restarts));
        if (pod.created.isValid())
            line += QStringLiteral(" in %1").arg(duration(std::max<qint64>(
                        0, pod.created.secsTo(now))));
        crashing << line;
    }
    if (!crashing.isEmpty())
        return {QStringLiteral("canary-pods"), Mark::Fail, crashing.join(QStringLiteral("; "))};
    return {QStringLiteral("canary-pods"), Mark::Pass,
            QStringLiteral("canary pods: %1 of %2 without a crash reason, %3 (%4)")
                .arg(canary.pods.size())
                .arg(canary.pods.size())
                .arg(restarts(totalRestarts))
                .arg(names([&] {
                    QStringList n;
                    for (const PodView &p : canary.pods)
                        n << p.name;
                    return n;
                }()))};
}

CanaryReason readyReason(const ReplicaSetView &canary, int graceSeconds, const QDateTime &now)
{
    QStringList late;
    QStringList waiting;
    int ready = 0;
    for (const PodView &pod : canary.pods) {
        if (pod.ready) {
            ++ready;
            continue;
        }
        const QDateTime since = pod.readinessSince();
        const qint64 seconds = since.isValid() ? std::max<qint64>(0, since.secsTo(now)) : 0;
        const QString line = QStringLiteral("canary pod %1 not Ready for %2").arg(
            pod.name, duration(seconds));
        if (!since.isValid() || seconds > graceSeconds)
            late << line + (since.isValid() ? QString() : QStringLiteral(" (since unknown)"));
        else
            waiting << line;
    }
    const QString grace = QStringLiteral("grace %1 s").arg(graceSeconds);
    if (!late.isEmpty())
        return {QStringLiteral("canary-ready"), Mark::Fail,
                QStringLiteral("%1 (%2)").arg(late.join(QStringLiteral("; ")), grace)};
    if (!waiting.isEmpty())
        return {QStringLiteral("canary-ready"), Mark::NoData,
                QStringLiteral("%1, within the %2").arg(waiting.join(QStringLiteral("; ")), grace)};
    return {QStringLiteral("canary-ready"), Mark::Pass,
            QStringLiteral("canary pods Ready: %1 of %2 (%3)")
                .arg(ready)
                .arg(canary.pods.size())
                .arg(grace)};
}

} // namespace

bool CanaryComparison::isCrashReason(const QString &reason)
{
    static const QSet<QString> crash = {
        QStringLiteral("CrashLoopBackOff"),       QStringLiteral("ImagePullBackOff"),
        QStringLiteral("ErrImagePull"),           QStringLiteral("InvalidImageName"),
        QStringLiteral("OOMKilled"),              QStringLiteral("Error"),
        QStringLiteral("CreateContainerError"),   QStringLiteral("CreateContainerConfigError"),
        QStringLiteral("RunContainerError"),      QStringLiteral("ContainerCannotRun"),
        QStringLiteral("StartError"),             QStringLiteral("DeadlineExceeded"),
    };
    return crash.contains(reason);
}

bool CanaryComparison::rolloutInProgress(const RolloutSnapshot &snapshot)
{
    // Paused before the controller made the new ReplicaSet is a rollout in progress too: its
    // stable side serves, its canary side does not exist yet.
    return snapshot.canaryState() != RolloutSnapshot::CanaryState::Complete;
}

CanaryComparison::Recommendation CanaryComparison::recommendation() const
{
    switch (overall) {
    case Overall::Healthy:
        return Recommendation::Promote;
    case Overall::Unhealthy:
        return Recommendation::RollBack;
    case Overall::InsufficientData:
    case Overall::NoCanary:
        break;
    }
    return Recommendation::Wait;
}

CanaryComparison CanaryComparison::evaluate(const RolloutSnapshot &snapshot,
                                            const QList<PodHealthSample> &samples,
                                            const CanarySettings &settings, const QDateTime &now,
                                            bool healthRequired)
{
    CanaryComparison result;
    const ReplicaSetView *canary = snapshot.newReplicaSet();
    if (snapshot.canaryState() != RolloutSnapshot::CanaryState::Canary || !canary) {
        result.overall = Overall::NoCanary;
        result.reasons << CanaryReason{QStringLiteral("no-canary"), Mark::NoData,
                                       snapshot.canarySummary()};
        return result;
    }

    result.reasons << podsReason(*canary, now) << readyReason(*canary, settings.graceSeconds, now);

    if (!settings.podHealth.configured()) {
        if (healthRequired)
            result.reasons << CanaryReason{
                QStringLiteral("pod-health"), Mark::NoData,
                QStringLiteral("pod health not probed: the profile has no canary.pod_health "
                               "(port and path of the app's health endpoint)")};
    } else {
        QStringList forbidden;
        QStringList gone;
        for (const PodHealthSample &s : samples) {
            if (s.status == PodHealthSample::Status::Forbidden && !forbidden.contains(s.pod))
                forbidden << s.pod;
            if (s.status == PodHealthSample::Status::Gone && !gone.contains(s.pod))
                gone << s.pod;
        }
        if (!forbidden.isEmpty())
            result.reasons << CanaryReason{
                QStringLiteral("pod-health"), Mark::NoData,
                QStringLiteral("pod health not readable for %1: 403 Forbidden, the profile's "
                               "user may not get pods/proxy in namespace %2 (grant get on "
                               "pods/proxy)")
                    .arg(names(forbidden), snapshot.namespaceName)};

        const Side c = sideOf(samples, PodVersion::Canary);
        const Side s = sideOf(samples, PodVersion::Stable);
        const QString notCounted =
            gone.isEmpty() ? QString()
                           : QStringLiteral("; not counted: %1 gone (deleted between the list "
                                            "and the probe)")
                                 .arg(names(gone));
        CanaryReason failures{QStringLiteral("canary-health-failures"), Mark::NoData, {}};
        const double tolerance = settings.healthFailureTolerancePercent;
        if (c.answers < settings.minSamples) {
            failures.text = QStringLiteral("canary health: %1 answer%2 from %3, at least %4 "
                                           "needed%5")
                                .arg(c.answers)
                                .arg(c.answers == 1 ? QString() : QStringLiteral("s"))
                                .arg(names(c.pods))
                                .arg(settings.minSamples)
                                .arg(notCounted);
        } else {
            const double canaryShare = 100.0 * double(c.failures) / double(c.answers);
            const double stableShare =
                s.answers ? 100.0 * double(s.failures) / double(s.answers) : 0.0;
            const bool pass = canaryShare <= stableShare + tolerance;
            failures.mark = pass ? Mark::Pass : Mark::Fail;
            failures.text =
                QStringLiteral("canary health failures %1/%2 (%3) vs stable %4/%5 (%6), "
                               "tolerance %7 percentage points%8; canary pods %9; stable pods "
                               "%10%11")
                    .arg(c.failures)
                    .arg(c.answers)
                    .arg(percent(c.failures, c.answers))
                    .arg(s.failures)
                    .arg(s.answers)
                    .arg(percent(s.failures, s.answers))
                    .arg(QString::number(tolerance, 'g', 4))
                    .arg(s.answers ? QString() : QStringLiteral(" (no stable answers: compared "
                                                                "with 0 %)"))
                    .arg(c.failingPods.isEmpty()
                             ? names(c.pods)
                             : QStringLiteral("%1, failing: %2")
                                   .arg(names(c.pods), c.failingPods.join(QStringLiteral(", "))))
                    .arg(names(s.pods))
                    .arg(notCounted);
        }
        result.reasons << failures;

        CanaryReason latency{QStringLiteral("canary-health-latency"), Mark::NoData, {}};
        const auto canaryMedian = median(c.latencies);
        const auto stableMedian = median(s.latencies);
        const double factor = settings.healthLatencyFactor;
        if (c.latencies.size() < settings.minSamples || !canaryMedian) {
            latency.text = QStringLiteral("canary health latency: %1 healthy answer%2, at least "
                                          "%3 needed")
                               .arg(c.latencies.size())
                               .arg(c.latencies.size() == 1 ? QString() : QStringLiteral("s"))
                               .arg(settings.minSamples);
        } else if (!stableMedian) {
            latency.text = QStringLiteral("canary health latency median %1 ms (%2 samples); no "
                                          "healthy stable answer to compare with")
                               .arg(*canaryMedian)
                               .arg(c.latencies.size());
        } else {
            const double limit = double(*stableMedian) * factor;
            const bool pass = double(*canaryMedian) <= limit;
            latency.mark = pass ? Mark::Pass : Mark::Fail;
            latency.text = QStringLiteral("canary health latency median %1 ms %2 stable %3 ms × "
                                          "%4 = %5 ms (%6 canary, %7 stable samples)")
                               .arg(*canaryMedian)
                               .arg(pass ? QStringLiteral("<=") : QStringLiteral(">"))
                               .arg(*stableMedian)
                               .arg(QString::number(factor, 'g', 4))
                               .arg(qRound64(limit))
                               .arg(c.latencies.size())
                               .arg(s.latencies.size());
        }
        result.reasons << latency;
    }

    result.judge();
    return result;
}

void CanaryComparison::judge()
{
    bool anyFail = false;
    bool anyNoData = false;
    for (const CanaryReason &reason : std::as_const(reasons)) {
        anyFail = anyFail || reason.mark == Mark::Fail;
        anyNoData = anyNoData || reason.mark == Mark::NoData;
    }
    for (const TrafficReason &reason : std::as_const(trafficReasons)) {
        anyFail = anyFail || reason.decidesFail();
        anyNoData = anyNoData || reason.lacksData();
    }
    overall = anyFail     ? Overall::Unhealthy
              : anyNoData ? Overall::InsufficientData
                          : Overall::Healthy;
}

QList<VersionSelector> CanaryComparison::trafficVersions(const RolloutSnapshot &snapshot)
{
    const ReplicaSetView *canary = snapshot.newReplicaSet();
    const ReplicaSetView *stable = snapshot.stableReplicaSet();
    if (!canary || !stable || snapshot.canaryState() != RolloutSnapshot::CanaryState::Canary)
        return {};
    const auto selector = [](const QString &name, const ReplicaSetView &rs) {
        VersionSelector version{name, {}, rs.templateHash};
        for (const PodView &pod : rs.pods)
            version.pods << pod.name;
        return version;
    };
    return {selector(QStringLiteral("canary"), *canary), selector(QStringLiteral("stable"), *stable)};
}

void CanaryComparison::addTraffic(const TrafficVerdict &verdict, const VersionTraffic &canary)
{
    if (overall == Overall::NoCanary)
        return;
    trafficReasons = TrafficReason::from(verdict, canary);
    judge();
}

QString toString(CanaryComparison::Overall overall)
{
    switch (overall) {
    case CanaryComparison::Overall::Healthy:
        return QStringLiteral("healthy");
    case CanaryComparison::Overall::Unhealthy:
        return QStringLiteral("unhealthy");
    case CanaryComparison::Overall::InsufficientData:
        return QStringLiteral("insufficient-data");
    case CanaryComparison::Overall::NoCanary:
        break;
    }
    return QStringLiteral("no-canary");
}

QString toString(CanaryComparison::Recommendation recommendation)
{
    switch (recommendation) {
    case CanaryComparison::Recommendation::Promote:
        return QStringLiteral("promote");
    case CanaryComparison::Recommendation::RollBack:
        return QStringLiteral("roll-back");
    case CanaryComparison::Recommendation::Wait:
        break;
    }
    return QStringLiteral("wait");
}

} // namespace golive
