#pragma once

#include "src/checklist/ItemState.h"
#include "src/common/Error.h"

#include <QMutex>
#include <QObject>
#include <QThread>

#include <optional>

namespace golive {

class Clock;

// Saves the open release's checklist state on a thread of its own. A save is two atomic writes
// with an fsync each (state.prev.json, state.json: ~10 ms here, far more on a busy disk) and
// happens on every tick; the GUI thread must not wait for it. Only the newest state matters, so
// states handed over while one is being written collapse into one write.
class StateSaver : public QObject {
    Q_OBJECT
public:
    explicit StateSaver(const Clock &clock, QObject *parent = nullptr);
    // Writes what is still pending, then stops the thread.
    ~StateSaver() override;

    void save(const QString &releaseFolder, const ChecklistState &state);
    // Returns once every state handed over so far is written (or has failed): before the files
    // are read back or handed to another program.
    void flush();

Q_SIGNALS:
    // A save that failed; the state is still in memory and the next change tries again.
    void saveFailed(const golive::Error &error);

private:
    struct Pending {
        QString releaseFolder;
        ChecklistState state;
    };
    void writePending(); // on the saving thread

    const Clock &m_clock;
    QThread m_thread;
    QObject m_worker; // lives on m_thread; the writes run in its context
    QMutex m_mutex;   // guards the two below
    std::optional<Pending> m_pending;
    bool m_writeQueued = false;
};

} // namespace golive
