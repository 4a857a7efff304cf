#include "src/release/StateSaver.h"

#include "src/release/ReleaseStateFiles.h"

namespace golive {

StateSaver::StateSaver(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    m_thread.setObjectName(QStringLiteral("golive-state"));
    m_worker.moveToThread(&m_thread);
    m_thread.start();
}

StateSaver::~StateSaver()
{
    flush();
    m_thread.quit();
    m_thread.wait();
}

void StateSaver::save(const QString &releaseFolder, const ChecklistState &state)
{
    const QMutexLocker lock(&m_mutex);
    m_pending = Pending{releaseFolder, state};
    if (m_writeQueued)
        return; // the queued write will take this newer state
    m_writeQueued = true;
    QMetaObject::invokeMethod(
        &m_worker, [this] { writePending(); }, Qt::QueuedConnection);
}

void StateSaver::writePending()
{
    std::optional<Pending> pending;
    {
        const QMutexLocker lock(&m_mutex);
        pending.swap(m_pending);
        m_writeQueued = false;
    }
    if (!pending)
        return;
    if (const Status failed =
            ReleaseStateFiles(pending->releaseFolder, m_clock).save(pending->state);
        failed.failed())
        Q_EMIT saveFailed(*failed);
}

void StateSaver::flush()
{
    // Queued behind any write already handed over.
    QMetaObject::invokeMethod(
        &m_worker, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace golive
