#include "src/secrets/RedactingMessageHandler.h"
#include "src/common/ErrorKind.h"

#include "src/secrets/Redactor.h"

#include <QFile>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>
#include <memory>

namespace golive {

namespace {

struct HandlerState {
    QMutex mutex; // messages arrive from any thread
    LogSink sink;
    std::unique_ptr<QFile> logFile;
    QtMessageHandler previous = nullptr;
    bool installed = false;
};

HandlerState &state()
{
    // Leaked on purpose: Qt may log while static objects are being destroyed.
    static auto *instance = new HandlerState;
    return *instance;
}

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString line = Redactor::redact(qFormatLogMessage(type, context, message));
    HandlerState &s = state();
    QMutexLocker locker(&s.mutex);
    if (s.sink) {
        s.sink(type, line);
    } else {
        const QByteArray bytes = line.toLocal8Bit() + '\n';
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
    }
    if (s.logFile) {
        // A log is appended line by line and must survive a crash right after the line, so it is
        // written and flushed in place rather than rewritten atomically like the data files.
        s.logFile->write(line.toUtf8() + '\n');
        s.logFile->flush();
    }
}

} // namespace

Status installRedactingMessageHandler(const QString &logFilePath)
{
    return installRedactingMessageHandler(LogSink{}, logFilePath);
}

Status installRedactingMessageHandler(LogSink sink, const QString &logFilePath)
{
    HandlerState &s = state();
    Status status;
    {
        QMutexLocker locker(&s.mutex);
        s.sink = std::move(sink);
        s.logFile.reset();
        if (!logFilePath.isEmpty()) {
            auto file = std::make_unique<QFile>(logFilePath);
            if (file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
                s.logFile = std::move(file);
            } else {
                status = Error{errorkind::io,
                               QStringLiteral("Cannot open the log file %1 for appending: %2")
                                   .arg(logFilePath, file->errorString())};
            }
        }
        if (!s.installed) {
            s.previous = qInstallMessageHandler(redactingHandler);
            s.installed = true;
        }
    }
    return status;
}

void uninstallRedactingMessageHandler()
{
    HandlerState &s = state();
    QMutexLocker locker(&s.mutex);
    if (!s.installed)
        return;
    qInstallMessageHandler(s.previous);
    s.previous = nullptr;
    s.installed = false;
    s.sink = {};
    s.logFile.reset();
}

} // namespace golive
