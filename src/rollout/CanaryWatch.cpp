#include "src/rollout/CanaryWatch.h"

#include "src/metrics/MetricsStore.h"
#include "src/rollout/CanaryComparison.h"

namespace golive {

namespace {
constexpr int kReevaluateMs = 1000;
}

CanaryWatch::CanaryWatch(const MetricsStore &store, ActiveAlerts activeAlerts, GateThresholds gates,
                         CanarySettings settings, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_activeAlerts(std::move(activeAlerts)), m_gates(gates),
      m_settings(settings), m_clock(clock)
{
    qRegisterMetaType<CanaryVerdict>();
    m_timer.setInterval(kReevaluateMs);
    connect(&m_timer, &QTimer::timeout, this, &CanaryWatch::evaluate);
    connect(&m_store, &MetricsStore::sampleRecorded, this, [this] {
        if (m_watching)
            evaluate();
    });
}

void CanaryWatch::start(qint64 durationMs)
{
    if (m_watching)
        stop();
    m_durationMs = durationMs >= 0 ? durationMs : qint64(m_settings.watchMinutes) * 60'000;
    m_start = m_clock.nowUtc();
    m_plannedEnd = m_start.addMSecs(m_durationMs);
    m_startMonotonicMs = m_clock.monotonicMs();
    const qint64 startMs = m_start.toMSecsSinceEpoch();
    const qint64 baselineMs = m_baselineMinutes > 0 ? qint64(m_baselineMinutes) * 60'000
                                                    : std::max<qint64>(m_durationMs, 60'000);
    // The baseline ends just before the window so no sample is counted twice.
    m_baseline = CanaryVerdict::captureBaseline(m_store, startMs - baselineMs, startMs - 1);
    m_watching = true;
    m_autoRollbackAsked = false;
    m_hasVerdict = false;
    Q_EMIT windowStarted(m_start, m_plannedEnd);
    m_timer.start();
    evaluate();
}

qint64 CanaryWatch::elapsedMs() const
{
    if (!m_start.isValid())
        return 0;
    return std::min(m_clock.monotonicMs() - m_startMonotonicMs, m_durationMs);
}

void CanaryWatch::evaluate()
{
    if (!m_watching)
        return;
    const qint64 startMs = m_start.toMSecsSinceEpoch();
    const qint64 nowMs =
        std::min(m_clock.nowUtc().toMSecsSinceEpoch(), m_plannedEnd.toMSecsSinceEpoch());
    const QList<Alert> alerts = m_activeAlerts ? m_activeAlerts() : QList<Alert>();
    CanaryVerdict verdict =
        CanaryVerdict::evaluate(m_store, alerts, m_gates, m_baseline, startMs, nowMs);
    QString podFailure; // a canary pod crash-looping or not Ready past the grace period
    if (m_podSnapshot) {
        QList<PodHealthSample> inWindow;
        for (const PodHealthSample &sample : std::as_const(m_podSamples)) {
            if (sample.atMs >= startMs)
                inWindow << sample;
        }
        const CanaryComparison pods = CanaryComparison::evaluate(
            *m_podSnapshot, inWindow, m_settings, m_clock.nowUtc(), /*healthRequired=*/false);
        // The cluster's own lines first: they are about the canary itself.
        verdict.reasons = pods.reasons + verdict.reasons;
        for (const CanaryReason &reason : pods.reasons) {
            if (reason.mark == CanaryReason::Mark::Fail &&
                (reason.id == QLatin1String("canary-pods") ||
                 reason.id == QLatin1String("canary-ready")))
                podFailure = reason.text;
        }
        bool anyFail = false;
        bool anyNoData = false;
        for (const CanaryReason &reason : std::as_const(verdict.reasons)) {
            anyFail = anyFail || reason.mark == CanaryReason::Mark::Fail;
            anyNoData = anyNoData || reason.mark == CanaryReason::Mark::NoData;
        }
        verdict.overall = anyFail     ? CanaryVerdict::Overall::Unhealthy
                          : anyNoData ? CanaryVerdict::Overall::InsufficientData
                                      : CanaryVerdict::Overall::Healthy;
    }
    // Real traffic can only make the verdict worse: a failing line fails it, a line without
    // data keeps a healthy one from being promoted.
    verdict.trafficReasons = m_trafficReasons;
    for (const TrafficReason &reason : std::as_const(m_trafficReasons)) {
        if (reason.decidesFail())
            verdict.overall = CanaryVerdict::Overall::Unhealthy;
        else if (reason.lacksData() && verdict.overall == CanaryVerdict::Overall::Healthy)
            verdict.overall = CanaryVerdict::Overall::InsufficientData;
    }
    // The window's end moves with every evaluation; only a change of substance is announced.
    const bool changed = !m_hasVerdict || verdict.overall != m_verdict.overall ||
                         verdict.reasons != m_verdict.reasons ||
                         verdict.trafficReasons != m_verdict.trafficReasons;
    m_verdict = verdict;
    m_hasVerdict = true;
    if (changed)
        Q_EMIT verdictChanged(m_verdict);

    if (m_settings.autoRollback && !m_autoRollbackAsked) {
        for (const Alert &alert : alerts) {
            if (alert.isActive() && alert.severity == AlertSeverity::P1) {
                m_autoRollbackAsked = true;
                Q_EMIT autoRollbackRequested(
                    QStringLiteral("P1 alert during the canary watch: %1").arg(alert.title));
                finish();
                return;
            }
        }
    }
    if (!podFailure.isEmpty()) {
        // No number of good probe samples makes up for a canary that does not run.
        if (m_settings.autoRollback && !m_autoRollbackAsked) {
            m_autoRollbackAsked = true;
            Q_EMIT autoRollbackRequested(podFailure);
        }
        finish();
        return;
    }
    if (m_clock.monotonicMs() - m_startMonotonicMs >= m_durationMs)
        finish();
}

void CanaryWatch::setPodEvidence(const RolloutSnapshot &snapshot,
                                 const QList<PodHealthSample> &samples)
{
    m_podSnapshot = snapshot;
    m_podSamples = samples;
    if (m_watching)
        evaluate();
}

void CanaryWatch::setTrafficEvidence(const TrafficVerdict &verdict, const VersionTraffic &canary)
{
    m_trafficReasons = TrafficReason::from(verdict, canary);
    if (m_watching)
        evaluate();
}

void CanaryWatch::clearTrafficEvidence()
{
    m_trafficReasons.clear();
}

void CanaryWatch::clearPodEvidence()
{
    m_podSnapshot.reset();
    m_podSamples.clear();
}

void CanaryWatch::stop()
{
    if (!m_watching)
        return;
    evaluate(); // the verdict as of now, not as of the last sample
    finish();
}

void CanaryWatch::finish()
{
    if (!m_watching)
        return;
    m_watching = false;
    m_timer.stop();
    Q_EMIT finished(m_verdict, m_verdict.recommendation());
}

} // namespace golive
