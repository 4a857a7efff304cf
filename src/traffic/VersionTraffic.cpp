#include "src/traffic/VersionTraffic.h"

#include <QJsonValue>

#include <cmath>

namespace golive {

namespace {

QJsonValue valueOrNull(const std::optional<double> &value)
{
    if (!value || !std::isfinite(*value))
        return QJsonValue::Null;
    return *value;
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QString TrafficSignal::valueText() const
{
    if (failed())
        return QStringLiteral("error");
    if (!value)
        return QStringLiteral("no data");
    if (std::isinf(*value))
        return *value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (unit == QLatin1String("share"))
        return QStringLiteral("%1 %").arg(*value * 100.0, 0, 'f', 1);
    if (unit == QLatin1String("ms"))
        return QStringLiteral("%1 ms").arg(std::llround(*value));
    return QStringLiteral("%1%2").arg(*value, 0, 'f', 2).arg(unit);
}

QList<const TrafficSignal *> VersionTraffic::signalList() const
{
    return {&requestsPerS, &error5xxShare, &rateLimitedPerMin, &authFailuresPerMin,
            &chatP95Ms,    &embedP95Ms,    &rerankP95Ms};
}

TrafficSignal *VersionTraffic::signalByKey(const QString &key)
{
    for (const TrafficSignal *signal : signalList()) {
        if (signal->key == key)
            return const_cast<TrafficSignal *>(signal);
    }
    return nullptr;
}

QJsonObject VersionTraffic::toJson() const
{
    QJsonObject json{{QStringLiteral("source"), QStringLiteral("prometheus")},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("window"), window},
                     {QStringLiteral("matcher"), matcher}};
    QJsonObject queries;
    for (const TrafficSignal *signal : signalList()) {
        json.insert(signal->key, valueOrNull(signal->value));
        queries.insert(signal->key,
                       QJsonObject{{QStringLiteral("promql"), signal->promql},
                                   {QStringLiteral("value"), valueOrNull(signal->value)},
                                   {QStringLiteral("unit"), signal->unit},
                                   {QStringLiteral("note"), textOrNull(signal->note)},
                                   {QStringLiteral("error"), textOrNull(signal->error)}});
    }
    json.insert(QStringLiteral("queries"), queries);
    return json;
}

} // namespace golive
