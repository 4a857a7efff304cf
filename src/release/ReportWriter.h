#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/ItemState.h"
#include "src/common/Error.h"
#include "src/config/GateThresholds.h"
#include "src/release/RecordEvent.h"
#include "src/release/RecordVerification.h"
#include "src/release/ReleaseInfo.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace golive {

// Everything a report is made of; the numbers come from the record's events alone.
struct ReportInput {
    ReleaseInfo release;
    ChecklistDocument checklist;
    ChecklistState state;
    QList<RecordEvent> events;
    RecordVerification verification;
    GateThresholds gates; // each probe chart's gate line, through GateThresholds::forProbe
};

struct ReleaseVersions;

// The release as meeting notes: name and time span, the outcome, the checklist with who/when/
// notes, the rollout steps, gate overrides, alerts, and latency per probe (P50/P95 over every
// sample, with a chart).
class ReportWriter {
public:
    // The versions line at the top of both reports: "stable before X; canary Y; running at the
    // end Z (after the rollback at …)", each "unknown (not recorded)" when the record is silent.
    static QString versionsLine(const ReleaseVersions &versions, bool markdownCode);
    // Markdown; charts are linked as chartFileName(probe) beside the report.
    static QByteArray markdown(const ReportInput &input);
    // probe name -> SVG text, for the files markdown() links.
    static QMap<QString, QByteArray> markdownCharts(const ReportInput &input);
    static QString chartFileName(const QString &probe);
    // One self-contained HTML page (inline CSS and SVG), readable in light and dark, printable.
    static QByteArray html(const ReportInput &input);

    // Write the report (and, for Markdown, its charts beside it), each file atomically.
    static Status writeMarkdown(const ReportInput &input, const QString &path);
    static Status writeHtml(const ReportInput &input, const QString &path);
};

} // namespace golive
