#pragma once

#include <QString>

namespace golive {

// What ReleaseRecord::verify found: an intact chain of N lines, or the first line that breaks it.
struct RecordVerification {
    bool intact = true;
    int lineCount = 0;  // lines read (all of them when intact)
    int brokenLine = 0; // 1-based; 0 when intact
    QString reason;     // why brokenLine breaks the chain; empty when intact

    // "intact (N events)" or "broken at line N: why".
    QString summary() const
    {
        return intact ? QStringLiteral("intact (%1 events)").arg(lineCount)
                      : QStringLiteral("broken at line %1: %2").arg(brokenLine).arg(reason);
    }
};

} // namespace golive
