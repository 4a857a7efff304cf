#pragma once

#include <QList>
#include <QString>

namespace golive {

// What a piece of evidence says about its checklist item.
enum class EvidenceResult { Pass, Fail, Unknown };
QString evidenceResultName(EvidenceResult result); // "pass", "fail", "unknown"

// One thing a source rule found: where (a file relative to its source dir, 1-based line; both
// empty/0 for a finding about the code as a whole) and a one-line message. A Fail finding fails
// its rule; an Unknown one means the scan could not tell (an argument object built elsewhere, a
// hint that needs a person's judgment).
struct SourceFinding {
    enum class Severity { Fail, Unknown };
    QString rule;      // "api-v2"
    QString sourceDir; // the profile's source dir, as written there
    QString file;      // relative to sourceDir
    int line = 0;
    QString message;
    Severity severity = Severity::Fail;
    bool operator==(const SourceFinding &) const = default;
};

} // namespace golive
