#pragma once

#include "src/common/Error.h"
#include "src/config/GateThresholds.h"
#include "src/release/ReportWriter.h"
#include "src/secrets/RecordKey.h"

namespace golive {

class ReleaseStore;

// Everything a release's report is made of, read from its folder: the release, its checklist and
// state, the record and whether its chain is intact (signatures checked with `recordKey`). One way to gather it, for the menu and for
// `golive report`. `warnings` are repairs the store made and a broken record; the report is still
// written, and says so.
struct GatheredReport {
    ReportInput input;
    QStringList warnings;
};

Result<GatheredReport> gatherReleaseReport(ReleaseStore &store, const QString &releaseId,
                                           const GateThresholds &gates, const RecordKey &recordKey);

} // namespace golive
