#include "src/console/BackgroundRecorder.h"

#include "src/release/ReleaseRecord.h"

namespace golive {

BackgroundRecorder::BackgroundRecorder(std::unique_ptr<ReleaseRecord> record,
                                       std::unique_ptr<ReleaseRecorder> recorder)
    : m_record(std::move(record)), m_recorder(std::move(recorder))
{
    m_thread.setObjectName(QStringLiteral("golive-record"));
    m_recorder->moveToThread(&m_thread);
    m_thread.start();
}

BackgroundRecorder::~BackgroundRecorder()
{
    // Queued behind every event already handed over, so none is lost; then the thread ends and
    // the recorder and the record can go.
    QMetaObject::invokeMethod(
        m_recorder.get(), [this] { m_thread.quit(); }, Qt::QueuedConnection);
    m_thread.wait();
    m_recorder.reset();
    m_record.reset();
}

void BackgroundRecorder::post(std::function<void(ReleaseRecorder &)> work)
{
    ReleaseRecorder *recorder = m_recorder.get();
    QMetaObject::invokeMethod(
        recorder, [recorder, work = std::move(work)] { work(*recorder); }, Qt::QueuedConnection);
}

void BackgroundRecorder::flush()
{
    QMetaObject::invokeMethod(
        m_recorder.get(), [] {}, Qt::BlockingQueuedConnection);
}

} // namespace golive
