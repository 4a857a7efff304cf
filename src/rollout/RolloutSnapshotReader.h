#pragma once

#include "src/common/Clock.h"
#include "src/config/KubectlSettings.h"
#include "src/rollout/CommandJournal.h"
#include "src/rollout/KubectlRun.h"
#include "src/rollout/RolloutSnapshot.h"

#include <QObject>

namespace golive {

class KubectlRunner;

// Reads the deployment, its ReplicaSets and their pods through kubectl (three `get -o json`
// calls, each with the profile's --context and --namespace) into a RolloutSnapshot. Reports each
// kubectl run as it ends (for the record) and finished() exactly once per read().
class RolloutSnapshotReader : public QObject {
    Q_OBJECT
public:
    RolloutSnapshotReader(KubectlSettings settings, const Clock &clock = SystemClock::instance(),
                          QObject *parent = nullptr);
    ~RolloutSnapshotReader() override;

    void setSettings(const KubectlSettings &settings) { m_settings = settings; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setKillGracePeriodMs(int ms);
    // Its kubectl reads are written down like the step's own commands (see KubectlRunner).
    void setJournal(CommandJournal *journal, const CommandOrigin &origin);

    // Returns false (and reports nothing) while a read is in progress.
    bool read();
    void cancel();
    bool isReading() const { return m_phase != Phase::Idle; }

    // A pod list of a large deployment is far beyond what a step's output may hold.
    static constexpr qint64 kOutputCapBytes = 16 * 1024 * 1024;
    static constexpr int kDefaultTimeoutMs = 30'000;

Q_SIGNALS:
    void runStarted(const QStringList &arguments, qint64 startedAtMs);
    void runFinished(const golive::KubectlRun &run);
    void finished(const golive::Result<golive::RolloutSnapshot> &snapshot);

private:
    enum class Phase { Idle, Deployment, ReplicaSets, Pods };

    void runPhase(Phase phase);
    void onRunFinished(const KubectlRun &run);
    void fail(const QString &message);

    KubectlSettings m_settings;
    KubectlRunner *m_runner;
    int m_timeoutMs = kDefaultTimeoutMs;
    Phase m_phase = Phase::Idle;
    QString m_selector;
    QByteArray m_deploymentJson;
    QByteArray m_replicaSetsJson;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::Result<golive::RolloutSnapshot>)
