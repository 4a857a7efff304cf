#pragma once

#include "src/checklist/Checklist.h"
#include "src/common/Clock.h"
#include "src/config/Profile.h"
#include "src/rollout/CanaryWatch.h"
#include "src/rollout/HealthChecker.h"
#include "src/rollout/PodHealthProber.h"
#include "src/rollout/RolloutSnapshotReader.h"
#include "src/rollout/StepExecutor.h"
#include "src/traffic/PrometheusClient.h"
#include "src/traffic/TrafficReader.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <optional>

namespace golive {

class MetricsStore;

// The one object behind both the rollout panel and `golive run`, so a headless run does exactly
// what the button does: the gate (open required items of the release's checklist), overrides
// with a typed reason, the exact command lines for the confirmation, the canary watch hooked to
// the runbook's watch action, and a rollback that is never gated and pre-empts any running step.
class RolloutController : public QObject {
    Q_OBJECT
public:
    RolloutController(Profile profile, Runbook runbook, const MetricsStore &metrics,
                      CanaryWatch::ActiveAlerts activeAlerts,
                      const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);

    // The release's checklist decides the gates; without one, the bundled checklist unticked
    // (every required item open) does.
    void setChecklist(Checklist *checklist);
    Checklist *checklist() const { return m_checklist; }
    // Answers preconditions and health actions. Not owned; must outlive the controller's runs.
    void setHealthChecker(HealthChecker *checker) { m_health = checker; }
    // Where every step's kubectl commands are written before they start. Not owned. While it
    // reports a problem, mutating steps (rollback included) are refused before anything runs.
    void setJournal(CommandJournal *journal) { m_executor.setJournal(journal); }
    // Why a mutating step would be refused now because it cannot be recorded, or nullopt.
    Status recordingProblem() const;

    const Profile &profile() const { return m_profile; }
    const Runbook &runbook() const { return m_executor.runbook(); }
    StepExecutor &executor() { return m_executor; }
    CanaryWatch &canaryWatch() { return m_watch; }

    bool hasDeployment() const { return !m_profile.kubectl.deployment.isEmpty(); }
    bool isRunning() const { return m_executor.isRunning(); }
    QString runningStepId() const { return m_executor.runningStepId(); }

    // The required items still open for that step's gate (empty for an ungated step).
    QStringList openItems(const QString &stepId) const;
    // The same items as people read them: "text (id)".
    QStringList openItemTexts(const QString &stepId) const;
    // Each kubectl the step would run, as shell-quoted lines for people (never executed so).
    Result<QStringList> commandLines(const QString &stepId, const QString &revision = {}) const;
    // What the confirmation shows and `golive run` prints: question, context, namespace, commands.
    Result<QString> confirmationText(const QString &stepId, const QString &revision = {}) const;

    // Why promoting now needs a typed reason (the current canary was not watched, its watch was
    // cancelled, or its verdict was "roll back"), or empty when its watch recommended promotion.
    QString promoteConcern() const;

    // Starts a step; an open gate needs a non-blank `overrideReason`, and so does promoting a
    // canary with a promoteConcern(). Errors: unknown step, a step already running, a blank or
    // missing reason. Gate refusals arrive as a Refused stepFinished.
    Status runStep(const QString &stepId, const QString &overrideReason = {},
                   const QString &revision = {});
    // Rolls back to `revision` (empty: the version that served before the current rollout), or
    // to the version a person confirmed (`pinnedHash`, from prepareRollback()).
    Status rollback(const QString &revision = {}, const QString &pinnedHash = {});
    void cancel() { m_executor.cancel(); }

    // Reads the deployment, its ReplicaSets and pods (revision list, canary and stable);
    // answers with snapshotRead(). A read already in progress answers for both.
    void refreshSnapshot();
    const std::optional<RolloutSnapshot> &lastSnapshot() const { return m_snapshot; }
    // While the canary is watched the snapshot is re-read and every canary and stable pod probed
    // through the pod proxy (canary.pod_health) on this interval; each answer is podHealthSampled.
    void setPodRefreshIntervalMs(int ms) { m_podRefresh.setInterval(ms); }
    // The pod health answers of the current watch, oldest first.
    const QList<PodHealthSample> &podHealthSamples() const { return m_podSamples; }
    static constexpr int kDefaultPodRefreshMs = 10'000;
    // Reads the cluster now and chooses the rollback target the confirmation must name;
    // answers with rollbackPrepared().
    void prepareRollback(const QString &revision = {}, const QString &pinnedHash = {});
    // What the rollback confirmation shows for a prepared target.
    QString rollbackConfirmationText(const RollbackTarget &target) const;

    // From rollback() to the moment the rollback's first kubectl process had started; -1 before.
    qint64 lastRollbackStartLatencyMs() const { return m_lastRollbackLatencyMs; }
    const std::optional<StepResult> &lastResult() const { return m_lastResult; }

    // `a 'b c'`: argv joined for display with POSIX shell quoting.
    static QString shellQuoted(const QStringList &argv);

Q_SIGNALS:
    // The open items of some gate may have changed (a tick, another release's checklist).
    void gatesChanged();
    void stepStarted(const QString &stepId);
    void actionStarted(const QString &stepId, const QStringList &arguments);
    void output(const QString &stepId, const QString &text, golive::OutputChannel channel);
    void overrideRecorded(const QString &stepId, const QString &gate, const QStringList &openItems,
                          const QString &reason);
    void stepFinished(const golive::StepResult &result);
    void rollbackStartLatencyMeasured(qint64 ms);
    void autoRollbackStarted(const QString &reason);
    void snapshotRead(const golive::Result<golive::RolloutSnapshot> &snapshot);
    void podHealthSampled(const golive::PodHealthSample &sample);
    void rollbackPrepared(const golive::Result<golive::RollbackTarget> &target);
    // A new canary went out (its verdict panel starts empty) or none is left after a rollback.
    void canaryReset();

private:
    void onStepFinished(const StepResult &result);
    void onSnapshotRead(const Result<RolloutSnapshot> &snapshot);
    // Starts a round over the canary's and stable's pods; false when none was started.
    bool probePods(const RolloutSnapshot &snapshot);

    // What golive saw of the current canary in this session.
    struct CanaryHistory {
        bool deployed = false;
        bool watchCompleted = false; // a watch ran to its end (not cancelled)
        std::optional<CanaryVerdict> verdict;
    };
    Profile m_profile;
    const Clock &m_clock;
    StepExecutor m_executor;
    CanaryWatch m_watch;
    QPointer<Checklist> m_checklist;
    HealthChecker *m_health = nullptr;
    std::optional<qint64> m_rollbackRequestedMs;
    qint64 m_lastRollbackLatencyMs = -1;
    std::optional<StepResult> m_lastResult;
    CanaryHistory m_canary;
    RolloutSnapshotReader m_snapshotReader;
    std::optional<RolloutSnapshot> m_snapshot;
    struct PendingPreparation {
        QString revision;
        QString pinnedHash;
    };
    std::optional<PendingPreparation> m_preparing;
    bool m_refreshAgain = false;
    PodHealthProber m_podProber;
    QTimer m_podRefresh;
    QList<PodHealthSample> m_podSamples;
    // With prometheus.url: the canary's and stable's real traffic, read on the refresh tick.
    QNetworkAccessManager m_network;
    PrometheusClient m_prometheus;
    TrafficReader m_trafficReader;
    void readTraffic(const RolloutSnapshot &snapshot);
};

} // namespace golive
