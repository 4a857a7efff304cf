#pragma once

#include "common/Clock.h"
#include "config/KubectlSettings.h"
#include "rollout/Runbook.h"
#include "rollout/StepResult.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace golive {

class KubectlRunner;

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
    bool ungated = false;   // rollback: never asks the gate
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
    void setKillGracePeriodMs(int ms);

    const RunbookStep &step() const { return m_step; }

    // Why the deployment does not look as the step expects, or nullopt.
    static Status checkExpectation(const StepExpectation &expect,
                                   const std::optional<DeploymentReadback> &before,
                                   const std::optional<DeploymentReadback> &after);

Q_SIGNALS:
    void actionStarted(const QStringList &arguments, qint64 startedAtMs);
    void outputReceived(const QString &text, golive::OutputChannel channel);
    void gateOverridden(const QString &gate, const QStringList &openItems, const QString &reason);
    void watchStarted(qint64 durationMs);
    void watchFinished();
    void finished(const golive::StepResult &result);

private:
    struct Task {
        enum class Kind { Precondition, ReadbackBefore, Action, ReadbackAfter, Verify } kind;
        int index = 0;    // Action: index into the step's actions
        QString name;     // Precondition: its name
        QStringList argv; // kubectl tasks: the expanded arguments
        QString display;  // kubectl tasks: "kubectl rollout undo deployment/app", for messages
    };

    Status plan();
    void runNext();
    void runKubectl(const QStringList &argv);
    void onKubectlFinished(const KubectlRun &run);
    void runCheck(const AsyncCheck &check, const QString &target, const QString &what);
    void startWatch(double minutes);
    void finish(StepResult::Outcome outcome, const QString &message);
    int timeoutMs() const;
    QString currentDescription() const;

    RunbookStep m_step;
    KubectlSettings m_settings;
    StepRunOptions m_options;
    StepCallbacks m_callbacks;
    const Clock &m_clock;
    KubectlRunner *m_runner;
    QList<Task> m_tasks;
    qsizetype m_next = 0;
    StepResult m_result;
    bool m_finished = false;
    bool m_cancelRequested = false;
    bool m_watching = false;
    quint64 m_checkToken = 0; // answers to an abandoned check are ignored
    QTimer m_checkTimer;
    QTimer m_watchTimer;
};

} // namespace golive
