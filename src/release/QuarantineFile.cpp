#include "src/release/QuarantineFile.h"
#include "src/common/ErrorKind.h"

#include <QFile>
#include <QFileInfo>

namespace golive {

Result<QString> quarantineFile(const QString &path, const QDateTime &nowUtc)
{
    constexpr int kMaxAttempts = 100;
    const QString base = path + QStringLiteral(".corrupt-") +
                         nowUtc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QFile file(path);
    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
        const QString target = attempt == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(attempt);
        if (QFileInfo::exists(target))
            continue;
        // QFile::rename never replaces an existing file, so a name taken meanwhile is safe too.
        if (file.rename(target))
            return QFileInfo(target).fileName();
        if (!QFileInfo::exists(target))
            return Error{errorkind::io, QStringLiteral("Cannot move %1 aside to %2: %3")
                                            .arg(path, target, file.errorString())};
    }
    return Error{errorkind::io,
                 QStringLiteral("Cannot move %1 aside: too many earlier copies.").arg(path)};
}

} // namespace golive
