#include "src/metrics/MetricsStore.h"

#include <cmath>
#include <limits>

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

qsizetype MetricsStore::prependHistory(const QString &probeName, const std::vector<Sample> &older)
{
    if (probeName.trimmed().isEmpty())
        return 0;
    const auto existing = m_series.find(probeName);
    const bool hasLive = existing != m_series.end() && !existing->second.isEmpty();
    const qint64 before = hasLive ? existing->second.at(0).atMs
                                  : std::numeric_limits<qint64>::max();
    SampleSeries merged(m_capacity);
    qsizetype taken = 0;
    for (const Sample &sample : older) {
        if (sample.atMs >= before || !std::isfinite(sample.latencyMs) || sample.latencyMs < 0)
            continue;
        merged.append(sample);
        ++taken;
    }
    if (taken == 0)
        return 0;
    if (hasLive) {
        for (qsizetype i = 0; i < existing->second.size(); ++i)
            merged.append(existing->second.at(i));
        existing->second = std::move(merged);
    } else {
        m_series.insert_or_assign(probeName, std::move(merged));
    }
    Q_EMIT historyLoaded(probeName);
    return taken;
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
