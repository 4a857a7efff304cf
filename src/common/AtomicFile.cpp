#include "src/common/AtomicFile.h"
#include "src/common/ErrorKind.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <unistd.h>

namespace golive {

Status writeFileAtomically(const QString &path, const QByteArray &content)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error{errorkind::io,
                     QStringLiteral("Cannot create the folder %1.").arg(info.absolutePath())};

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{errorkind::io,
                     QStringLiteral("Cannot write %1: %2").arg(path, file.errorString())};
    if (file.write(content) != content.size()) {
        file.cancelWriting();
        return Error{errorkind::io,
                     QStringLiteral("Cannot write %1: %2").arg(path, file.errorString())};
    }
    // QSaveFile renames without syncing; flush the data first so the rename never exposes an empty
    // file after a power loss.
    file.flush();
    ::fsync(file.handle());
    if (!file.commit())
        return Error{errorkind::io,
                     QStringLiteral("Cannot save %1: %2").arg(path, file.errorString())};
    return std::nullopt;
}

Result<QByteArray> readFileCapped(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{errorkind::io,
                     QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())};
    if (file.size() > maxBytes)
        return Error{errorkind::tooLarge,
                     QStringLiteral("%1 is %2 bytes, more than the %3 bytes allowed.")
                         .arg(path)
                         .arg(file.size())
                         .arg(maxBytes)};
    return file.readAll();
}

} // namespace golive
