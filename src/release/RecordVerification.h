#pragma once

#include <QList>
#include <QString>

namespace golive {

// One thing ReleaseRecord::verify found wrong (or worth saying) about a line or a run of lines.
struct RecordFinding {
    enum class Kind {
        CrashTear, // a line cut short mid-write (a crash), not tampering
        Tampering, // bad JSON, prev or seq mismatch, bad signature, unsigned after signed...
        Unsigned,  // lines written without a record key: they prove nothing beyond the chain
    };
    Kind kind = Kind::Tampering;
    int firstLine = 0; // 1-based
    int lastLine = 0;  // == firstLine unless a run of lines with the same finding
    QString what;

    static QString kindName(Kind kind);
    // "line 4: crash tear: ..." / "lines 3-9: unsigned: ..."
    QString describe() const;
};

// What ReleaseRecord::verify found: every finding, in line order, and what the signatures prove.
struct RecordVerification {
    int lineCount = 0; // lines read
    QList<RecordFinding> findings;
    bool signaturesChecked = false; // a record key was available to check signatures against
    QString keyProblem;             // why not, when not
    int signedLines = 0;            // lines carrying a signature (checked or not)
    int unsignedLines = 0;

    // No tampering finding: every line chains, seqs follow, every checked signature matches.
    // Crash tears and unsigned lines (before any signed one) do not break it.
    bool intact = true;
    int brokenLine = 0; // the first tampering finding's line; 0 when intact
    QString reason;     // and what is wrong with it

    // Adds a finding, merging it into the previous one when it continues the same run.
    void add(const RecordFinding &finding);
    int count(RecordFinding::Kind kind) const;

    // One line: "intact (N events)", "intact (N events; 1 crash tear; 4 unsigned lines)" or
    // "broken at line N: why (and K more findings)".
    QString summary() const;
    // Every finding on its own line, then what the signatures prove and what they cannot.
    QString details() const;
};

} // namespace golive
