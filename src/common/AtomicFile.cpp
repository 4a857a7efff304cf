#include "src/common/AtomicFile.h"
#include "src/common/ErrorKind.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <QScopeGuard>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
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

namespace {

// A file compiled into golive (":/golive/..."): in memory, of a size golive chose.
Result<QByteArray> readResourceCapped(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{errorkind::io,
                     QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())};
    if (file.size() > maxBytes)
        return Error{
            errorkind::tooLarge,
            QStringLiteral("%1 is larger than the %2 bytes allowed.").arg(path).arg(maxBytes)};
    return file.readAll();
}

} // namespace

Result<QByteArray> readFileCapped(const QString &path, qint64 maxBytes)
{
    if (path.startsWith(QLatin1Char(':')))
        return readResourceCapped(path, maxBytes);
    // Opened without blocking and checked on the open descriptor: a FIFO would hang the open, and
    // /dev/zero or a growing file would never end a read that trusts size().
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return Error{errorkind::io, QStringLiteral("Cannot read %1: %2")
                                        .arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    struct stat info = {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
        return Error{errorkind::io,
                     QStringLiteral("%1 is not a regular file (a folder, a pipe or a device): "
                                    "golive reads only regular files.")
                         .arg(path)};
    QByteArray bytes;
    char chunk[64 * 1024];
    while (true) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error{errorkind::io,
                         QStringLiteral("Cannot read %1: %2")
                             .arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
        if (n == 0)
            return bytes;
        if (bytes.size() + n > maxBytes)
            return Error{
                errorkind::tooLarge,
                QStringLiteral("%1 is larger than the %2 bytes allowed.").arg(path).arg(maxBytes)};
        bytes.append(chunk, n);
    }
}

} // namespace golive
