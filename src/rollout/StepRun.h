#pragma once

#include "src/common/Clock.h"
#include "src/config/KubectlSettings.h"
#include "src/rollout/CommandJournal.h"
#include "src/rollout/Runbook.h"
#include "src/rollout/StepResult.h"

#include <QObject>
#include <QTemporaryFile>
#include <QTimer>

#include <functional>
#include <memory>

namespace golive {

class KubectlRunner;
class RolloutSnapshotReader;

// Answers "are these required checklist items done?": the open required items of a gate.
using GateCheck = std::function<QStringList(const QString &gate)>;
// An asynchronous yes/no from someone else (a health probe, a precondition): call `done` once with
// std::nullopt for "fine" or an Error saying what is wrong.
using AsyncCheck = std::function<void(const QString &target, std::function<void(Status)> done)>;

struct StepCallbacks {
    GateCheck gate;
    AsyncCheck precondition; // answers the names in a step's "preconditions"
    AsyncCheck health;       // answers "production", "staging", "status-page"
};

struct StepRunOptions {
    QString overrideReason; // typed by a person; lets a mutating step past an open gate
    QString revision;       // rollback target (`${revision}`); empty = the previous revision
    // The rollback target a person confirmed (its pod-template hash): the step refuses if that
    // version is gone by the time it runs, instead of rolling back to something else.
    QString pinnedTemplateHash;
    double watchMinutes = 0; // the canary window; 0 = what the runbook's watch action says
    bool ungated = false;    // rollback: never asks the gate
};

// One run of one runbook step: gate, preconditions, a readback before a mutating step, the actions
// in order, a readback after, and the step's expectation checked against both. Finishes exactly
// once (always from the event loop).
class StepRun : public QObject {
    Q_OBJECT
public:
    StepRun(RunbookStep step, KubectlSettings settings, StepRunOptions options,
            StepCallbacks callbacks, const Clock &clock, QObject *parent = nullptr);
    ~StepRun() override;

    void start(qint64 requestedAtMs);
    void cancel();
    void completeWatch();
    // The canary verdict as the watch sees it now; the step ends with the last one it was given.
    void setWatchVerdict(const CanaryVerdict &verdict);
    void setKillGracePeriodMs(int ms);
    // Every kubectl the step runs is written to `journal` before it starts (null: nowhere).
    void setJournal(CommandJournal *journal);
    // How long a deploy waits for the controller to put a first pod on the new ReplicaSet.
    void setCanaryWaitMs(int ms) { m_canaryWaitMs = ms; }

    static constexpr int kDefaultCanaryWaitMs = 60'000;
    static constexpr int kCanaryPollMs = 1'000;

    const RunbookStep &step() const { return m_step; }

    // The kubectl arguments (templates) of a restore-template action, for `patchFile`.
    static QStringList restoreArguments(const QString &patchFile);

    // Why the deployment does not look as the step expects, or nullopt.
    static Status checkExpectation(const StepExpectation &expect,
                                   const std::optional<DeploymentReadback> &before,
                                   const std::optional<DeploymentReadback> &after,
                                   const std::optional<RollbackTarget> &target = std::nullopt);

Q_SIGNALS:
    void actionStarted(const QStringList &arguments, qint64 startedAtMs);
    void outputReceived(const QString &text, golive::OutputChannel channel);
    void gateOverridden(const QString &gate, const QStringList &openItems, const QString &reason);
    void watchStarted(qint64 durationMs);
    void watchFinished();
    void finished(const golive::StepResult &result);

private:
    struct Task {
        enum class Kind {
            Precondition,
            ReadbackBefore,
            Action,
            ReadbackAfter,
            CanaryCheck, // reads ReplicaSets and pods until a canary exists, or says why not
            Verify,
        } kind;
        int index = 0;    // Action: index into the step's actions
        QString name;     // Precondition: its name
        QStringList argv; // kubectl tasks: the expanded arguments
        QString display;  // kubectl tasks: "kubectl rollout undo deployment/app", for messages
    };

    // Why the full snapshot is being read.
    enum class SnapshotPurpose { None, SelectTarget, CanaryCheck, FailureState };

    Status plan();
    void runNext();
    void runKubectl(const QStringList &argv, bool quiet = false);
    void restoreTemplate();
    void onKubectlFinished(const KubectlRun &run);
    void readSnapshot(SnapshotPurpose purpose);
    void onSnapshotRead(const Result<RolloutSnapshot> &snapshot);
    void checkCanary(const RolloutSnapshot &snapshot);
    void failWithState(const QString &message);
    // A precondition that is not met refuses the step; a failed health check fails it.
    enum class CheckKind { Precondition, Health };
    void runCheck(CheckKind kind, const QString &target);
    void startWatch(double minutes);
    void finishWatchStep();
    void finish(StepResult::Outcome outcome, const QString &message);
    int timeoutMs() const;
    QString currentDescription() const;
    bool isReadback(const Task &task) const;
    bool isChange(const Task &task) const;

    RunbookStep m_step;
    KubectlSettings m_settings;
    StepRunOptions m_options;
    StepCallbacks m_callbacks;
    const Clock &m_clock;
    KubectlRunner *m_runner;
    RolloutSnapshotReader *m_snapshots;
    SnapshotPurpose m_snapshotPurpose = SnapshotPurpose::None;
    QList<Task> m_tasks;
    qsizetype m_next = 0;
    StepResult m_result;
    bool m_finished = false;
    bool m_cancelRequested = false;
    bool m_watching = false;
    bool m_quietRun = false; // a read-back: its JSON goes to the record, not the console
    bool m_verified = false; // the step's expectation held; a later health failure is amber
    bool m_changeFailed = false;
    bool m_changeRan = false; // a kubectl that changes production was started in this step // a
                              // change failed: the state read afterwards is for the message
    QString m_failureMessage;
    quint64 m_checkToken = 0; // answers to an abandoned check are ignored
    int m_canaryWaitMs = kDefaultCanaryWaitMs;
    qint64 m_canaryWaitStartedMs = -1;
    qint64 m_watchStartedMs = -1;
    qint64 m_watchDurationMs = 0;
    QTimer m_checkTimer;
    QTimer m_watchTimer;
    QTimer m_pollTimer;
    std::unique_ptr<QTemporaryFile> m_patchFile;
};

} // namespace golive
