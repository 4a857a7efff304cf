#include "src/checklist/MarkdownChecklistParser.h"
#include "src/common/ErrorKind.h"

#include "src/checklist/ChecklistParseRun.h"

#include "src/common/AtomicFile.h"

#include <QFileInfo>

namespace golive {

Error MarkdownChecklistParser::tooLarge(const QString &what, qint64 size)
{
    return Error{errorkind::tooLarge,
                 QStringLiteral("%1 is %2 bytes (%3 MiB); checklists may be at most %4 bytes "
                                "(2 MiB).")
                     .arg(what)
                     .arg(size)
                     .arg(double(size) / (1024 * 1024), 0, 'f', 1)
                     .arg(kMaxFileBytes)};
}

Result<ChecklistDocument> MarkdownChecklistParser::parse(const QByteArray &markdown)
{
    // Every way in (a file, a release folder's copy, a new release) meets the same limit.
    if (markdown.size() > kMaxFileBytes)
        return tooLarge(QStringLiteral("The checklist"), markdown.size());
    return ChecklistParseRun().run(markdown);
}

Result<ChecklistDocument> MarkdownChecklistParser::parseFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{errorkind::io, QStringLiteral("The checklist %1 does not exist.").arg(path)};
    if (!info.isFile())
        return Error{errorkind::io,
                     QStringLiteral("The checklist %1 is not a regular file.").arg(path)};
    if (info.size() > kMaxFileBytes)
        return tooLarge(QStringLiteral("The checklist %1").arg(path), info.size());
    const Result<QByteArray> bytes = readFileCapped(path, kMaxFileBytes);
    if (!bytes.ok())
        return bytes.error();
    Result<ChecklistDocument> document = parse(bytes.value());
    if (!document.ok())
        return Error{document.error().kind,
                     QStringLiteral("%1: %2").arg(path, document.error().message)};
    return document;
}

} // namespace golive
