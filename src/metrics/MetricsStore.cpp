#include "src/metrics/MetricsStore.h"

#include <cmath>

namespace golive {

MetricsStore::MetricsStore(qsizetype capacityPerSeries, QObject *parent)
    : QObject(parent), m_capacity(capacityPerSeries)
{
}

Status MetricsStore::record(const QString &probeName, const Sample &sample)
{
    if (probeName.trimmed().isEmpty())
        return Error{QStringLiteral("bad-sample"), QStringLiteral("A sample needs a probe name.")};
    if (!std::isfinite(sample.latencyMs) || sample.latencyMs < 0)
        return Error{QStringLiteral("bad-sample"),
                     QStringLiteral("Sample of %1 has an impossible latency (%2 ms).")
                         .arg(probeName)
                         .arg(sample.latencyMs)};
    auto it = m_series.find(probeName);
    if (it == m_series.end())
        it = m_series.emplace(probeName, SampleSeries(m_capacity)).first;
    it->second.append(sample);
    Q_EMIT sampleRecorded(probeName, it->second.last().value_or(sample));
    return std::nullopt;
}

const SampleSeries *MetricsStore::series(const QString &probeName) const
{
    const auto it = m_series.find(probeName);
    return it == m_series.end() ? nullptr : &it->second;
}

QStringList MetricsStore::probeNames() const
{
    QStringList names;
    for (const auto &[name, series] : m_series)
        names.append(name);
    return names;
}

} // namespace golive
