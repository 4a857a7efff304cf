#include "src/release/RecordDigest.h"

#include "src/common/StepRole.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace golive {

double RecordDigest::percentile(QList<double> values, double q)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(q * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

RecordDigest RecordDigest::fromEvents(const QList<RecordEvent> &events)
{
    RecordDigest digest;
    QMap<QString, ProbeDigest> probes;
    for (const RecordEvent &event : events) {
        if (!digest.firstUtc.isValid())
            digest.firstUtc = event.atUtc;
        digest.lastUtc = event.atUtc;
        if (event.kind == QLatin1String(recordkind::probeSample)) {
            // A pod that was gone, a forbidden pod proxy or a kubectl that could not ask said
            // nothing about the version: no latency point, no failure.
            const QString outcome = event.data.value(QStringLiteral("outcome")).toString();
            if (event.data.contains(QStringLiteral("pod")) &&
                (outcome == QLatin1String("gone") || outcome == QLatin1String("forbidden") ||
                 outcome == QLatin1String("error")))
                continue;
            const QString name = event.data.value(QStringLiteral("name")).toString();
            ProbeDigest &probe = probes[name];
            probe.name = name;
            const bool failed =
                event.data.value(QStringLiteral("outcome")).toString() != QLatin1String("healthy");
            probe.points.append(
                {event.atUtc, event.data.value(QStringLiteral("latency_ms")).toDouble(), failed});
            probe.failures += failed ? 1 : 0;
        } else if (event.kind == QLatin1String(recordkind::step)) {
            digest.steps.append(event);
            // The step's role says what it did; records from before roles name the bundled ids.
            QString role = event.data.value(QStringLiteral("role")).toString();
            if (role.isEmpty())
                role = event.data.value(QStringLiteral("id")).toString();
            const QString outcome = event.data.value(QStringLiteral("outcome")).toString();
            const bool ok = outcome == QLatin1String("ok");
            if (ok && (role == steprole::promote || role == steprole::rollback)) {
                digest.outcome = role == steprole::promote ? QStringLiteral("promoted")
                                                           : QStringLiteral("rolled back");
                digest.outcomeAtUtc = event.atUtc;
            } else if (role == steprole::rollback && outcome == QLatin1String("unhealthy")) {
                digest.outcome = QStringLiteral("rolled back, production still unhealthy");
                digest.outcomeAtUtc = event.atUtc;
            }
        } else if (event.kind == QLatin1String(recordkind::alertFired) ||
                   event.kind == QLatin1String(recordkind::alertResolved)) {
            digest.alerts.append(event);
        } else if (event.kind == QLatin1String(recordkind::gateOverride)) {
            digest.overrides.append(event);
        }
    }
    for (ProbeDigest &probe : probes) {
        QList<double> latencies;
        latencies.reserve(probe.points.size());
        for (const LatencyPoint &point : probe.points)
            latencies.append(point.latencyMs);
        probe.p50Ms = percentile(latencies, 0.50);
        probe.p95Ms = percentile(latencies, 0.95);
        digest.probes.append(probe);
    }
    return digest;
}

} // namespace golive
