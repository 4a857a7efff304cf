#pragma once

#include "src/checklist/ItemState.h"
#include "src/common/Error.h"
#include "src/metrics/Alert.h"
#include "src/metrics/Sample.h"
#include "src/release/RecordEvent.h"
#include "src/release/ReleaseInfo.h"
#include "src/rollout/PodHealthSample.h"
#include "src/rollout/CommandJournal.h"
#include "src/rollout/StepResult.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace golive {

class ReleaseRecord;

// Turns what happens during a release (ticks, alerts, steps, probe results) into record events.
// Connect the domain signals to its slots; each appended event is announced with eventRecorded,
// and a write that failed with recordFailed (the work goes on; the user must be told).
class ReleaseRecorder : public QObject {
    Q_OBJECT
public:
    // record must outlive the recorder.
    explicit ReleaseRecorder(ReleaseRecord &record, QObject *parent = nullptr);

    // The states already saved for this release, so re-opening it does not record them again.
    void setKnownStates(const ChecklistState &states);
    // Who is at the keyboard: attributed to steps, commands and overrides.
    void setOperator(const QString &name);

    // The name a probe-sample event gives a failure kind ("server-5xx", "reported-degraded").
    static QString failureName(FailureKind failure);
    // The probe samples of a record, per probe, in time order, as the live store holds them: for
    // charts that show the hours before a restart. Events written before failure kinds were
    // recorded get theirs from the HTTP status and outcome (a 200 whose body reported Cohere
    // degraded is "reported degraded", never a 5xx).
    static std::map<QString, std::vector<Sample>> recordedSamples(const QList<RecordEvent> &events);

public Q_SLOTS:
    void recordReleaseCreated(const golive::ReleaseInfo &release);
    // tick / untick when `checked` changed since the last state seen for the item, note when only
    // the note changed, nothing otherwise.
    void recordItemState(const QString &itemId, const golive::ItemState &state);
    void recordAlertFired(const golive::Alert &alert);
    void recordAlertResolved(const golive::Alert &alert);
    // The `step` event (its commands were recorded as they began and ended).
    void recordStepFinished(const golive::StepResult &result);
    // Write-ahead: a `command-begun` event, on disk when this returns.
    Result<RecordEvent> recordCommandBegun(const golive::CommandIntent &intent);
    // The `command` event that ends the command begun as `begunSeq`.
    void recordCommandEnded(qint64 begunSeq, const golive::CommandIntent &intent,
                            const golive::KubectlRun &run);
    // On opening a release: an `interrupted` event for every command begun by a golive that is
    // gone and never recorded its end.
    void recordInterruptedCommands();
    // A step cancelled because golive was asked to stop (SIGINT, SIGTERM).
    void recordInterruption(const QString &stepId, const QString &signalName);
    void recordEvidenceOverride(const QString &itemId, const QString &evidenceResult,
                                const QString &reason);
    void recordGateOverride(const QString &stepId, const QString &gate,
                            const QStringList &openItems, const QString &reason);
    // One `evidence` event per evidence run: every item's result, sources and findings.
    void recordEvidence(const QJsonObject &evidence);
    // A probe-sample every time; a probe-status only when the status differs from the last one.
    // `failure` (failureName()) says which kind of failure it was, for charts read back later.
    void recordProbeResult(const QString &probe, const QString &status, double latencyMs,
                           int httpStatus, const QString &error,
                           const QString &failure = QString());
    // A probe-sample of one pod's health through the pod proxy: name pod-health-canary or
    // pod-health-stable, with the pod and the version it runs.
    void recordPodHealth(const golive::PodHealthSample &sample);

Q_SIGNALS:
    void eventRecorded(const golive::RecordEvent &event);
    void recordFailed(const golive::Error &error);

private:
    Result<RecordEvent> tryAppend(const QString &kind, const QString &who, const QJsonObject &data);
    // A failure is announced with recordFailed.
    void append(const QString &kind, const QString &who, const QJsonObject &data)
    {
        (void)tryAppend(kind, who, data);
    }

    ReleaseRecord &m_record;
    QString m_operator;
    ChecklistState m_lastStates;
    QHash<QString, QString> m_probeStatus;
};

} // namespace golive
