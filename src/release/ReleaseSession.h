#pragma once

#include "src/checklist/Checklist.h"
#include "src/common/Error.h"
#include "src/release/ReleaseStore.h"
#include "src/release/StateSaver.h"

#include <QObject>

namespace golive {

class Clock;

// The release the console is working on: its checklist, loaded from and saved to the
// release store. Every tick or note is handed at once to a saving thread (StateSaver); a failed
// save is reported and retried on the next change, and the state stays in memory meanwhile, so
// nothing the user did is lost.
class ReleaseSession : public QObject {
    Q_OBJECT
public:
    ReleaseSession(const QString &dataDir, const Clock &clock, QObject *parent = nullptr);

    Checklist *checklist() { return &m_checklist; }
    ReleaseStore &store() { return m_store; }
    const std::optional<ReleaseInfo> &current() const { return m_current; }

    // Opens the newest release, or creates the first one from the bundled checklist.
    Status openNewestOrCreate();
    // Creates and opens the first release ("First release", the bundled checklist).
    Result<ReleaseInfo> createFirst();
    Status open(const QString &releaseId);
    Result<ReleaseInfo> create(const QString &name, const QByteArray &checklistMarkdown,
                               const QString &sourceDescription);

    // Returns once every change so far is on disk: before another program reads the files.
    void flushSaves() { m_saver.flush(); }

Q_SIGNALS:
    void releaseOpened(const golive::ReleaseInfo &release);
    // Something the user must know that did not stop the work (a recovered state file, a failed
    // save).
    void warningRaised(const QString &message);

private:
    void saveState();

    ReleaseStore m_store;
    Checklist m_checklist;
    StateSaver m_saver;
    std::optional<ReleaseInfo> m_current;
};

} // namespace golive
