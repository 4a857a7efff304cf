#pragma once

#include "src/rollout/CommandJournal.h"

#include <QObject>

namespace golive {

class BackgroundRecorder;

// The release record as the rollout's CommandJournal: a command's intent is appended (and
// fsync'ed) on the recording thread, and only then is the step told it may start kubectl. Lives
// on the GUI thread; the answer comes back to it through the event loop.
class RecordCommandJournal : public QObject, public CommandJournal {
    Q_OBJECT
public:
    explicit RecordCommandJournal(QObject *parent = nullptr);

    // The open release's recording, or none and why (the record could not be opened).
    void setRecording(BackgroundRecorder *recording, Status problem);
    // An append that failed for a reason that will not pass by itself (a damaged record, an I/O
    // error) makes every later mutating step wait for a record that works.
    void noteFailure(const Error &error);

    Status problem() const override { return m_problem; }
    void begin(const CommandIntent &intent, QObject *context,
               std::function<void(Result<qint64>)> done) override;
    void end(qint64 begunSeq, const CommandIntent &intent, const KubectlRun &run) override;

private:
    BackgroundRecorder *m_recording = nullptr;
    Status m_problem;
};

} // namespace golive
