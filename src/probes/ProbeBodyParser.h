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
// Atlassian Statuspage v2: `status.json` has `status.indicator` none|minor|major|critical and
// `status.description`; `summary.json` adds `components[]` ({name, status}), so an incident on
// one component (the API) shows even while the page's headline says little.
struct StatusPageReport {
    QString indicator;
    QString description;
    ProbeStatus status =
        ProbeStatus::Down; // none → healthy, minor → degraded, major/critical → down
    // summary.json only: "name: status" of every component that is not operational. A component
    // in partial or major outage makes the status at least degraded or down.
    QStringList affectedComponents;
    bool fromSummary = false;
};

// Parses the bodies the probes receive. Anything not of the expected shape is an Error (kind
// "unexpected-response") whose message starts "unexpected response: " and quotes the first 80
// bytes of the body, redacted, so people can see what answered instead.
class ProbeBodyParser {
public:
    static constexpr int quotedBytes = 80;

    static Result<TeamHealthReport> teamHealth(const QByteArray &body);
    // status.json. A JSON body of another shape (incident.io, a proxy's page) or a body that is
    // not JSON at all is an Error saying so: golive does not guess what a page it cannot read
    // says.
    static Result<StatusPageReport> statusPage(const QByteArray &body);
    // summary.json: the status of status.json plus the components (each must have a name and
    // one of operational, degraded_performance, partial_outage, major_outage,
    // under_maintenance).
    static Result<StatusPageReport> statusPageSummary(const QByteArray &body);
    // summary.json `components[]` as "name: status" lines; empty when the body is not usable.
    static QStringList statusPageComponents(const QByteArray &body);

    // "unexpected response: <first 80 bytes, redacted>" (+ why, when known).
    static QString unexpected(const QByteArray &body, const QString &why = {});
};

} // namespace golive
