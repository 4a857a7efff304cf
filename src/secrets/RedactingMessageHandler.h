#pragma once

#include "src/common/Error.h"

#include <QString>
#include <QtGlobal>

#include <functional>

namespace golive {

// Where a finished, already redacted log line goes instead of stderr.
using LogSink = std::function<void(QtMsgType type, const QString &line)>;

// Installs a Qt message handler through which every qDebug/qInfo/qWarning/qCritical/qFatal of the
// process passes: the line is formatted (QT_MESSAGE_PATTERN applies), run through
// Redactor::redact(), and only then written to stderr, or to `sink` when one is given, and, when
// `logFilePath` is not empty, appended to that file. So no log line anywhere carries a secret the
// Redactor knows or recognises.
//
// Returns an Error if the log file cannot be opened for appending; the handler is installed anyway
// (stderr or the sink still receive every line). Installing again replaces the previous sink and
// file; uninstallRedactingMessageHandler() restores the handler that was there before the first
// install. The sink is called under a lock and must not log itself.
Status installRedactingMessageHandler(const QString &logFilePath = {});
Status installRedactingMessageHandler(LogSink sink, const QString &logFilePath = {});
void uninstallRedactingMessageHandler();

} // namespace golive
