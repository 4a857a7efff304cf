#include "src/rollout/CanaryVerdict.h"

#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"

#include <utility>

namespace golive {

namespace {

// The probes whose answers the canary's traffic shapes: Cohere calls and the team's production
// health endpoint. Staging and the status page say nothing about the canary.
QStringList trafficProbes()
{
    return {QString::fromLatin1(probename::cohereChat), QString::fromLatin1(probename::cohereEmbed),
            QString::fromLatin1(probename::cohereRerank),
            QString::fromLatin1(probename::healthProduction)};
}

// What these samples are: golive's own calls, not the canary's traffic.
const QString kTrafficLabel =
    QStringLiteral("Cohere from this machine and /api/health through the load balancer: ");

struct Counts {
    qsizetype total = 0;
    qsizetype server5xx = 0;
    qsizetype rateLimited = 0;
};

Counts countTraffic(const MetricsStore &store, qint64 fromMs, qint64 toMs)
{
    Counts counts;
    for (const QString &probe : trafficProbes()) {
        const SampleSeries *series = store.series(probe);
        if (!series)
            continue;
        counts.total += series->count(fromMs, toMs);
        counts.server5xx += series->countFailures(FailureKind::Server5xx, fromMs, toMs);
        // Samples (not responses), so the share stays a share of calls; a quota 429 is a 429.
        counts.rateLimited += series->countFailures(FailureKind::RateLimited, fromMs, toMs) +
                              series->countFailures(FailureKind::QuotaExhausted, fromMs, toMs);
    }
    return counts;
}

double minutes(qint64 fromMs, qint64 toMs)
{
    return std::max<double>(double(toMs - fromMs), 1.0) / 60'000.0;
}

QString percent(double share)
{
    return QString::number(share * 100.0, 'f', 1) + QLatin1Char('%');
}

CanaryReason latencyReason(const MetricsStore &store, const char *probe, const QString &id,
                           const QString &label, int limitMs, qint64 fromMs, qint64 toMs)
{
    CanaryReason reason{id, CanaryReason::Mark::NoData, {}};
    const SampleSeries *series = store.series(QString::fromLatin1(probe));
    const auto p95 = series ? series->percentile(95.0, fromMs, toMs) : std::nullopt;
    if (!p95) {
        reason.text = QStringLiteral("Cohere from this machine: %1 P95: no samples from %2 in the "
                                     "watch window")
                          .arg(label, QString::fromLatin1(probe));
        return reason;
    }
    const bool pass = *p95 < limitMs;
    reason.mark = pass ? CanaryReason::Mark::Pass : CanaryReason::Mark::Fail;
    reason.text = QStringLiteral("Cohere from this machine: %1 P95 %2 ms %3 %4 ms (%5 samples)")
                      .arg(label)
                      .arg(qRound64(*p95))
                      .arg(pass ? QStringLiteral("<") : QStringLiteral(">="))
                      .arg(limitMs)
                      .arg(series->count(fromMs, toMs));
    return reason;
}

} // namespace

CanaryBaseline CanaryVerdict::captureBaseline(const MetricsStore &store, qint64 fromMs, qint64 toMs)
{
    CanaryBaseline baseline;
    baseline.fromMs = fromMs;
    baseline.toMs = toMs;
    const Counts counts = countTraffic(store, fromMs, toMs);
    if (counts.total > 0)
        baseline.serverErrorShare = double(counts.server5xx) / double(counts.total);
    baseline.rateLimitedPerMinute = double(counts.rateLimited) / minutes(fromMs, toMs);
    return baseline;
}

CanaryVerdict CanaryVerdict::evaluate(const MetricsStore &store, const QList<Alert> &activeAlerts,
                                      const GateThresholds &gates, const CanaryBaseline &baseline,
                                      qint64 fromMs, qint64 toMs)
{
    CanaryVerdict verdict;
    verdict.fromMs = fromMs;
    verdict.toMs = toMs;

    QStringList p1;
    for (const Alert &alert : activeAlerts) {
        if (alert.isActive() && alert.severity == AlertSeverity::P1)
            p1 << alert.title;
    }
    verdict.reasons << CanaryReason{
        QStringLiteral("p1-alert"),
        p1.isEmpty() ? CanaryReason::Mark::Pass : CanaryReason::Mark::Fail,
        p1.isEmpty() ? QStringLiteral("no P1 alert active")
                     : QStringLiteral("P1 alert active: %1").arg(p1.join(QStringLiteral(", ")))};

    for (const auto &[probe, label] :
         {std::pair{probename::cohereChat, "chat"}, std::pair{probename::cohereEmbed, "embed"},
          std::pair{probename::cohereRerank, "rerank"}}) {
        const int limitMs = gates.forProbe(QString::fromLatin1(probe)).value_or(0);
        verdict.reasons << latencyReason(store, probe,
                                         QLatin1String(label) + QStringLiteral("-p95"),
                                         QString::fromLatin1(label), limitMs, fromMs, toMs);
    }

    const Counts counts = countTraffic(store, fromMs, toMs);
    CanaryReason share{QStringLiteral("5xx-share"), CanaryReason::Mark::NoData, {}};
    CanaryReason rate{QStringLiteral("429-rate"), CanaryReason::Mark::NoData, {}};
    if (counts.total == 0) {
        share.text = kTrafficLabel + QStringLiteral("5xx share: no samples in the watch window");
        rate.text = kTrafficLabel + QStringLiteral("429 rate: no samples in the watch window");
    } else {
        // No samples before the canary: nothing to be "not above", so any 5xx is above 0%.
        const double base = baseline.serverErrorShare.value_or(0.0);
        const double now = double(counts.server5xx) / double(counts.total);
        const bool sharePass = now <= base;
        share.mark = sharePass ? CanaryReason::Mark::Pass : CanaryReason::Mark::Fail;
        share.text = kTrafficLabel + QStringLiteral("5xx share %1 (%2 of %3) %4 baseline %5%6")
                         .arg(percent(now))
                         .arg(counts.server5xx)
                         .arg(counts.total)
                         .arg(sharePass ? QStringLiteral("<=") : QStringLiteral(">"))
                         .arg(percent(base))
                         .arg(baseline.serverErrorShare ? QString()
                                                        : QStringLiteral(" (no baseline samples)"));

        const double perMinute = double(counts.rateLimited) / minutes(fromMs, toMs);
        const double allowed = baseline.rateLimitedPerMinute * (1.0 + kRateLimitRelativeTolerance) +
                               kRateLimitAbsoluteTolerancePerMinute;
        const bool ratePass = perMinute <= allowed;
        rate.mark = ratePass ? CanaryReason::Mark::Pass : CanaryReason::Mark::Fail;
        rate.text = kTrafficLabel +
                    QStringLiteral("429 rate %1/min %2 baseline %3/min (+tolerance, limit %4/min)")
                        .arg(QString::number(perMinute, 'f', 2),
                             ratePass ? QStringLiteral("<=") : QStringLiteral(">"),
                             QString::number(baseline.rateLimitedPerMinute, 'f', 2),
                             QString::number(allowed, 'f', 2));
    }
    verdict.reasons << share << rate;

    for (const char *probe :
         {probename::cohereChat, probename::cohereEmbed, probename::cohereRerank}) {
        const SampleSeries *series = store.series(QString::fromLatin1(probe));
        if (!series || series->count(fromMs, toMs) == 0)
            verdict.probesWithoutSamples << QString::fromLatin1(probe);
    }

    bool anyFail = false;
    bool anyNoData = false;
    for (const CanaryReason &reason : std::as_const(verdict.reasons)) {
        anyFail = anyFail || reason.mark == CanaryReason::Mark::Fail;
        anyNoData = anyNoData || reason.mark == CanaryReason::Mark::NoData;
    }
    verdict.overall = anyFail     ? Overall::Unhealthy
                      : anyNoData ? Overall::InsufficientData
                                  : Overall::Healthy;
    return verdict;
}

QList<TrafficReason> TrafficReason::from(const TrafficVerdict &verdict,
                                         const VersionTraffic &canary)
{
    QList<TrafficReason> out;
    for (const TrafficLine &line : verdict.lines) {
        TrafficReason reason{line, false};
        for (const TrafficSignal *signal : canary.signalList()) {
            // A line judged on a query that failed: Prometheus did not answer it.
            if (signal->failed() && signal->promql == line.promql &&
                line.mark == TrafficLine::Mark::Insufficient && !line.value)
                reason.queryFailed = true;
        }
        out << reason;
    }
    return out;
}

QString TrafficReason::markText() const
{
    return queryFailed ? QStringLiteral("no-data") : toString(line.mark);
}

QString CanaryVerdict::summary() const
{
    QStringList failed;
    for (const CanaryReason &reason : reasons) {
        if (reason.mark == CanaryReason::Mark::Fail)
            failed << reason.id;
    }
    for (const TrafficReason &reason : trafficReasons) {
        if (reason.decidesFail())
            failed << reason.line.id;
    }
    QString head = toString(overall);
    if (overall == Overall::Unhealthy)
        head += QStringLiteral(" (%1)").arg(failed.join(QStringLiteral(", ")));
    else if (overall == Overall::InsufficientData) {
        QStringList missing = probesWithoutSamples;
        for (const TrafficReason &reason : trafficReasons) {
            if (reason.lacksData())
                missing << reason.line.id;
        }
        head += QStringLiteral(" (no samples: %1)")
                    .arg(missing.isEmpty() ? QStringLiteral("any traffic probe")
                                           : missing.join(QStringLiteral(", ")));
    }
    return head + QStringLiteral(": ") + toString(recommendation());
}

QString toString(CanaryVerdict::Overall overall)
{
    switch (overall) {
    case CanaryVerdict::Overall::Healthy:
        return QStringLiteral("Healthy");
    case CanaryVerdict::Overall::Unhealthy:
        return QStringLiteral("Unhealthy");
    case CanaryVerdict::Overall::InsufficientData:
        return QStringLiteral("Insufficient data");
    }
    return {};
}

QString toString(CanaryReason::Mark mark)
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

QString toString(CanaryVerdict::Recommendation recommendation)
{
    return recommendation == CanaryVerdict::Recommendation::Promote ? QStringLiteral("promote")
                                                                    : QStringLiteral("roll back");
}

} // namespace golive
