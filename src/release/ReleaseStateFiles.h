#pragma once

#include "src/checklist/ItemState.h"
#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/release/LoadedState.h"

#include <QString>

namespace golive {

// The checklist state files of one release folder: state.json and the previous good copy,
// state.prev.json. Saving copies the current good state.json to state.prev.json and then replaces
// state.json, both atomically, so a crash at any instant leaves a good state.json (old or new).
// Loading repairs what it finds: an unusable file is moved aside (never deleted or overwritten),
// the newest good state is used and restored as state.json, and every repair becomes a warning.
class ReleaseStateFiles {
public:
    ReleaseStateFiles(QString folder, const Clock &clock);

    Result<LoadedState> load();
    Status save(const ChecklistState &state);

    QString statePath() const;
    QString previousPath() const;

    // State files are a few kilobytes; anything near this is not ours.
    static constexpr qint64 maxFileBytes = 16 * 1024 * 1024;

private:
    QString m_folder;
    const Clock &m_clock;
};

} // namespace golive
