#pragma once

#include "src/metrics/Sample.h"
#include "src/probes/ProbeKind.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace golive {

// What one run of one probe found. `error` is for people and always passed through the Redactor;
// `detail` says what a healthy answer reported (e.g. the status page's description).
struct ProbeResult {
    QString name;
    ProbeKind kind = ProbeKind::TeamHealth;
    QUrl target;
    ProbeStatus status = ProbeStatus::Down;
    qint64 latencyMs = 0; // the answering attempt's own time (not the retries before it)
    int httpStatus = 0;   // 0 = no HTTP answer
    QString error;        // empty when healthy
    QString detail;
    FailureKind failure = FailureKind::Ok;
    quint32 inputTokens = 0;
    quint32 outputTokens = 0;
    quint32 searchUnits = 0;
    int rateLimitedResponses = 0; // HTTP 429 answers behind this result, retries included
    QDateTime at;                 // when the result became known, UTC
    // The latency gate this probe is judged by (gates.*), if any; a healthy answer above it is
    // Slow. `gateName` is the profile key ("gates.chat_p95_ms").
    int gateMs = 0;
    QString gateName;

    // Whether the result says something about the target's health (skipped and locally refused
    // runs do not, and are kept out of the metrics).
    bool measured = true;

    // The result as the MetricsStore keeps it.
    Sample toSample() const;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::ProbeResult)
