#include "src/console/RecordCommandJournal.h"

#include "src/common/ErrorKind.h"
#include "src/console/BackgroundRecorder.h"

#include <QPointer>

namespace golive {

RecordCommandJournal::RecordCommandJournal(QObject *parent)
    : QObject(parent),
      m_problem(Error{errorkind::io, QStringLiteral("No release is open to record into.")})
{
}

void RecordCommandJournal::setRecording(BackgroundRecorder *recording, Status problem)
{
    m_recording = recording;
    m_problem = std::move(problem);
}

void RecordCommandJournal::noteFailure(const Error &error)
{
    if (error.kind == errorkind::io || error.kind == QLatin1String("corrupt-record"))
        m_problem = error;
}

void RecordCommandJournal::begin(const CommandIntent &intent, QObject *context,
                                 std::function<void(Result<qint64>)> done)
{
    QPointer<QObject> guard(context); // read on this thread only
    if (!m_recording) {
        const Error why = m_problem.failed() ? *m_problem
                                             : Error{errorkind::io, QStringLiteral("No release "
                                                                                   "is open.")};
        QMetaObject::invokeMethod(
            this,
            [guard, done = std::move(done), why] {
                if (guard)
                    done(why);
            },
            Qt::QueuedConnection);
        return;
    }
    m_recording->post([this, intent, guard, done = std::move(done)](ReleaseRecorder &recorder) {
        const auto event = recorder.recordCommandBegun(intent);
        Result<qint64> seq =
            event.ok() ? Result<qint64>(event.value().seq) : Result<qint64>(event.error());
        // Back on the GUI thread: the event is on disk (or it is not, and says why).
        QMetaObject::invokeMethod(
            this,
            [this, guard, done, seq] {
                if (seq.ok())
                    m_problem = std::nullopt;
                else
                    noteFailure(seq.error());
                if (guard)
                    done(seq);
            },
            Qt::QueuedConnection);
    });
}

void RecordCommandJournal::end(qint64 begunSeq, const CommandIntent &intent, const KubectlRun &run)
{
    if (!m_recording)
        return;
    m_recording->post([begunSeq, intent, run](ReleaseRecorder &recorder) {
        recorder.recordCommandEnded(begunSeq, intent, run);
    });
}

} // namespace golive
