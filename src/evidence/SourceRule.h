#pragma once

#include "src/evidence/ScannedFile.h"
#include "src/evidence/SourceFinding.h"

#include <QList>
#include <QString>

namespace golive {

// One check of the integration code, named like the checklist's evidence source `source:<id>`.
// A rule judges each file's SDK usage, then the totals of the whole scan.
class SourceRule {
public:
    virtual ~SourceRule() = default;
    virtual QString id() const = 0;
    virtual void checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const = 0;
    // By default: Unknown when the scan saw no Cohere SDK call at all (nothing was proven).
    virtual void checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const;

protected:
    SourceFinding finding(const ScannedFile &file, int line, const QString &message,
                          SourceFinding::Severity severity = SourceFinding::Severity::Fail) const;
    SourceFinding overall(const QString &message) const; // Unknown, about the whole scan
};

// Fail if any finding fails, else Unknown if any is unknown, else Pass.
EvidenceResult resultOf(const QList<SourceFinding> &findings);

} // namespace golive
