#pragma once

#include "src/checklist/ItemState.h"
#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/release/LoadedRelease.h"
#include "src/release/LoadedState.h"
#include "src/release/ReleaseInfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace golive {

// The releases under a data folder, one folder each:
//   <data>/releases/<id>/checklist.md     the checklist the release was created from, verbatim
//   <data>/releases/<id>/release.json     ReleaseInfo
//   <data>/releases/<id>/state.json       the ChecklistState (+ state.prev.json, see
//   ReleaseStateFiles)
// Every write is atomic; unusable files are moved aside and reported, never deleted.
class ReleaseStore {
public:
    // dataDir is the application's data folder (QStandardPaths::AppDataLocation in the app).
    ReleaseStore(QString dataDir, const Clock &clock);

    QString releasesDir() const;

    // Newest first. A release whose release.json is unusable is listed with what its id tells
    // (name = slug, created = the id's minute); openRelease() repairs it.
    Result<QList<ReleaseInfo>> listReleases() const;
    // Error kind "no-releases" when there is none yet.
    Result<ReleaseInfo> newestRelease() const;

    // name: 1..maxNameLength characters, no control characters. The id is unique even for two
    // releases of the same name created in the same minute.
    Result<ReleaseInfo> createRelease(const QString &name, const QByteArray &checklistMarkdown,
                                      const QString &sourceDescription);

    // The folder of an existing release; errors "invalid-release-id" or "unknown-release".
    Result<QString> releaseFolder(const QString &id) const;

    // release.json, rebuilt from the id (and the unusable file kept aside) when it cannot be read.
    Result<LoadedRelease> openRelease(const QString &id);
    Result<QByteArray> loadChecklistSource(const QString &id) const;
    Result<LoadedState> loadState(const QString &id);
    Status saveState(const QString &id, const ChecklistState &state);

    static constexpr qsizetype maxNameLength = 120;

private:
    QString m_dataDir;
    const Clock &m_clock;
};

} // namespace golive
