#include "src/rollout/CanaryStatusReport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace golive {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

template <typename T>
QJsonValue orNull(const std::optional<T> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

int restartsOf(const ReplicaSetView &rs)
{
    int n = 0;
    for (const PodView &pod : rs.pods)
        n += pod.restarts;
    return n;
}

QString markText(CanaryReason::Mark mark)
{
    switch (mark) {
    case CanaryReason::Mark::Pass:
        return QStringLiteral("pass");
    case CanaryReason::Mark::Fail:
        return QStringLiteral("fail");
    case CanaryReason::Mark::NoData:
        break;
    }
    return QStringLiteral("no-data");
}

QString healthText(const std::optional<PodHealthSample> &sample, bool configured)
{
    if (!configured)
        return QStringLiteral("health not probed");
    if (!sample)
        return QStringLiteral("health: no answer yet");
    QString text = QStringLiteral("health %1").arg(toString(sample->status));
    QStringList details;
    if (sample->httpStatus)
        details << QStringLiteral("HTTP %1").arg(*sample->httpStatus);
    if (sample->latencyMs)
        details << QStringLiteral("%1 ms").arg(*sample->latencyMs);
    if (!details.isEmpty())
        text += QStringLiteral(" (%1)").arg(details.join(QStringLiteral(", ")));
    if (!sample->error.isEmpty())
        text += QStringLiteral(": ") + sample->error;
    return text;
}

} // namespace

std::optional<PodHealthSample> CanaryStatusReport::latestFor(const QString &pod) const
{
    for (auto it = samples.crbegin(); it != samples.crend(); ++it) {
        if (it->pod == pod)
            return *it;
    }
    return std::nullopt;
}

QJsonObject CanaryStatusReport::toJsonObject() const
{
    const auto side = [this](const ReplicaSetView *rs) -> QJsonValue {
        if (!rs || !CanaryComparison::rolloutInProgress(snapshot))
            return QJsonValue(QJsonValue::Null);
        QJsonArray pods;
        for (const PodView &pod : rs->pods) {
            QJsonValue health(QJsonValue::Null);
            if (healthConfigured) {
                if (const auto sample = latestFor(pod.name)) {
                    health = QJsonObject{
                        {QStringLiteral("status"), toString(sample->status)},
                        {QStringLiteral("http_status"), orNull(sample->httpStatus)},
                        {QStringLiteral("latency_ms"), orNull(sample->latencyMs)},
                        {QStringLiteral("error"), orNull(sample->error)},
                    };
                }
            }
            pods.append(QJsonObject{
                {QStringLiteral("name"), pod.name},
                {QStringLiteral("ready"), pod.ready},
                {QStringLiteral("restarts"), pod.restarts},
                {QStringLiteral("reason"), orNull(pod.reason)},
                {QStringLiteral("health"), health},
            });
        }
        return QJsonObject{
            {QStringLiteral("revision"), rs->revision},
            {QStringLiteral("image"), rs->images.join(QStringLiteral(", "))},
            {QStringLiteral("pod_template_hash"), rs->templateHash},
            {QStringLiteral("desired"), rs->desired},
            {QStringLiteral("ready"), rs->ready},
            {QStringLiteral("restarts"), restartsOf(*rs)},
            {QStringLiteral("pods"), pods},
        };
    };
    QJsonArray reasons;
    for (const CanaryReason &reason : comparison.reasons)
        reasons.append(QJsonObject{{QStringLiteral("id"), reason.id},
                                   {QStringLiteral("mark"), markText(reason.mark)},
                                   {QStringLiteral("text"), reason.text}});
    return QJsonObject{
        {QStringLiteral("deployment"), kubectl.deployment},
        {QStringLiteral("context"), kubectl.context},
        {QStringLiteral("namespace"), kubectl.namespaceName},
        {QStringLiteral("paused"), snapshot.deployment.paused},
        {QStringLiteral("canary"), side(snapshot.newReplicaSet())},
        {QStringLiteral("stable"), side(snapshot.stableReplicaSet())},
        {QStringLiteral("verdict"),
         QJsonObject{{QStringLiteral("overall"), toString(comparison.overall)},
                     {QStringLiteral("recommendation"), toString(comparison.recommendation())},
                     {QStringLiteral("reasons"), reasons}}},
    };
}

QByteArray CanaryStatusReport::toJson() const
{
    return QJsonDocument(toJsonObject()).toJson(QJsonDocument::Indented);
}

QString CanaryStatusReport::toText() const
{
    QString text = QStringLiteral("deployment/%1 (context %2, namespace %3)%4\n")
                       .arg(kubectl.deployment, kubectl.context, kubectl.namespaceName,
                            snapshot.deployment.paused ? QStringLiteral(", paused") : QString());
    text += snapshot.canarySummary() + QLatin1Char('\n');
    if (CanaryComparison::rolloutInProgress(snapshot)) {
        for (const auto &[label, rs] : {std::pair{QStringLiteral("canary"), snapshot.newReplicaSet()},
                                        std::pair{QStringLiteral("stable"),
                                                  snapshot.stableReplicaSet()}}) {
            if (!rs) {
                text += QStringLiteral("%1: none\n").arg(label);
                continue;
            }
            text += QStringLiteral("%1: %2, hash %3, %4 desired, %5 ready, %6 restarts\n")
                        .arg(label, rs->label(), rs->templateHash)
                        .arg(rs->desired)
                        .arg(rs->ready)
                        .arg(restartsOf(*rs));
            for (const PodView &pod : rs->pods)
                text += QStringLiteral("  %1  %2, %3 restarts%4; %5\n")
                            .arg(pod.name, pod.ready ? QStringLiteral("ready")
                                                     : QStringLiteral("not ready"))
                            .arg(pod.restarts)
                            .arg(pod.reason.isEmpty() ? QString() : QStringLiteral(", ") + pod.reason)
                            .arg(healthText(latestFor(pod.name), healthConfigured));
        }
    }
    text += QStringLiteral("verdict: %1, recommendation: %2\n")
                .arg(toString(comparison.overall), toString(comparison.recommendation()));
    for (const CanaryReason &reason : comparison.reasons)
        text += QStringLiteral("  [%1] %2\n").arg(markText(reason.mark), reason.text);
    return text;
}

} // namespace golive
