#include "src/release/ReleaseReport.h"

#include "src/checklist/MarkdownChecklistParser.h"
#include "src/release/ReleaseRecord.h"
#include "src/release/ReleaseStore.h"

#include <QDir>

namespace golive {

Result<GatheredReport> gatherReleaseReport(ReleaseStore &store, const QString &releaseId,
                                           const GateThresholds &gates, const RecordKey &recordKey)
{
    const auto folder = store.releaseFolder(releaseId);
    if (!folder.ok())
        return folder.error();
    const QString recordPath =
        QDir(folder.value()).filePath(QString::fromLatin1(ReleaseRecord::fileName));

    const auto info = store.openRelease(releaseId);
    if (!info.ok())
        return info.error();
    const auto source = store.loadChecklistSource(releaseId);
    if (!source.ok())
        return source.error();
    const auto state = store.loadState(releaseId);
    if (!state.ok())
        return state.error();
    const auto events = ReleaseRecord::readEvents(recordPath);
    if (!events.ok())
        return events.error();
    const auto verification = ReleaseRecord::verify(recordPath, recordKey);
    if (!verification.ok())
        return verification.error();
    const auto checklist = MarkdownChecklistParser::parse(source.value());
    if (!checklist.ok())
        return checklist.error();

    GatheredReport gathered;
    gathered.warnings = info.value().warnings + state.value().warnings;
    ReportInput &input = gathered.input;
    input.release = info.value().info;
    input.checklist = checklist.value();
    input.state = state.value().state;
    input.events = events.value();
    input.verification = verification.value();
    input.gates = gates;
    if (!input.verification.intact)
        gathered.warnings << QStringLiteral("the record is %1").arg(input.verification.summary());
    return gathered;
}

} // namespace golive
