#include "src/rollout/CanaryStatusReport.h"

#include "src/rollout/CanaryVerdict.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <tuple>

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

// "  traffic (prometheus, 5m): 10.00 requests/s, 5xx 30.0 %, ..."
QString trafficText(const VersionTraffic &traffic)
{
    QStringList parts;
    for (const TrafficSignal *signal : traffic.signalList())
        parts << QStringLiteral("%1 %2").arg(signal->key, signal->valueText());
    return QStringLiteral("  traffic (prometheus, %1): %2\n")
        .arg(traffic.window, parts.join(QStringLiteral(", ")));
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
    const auto side = [this](const ReplicaSetView *rs,
                             const std::optional<VersionTraffic> &traffic) -> QJsonValue {
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
            {QStringLiteral("traffic"),
             traffic ? QJsonValue(traffic->toJson()) : QJsonValue(QJsonValue::Null)},
        };
    };
    QJsonArray reasons;
    for (const CanaryReason &reason : comparison.reasons)
        reasons.append(QJsonObject{{QStringLiteral("id"), reason.id},
                                   {QStringLiteral("mark"), toString(reason.mark)},
                                   {QStringLiteral("text"), reason.text}});
    // Traffic lines add the numbers behind them: value, threshold, window and the PromQL.
    for (const TrafficReason &reason : comparison.trafficReasons) {
        QJsonObject line = reason.line.toJson();
        line.insert(QStringLiteral("mark"), reason.markText());
        reasons.append(line);
    }
    return QJsonObject{
        {QStringLiteral("deployment"), kubectl.deployment},
        {QStringLiteral("context"), kubectl.context},
        {QStringLiteral("namespace"), kubectl.namespaceName},
        {QStringLiteral("paused"), snapshot.deployment.paused},
        {QStringLiteral("canary"), side(snapshot.newReplicaSet(), canaryTraffic)},
        {QStringLiteral("stable"), side(snapshot.stableReplicaSet(), stableTraffic)},
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
        for (const auto &[label, rs, traffic] :
             {std::tuple{QStringLiteral("canary"), snapshot.newReplicaSet(), &canaryTraffic},
              std::tuple{QStringLiteral("stable"), snapshot.stableReplicaSet(),
                         &stableTraffic}}) {
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
            if (*traffic)
                text += trafficText(**traffic);
        }
    }
    text += QStringLiteral("verdict: %1, recommendation: %2\n")
                .arg(toString(comparison.overall), toString(comparison.recommendation()));
    for (const CanaryReason &reason : comparison.reasons)
        text += QStringLiteral("  [%1] %2\n").arg(toString(reason.mark), reason.text);
    for (const TrafficReason &reason : comparison.trafficReasons)
        text += QStringLiteral("  [%1] %2: %3\n      query: %4\n")
                    .arg(reason.markText(), reason.line.id, reason.line.text,
                         reason.line.promql.isEmpty() ? QStringLiteral("(none)")
                                                      : reason.line.promql);
    return text;
}

} // namespace golive
