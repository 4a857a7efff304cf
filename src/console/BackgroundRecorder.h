#pragma once

#include "src/console/ReleaseRecorder.h"

#include <QThread>

#include <functional>
#include <memory>

namespace golive {

class ReleaseRecord;

// Runs a ReleaseRecorder, and with it the record's writes and fsyncs, on a thread of its own.
// An fsync takes ~4 ms on a quiet SSD and far longer on a busy disk, the probes record a sample
// every second per probe, and the GUI thread must never wait for one.
//
// Connect domain signals to recorder()'s slots as usual: the recorder lives on the recording
// thread, so the connections queue, and eventRecorded / recordFailed reach receivers on other
// threads in the order the events were handed over. Call recorder() methods directly only
// through post().
class BackgroundRecorder {
public:
    // `recorder` is set up (known states, operator) but not yet used; both are taken over.
    BackgroundRecorder(std::unique_ptr<ReleaseRecord> record,
                       std::unique_ptr<ReleaseRecorder> recorder);
    // Writes everything handed over, then stops the thread.
    ~BackgroundRecorder();

    BackgroundRecorder(const BackgroundRecorder &) = delete;
    BackgroundRecorder &operator=(const BackgroundRecorder &) = delete;

    ReleaseRecorder *recorder() const { return m_recorder.get(); }

    // Runs `work` on the recording thread, after everything handed over before it.
    void post(std::function<void(ReleaseRecorder &)> work);
    // Returns once everything handed over so far is written: before reading the file back.
    void flush();

private:
    std::unique_ptr<ReleaseRecord> m_record;
    std::unique_ptr<ReleaseRecorder> m_recorder;
    QThread m_thread;
};

} // namespace golive
