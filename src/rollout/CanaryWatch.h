#pragma once

#include "src/common/Clock.h"
#include "src/config/CanarySettings.h"
#include "src/config/GateThresholds.h"
#include "src/rollout/CanaryVerdict.h"
#include "src/rollout/PodHealthSample.h"
#include "src/rollout/RolloutSnapshot.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>

namespace golive {

class MetricsStore;

// Watches the canary for the profile's window: re-evaluates the verdict on every recorded sample
// and on a timer, announces each change, and reports finished() exactly once per start() (when
// the window is over, or at stop()). With canary.auto_rollback on, a P1 alert during the window
// asks for a rollback at once instead of waiting for a person.
class CanaryWatch : public QObject {
    Q_OBJECT
public:
    using ActiveAlerts = std::function<QList<Alert>()>;

    CanaryWatch(const MetricsStore &store, ActiveAlerts activeAlerts, GateThresholds gates,
                CanarySettings settings, const Clock &clock = SystemClock::instance(),
                QObject *parent = nullptr);

    void setGates(const GateThresholds &gates) { m_gates = gates; }
    void setSettings(const CanarySettings &settings) { m_settings = settings; }
    // How far back the baseline looks from the start of the watch (default: the watch's length).
    void setBaselineMinutes(int minutes) { m_baselineMinutes = minutes; }
    void setReevaluateIntervalMs(int ms) { m_timer.setInterval(ms); }

    // Starts a watch of `durationMs` (< 0: the profile's minutes), capturing the baseline first.
    void start(qint64 durationMs = -1);
    // Ends the watch now with the current verdict (no-op when not watching).
    void stop();
    // Re-evaluates against the clock; finishes when the window is over.
    void evaluate();

    // The cluster's own view of the canary (its pods and their health through the pod proxy),
    // read during the watch: the verdict then compares canary with stable too, and a canary pod
    // that crash-loops or stays not Ready past canary.grace_s ends the watch at once.
    void setPodEvidence(const RolloutSnapshot &snapshot, const QList<PodHealthSample> &samples);
    void clearPodEvidence();
    bool hasPodEvidence() const { return m_podSnapshot.has_value(); }

    // The canary against stable on real traffic (Prometheus), read on the watch's refresh tick:
    // its lines join the verdict, a failing one fails the canary.
    void setTrafficEvidence(const TrafficVerdict &verdict, const VersionTraffic &canary);
    void clearTrafficEvidence();

    bool isWatching() const { return m_watching; }
    const CanaryVerdict &verdict() const { return m_verdict; }
    QDateTime windowStart() const { return m_start; }
    QDateTime plannedEnd() const { return m_plannedEnd; }
    qint64 elapsedMs() const;
    qint64 durationMs() const { return m_durationMs; }

Q_SIGNALS:
    void windowStarted(const QDateTime &start, const QDateTime &plannedEnd);
    void verdictChanged(const golive::CanaryVerdict &verdict);
    void autoRollbackRequested(const QString &reason);
    void finished(const golive::CanaryVerdict &verdict,
                  golive::CanaryVerdict::Recommendation recommendation);

private:
    void finish();

    const MetricsStore &m_store;
    ActiveAlerts m_activeAlerts;
    GateThresholds m_gates;
    CanarySettings m_settings;
    const Clock &m_clock;
    int m_baselineMinutes = -1;
    QTimer m_timer;
    bool m_watching = false;
    bool m_autoRollbackAsked = false;
    QDateTime m_start;
    QDateTime m_plannedEnd;
    qint64 m_startMonotonicMs = 0;
    qint64 m_durationMs = 0;
    CanaryBaseline m_baseline;
    CanaryVerdict m_verdict;
    bool m_hasVerdict = false;
    std::optional<RolloutSnapshot> m_podSnapshot;
    QList<PodHealthSample> m_podSamples;
    QList<TrafficReason> m_trafficReasons;
};

} // namespace golive
