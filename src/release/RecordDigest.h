#pragma once

#include "src/release/RecordEvent.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QList>
#include <QString>
#include <QStringList>

namespace golive {

struct LatencyPoint {
    QDateTime atUtc;
    double latencyMs = 0;
    bool failed = false; // the probe's outcome was anything but "healthy"
};

// One probe over the whole release, from its probe-sample events (every sample, no decimation).
struct ProbeDigest {
    QString name;
    QList<LatencyPoint> points; // record order
    double p50Ms = 0;
    double p95Ms = 0;
    int failures = 0;
};

// Which versions (container images) a release involved, from the step events' read-backs.
// An empty list means the record does not say: the report writes "unknown", never a guess.
struct ReleaseVersions {
    QStringList stableBefore; // what production ran before the first deploy step changed it
    QStringList canary;       // what the deploy step rolled out
    QStringList atEnd;        // what runs after the last step that changed the deployment
    QString atEndBecause;     // "after the rollback at …", "after the promotion at …"
};

// What a report says, computed from the record's events alone.
struct RecordDigest {
    QDateTime firstUtc; // the first and last event
    QDateTime lastUtc;
    QList<ProbeDigest> probes; // by name
    QList<RecordEvent> steps;  // kind "step", in order
    QList<RecordEvent> alerts; // "alert-fired" and "alert-resolved", in order
    QList<RecordEvent> overrides;
    // "interrupted" events: commands golive never saw end, steps stopped by a signal.
    QList<RecordEvent> interruptions;
    // command-begun events with no end and no "interrupted" yet (golive stopped and the release
    // was not opened since, or the command is still running).
    QList<RecordEvent> unfinishedCommands;
    // "promoted" or "rolled back" from the last successful promote/rollback step; empty when
    // neither happened. outcomeAtUtc is that step's time.
    QString outcome;
    QDateTime outcomeAtUtc;
    ReleaseVersions versions;
    // The items of the last `evidence` event (a `golive evidence` run or *Refresh evidence*), by
    // id, as recorded (id, result, sources, findings, checked_at); empty when none was recorded.
    QMap<QString, QJsonObject> evidence;

    static RecordDigest fromEvents(const QList<RecordEvent> &events);
    // One sentence per interruption and unfinished command, in record order, for the report and
    // `golive verify`.
    QStringList interruptionLines() const;
    // "evidence fail (source:api-v2, checked 2026-11-30T15:00:00Z): shop-api/src/cohere.ts:7 a v1
    // client is constructed; +1 more": the item's last recorded evidence in one line, with up to
    // `maxFindings` findings; empty when the item has none.
    QString evidenceLine(const QString &itemId, int maxFindings = 2) const;
    // The last recorded `evidence` event's items by id.
    static QMap<QString, QJsonObject> lastEvidence(const QList<RecordEvent> &events);
    // One recorded evidence item as a line (see evidenceLine).
    static QString evidenceSummary(const QJsonObject &item, int maxFindings = 2);
    // The command-begun events that neither a "command" end nor an "interrupted" names.
    static QList<RecordEvent> unfinished(const QList<RecordEvent> &events);
    // "kubectl apply -f m.yaml --context c" from a command event's argv.
    static QString commandLine(const RecordEvent &event);
    // Nearest-rank percentile (q in (0, 1]) of values; 0 for no values.
    static double percentile(QList<double> values, double q);
};

} // namespace golive
