#pragma once

#include "src/common/Error.h"
#include "src/probes/ProbeKind.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace golive {

// The seed's /api/health answer:
//   {"status": "ok"|"degraded", "cohere": {"status": "healthy"|"degraded"|"down",
//    "latencyMs": n}, "timestamp": "<ISO 8601>"}
// Extra fields are tolerated.
struct TeamHealthReport {
    QString status;
    ProbeStatus cohereStatus = ProbeStatus::Down;
    double cohereLatencyMs = 0.0;
    QDateTime timestamp;
};

// Atlassian Statuspage v2 status.json: `status.indicator` none|minor|major|critical and
// `status.description`.
struct StatusPageReport {
    QString indicator;
    QString description;
    ProbeStatus status =
        ProbeStatus::Down; // none → healthy, minor → degraded, major/critical → down
};

// Parses the bodies the probes receive. Anything not of the expected shape is an Error (kind
// "unexpected-response") whose message starts "unexpected response: " and quotes the first 80
// bytes of the body, redacted, so people can see what answered instead.
class ProbeBodyParser {
public:
    static constexpr int quotedBytes = 80;

    static Result<TeamHealthReport> teamHealth(const QByteArray &body);
    static Result<StatusPageReport> statusPage(const QByteArray &body);
    // summary.json `components[]` as "name: status" lines; empty when the body is not usable.
    static QStringList statusPageComponents(const QByteArray &body);

    // "unexpected response: <first 80 bytes, redacted>" (+ why, when known).
    static QString unexpected(const QByteArray &body, const QString &why = {});
};

} // namespace golive
