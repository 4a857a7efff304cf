#pragma once

#include "src/common/Clock.h"
#include "src/probes/ProbeResult.h"
#include "src/probes/ProbeSpec.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace golive {

class ProbeRun;
class ProbeRunner;

// Fires each probe on its own interval, jittered by ±10 % so probes started together drift apart,
// and never overlapping itself: a probe still running when its timer fires is skipped, and the
// skip is counted. Results come through the ProbeRunner (and so into the metrics).
class ProbeScheduler : public QObject {
    Q_OBJECT
public:
    // Uniform in [0, 1); the default uses QRandomGenerator.
    using RandomSource = std::function<double()>;
    static constexpr double jitterFraction = 0.10;

    ProbeScheduler(ProbeRunner &runner, QList<ProbeSpec> specs, RandomSource random = {},
                   QObject *parent = nullptr);
    ~ProbeScheduler() override;

    // Starts the timers (the first run of each probe after one jittered interval; call
    // probeNow() for an immediate first round).
    void start();
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    bool isStarted() const { return m_started; }
    bool isRunning(const QString &name) const;

    // Runs the probe now unless it is already running (false then, or for an unknown name).
    bool probeNow(const QString &name);
    void probeAllNow();

    // What the probe's timer does when it fires: run unless still running (then count a skip),
    // and plan the next firing. Public so tests can drive the schedule without waiting.
    void tick(const QString &name);

    QList<ProbeSpec> specs() const { return m_specs; }
    int skippedCount(const QString &name) const;
    // The jittered delay before the probe's next firing, in ms (-1 when not scheduled).
    int nextDelayMs(const QString &name) const;
    std::optional<ProbeResult> lastResult(const QString &name) const;

Q_SIGNALS:
    void probeStarted(const QString &name);
    void probeFinished(const golive::ProbeResult &result);
    void probeSkipped(const QString &name, int skippedSoFar);
    // A probe's status differs from its previous result's (not emitted for the first result).
    void probeStatusChanged(const QString &name, golive::ProbeStatus oldStatus,
                            golive::ProbeStatus newStatus, const golive::ProbeResult &result);

private:
    struct Slot {
        ProbeSpec spec;
        std::unique_ptr<QTimer> timer;
        QPointer<ProbeRun> run;
        int skipped = 0;
        std::optional<ProbeResult> last;
    };

    Slot *slotFor(const QString &name);
    const Slot *slotFor(const QString &name) const;
    int jitteredInterval(const ProbeSpec &spec);
    void schedule(Slot &slot);
    void launch(Slot &slot);
    void onFinished(const ProbeResult &result);

    ProbeRunner &m_runner;
    QList<ProbeSpec> m_specs;
    RandomSource m_random;
    std::vector<std::unique_ptr<Slot>> m_slots;
    bool m_started = false;
    bool m_paused = false;
};

} // namespace golive
