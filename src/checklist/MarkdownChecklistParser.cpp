#include "src/checklist/MarkdownChecklistParser.h"
#include "src/common/ErrorKind.h"

#include "src/checklist/ChecklistParseRun.h"

#include "src/common/AtomicFile.h"

#include <QFileInfo>

namespace golive {

Result<ChecklistDocument> MarkdownChecklistParser::parse(const QByteArray &markdown)
{
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
        return Error{errorkind::tooLarge,
                     QStringLiteral("The checklist %1 is %2 bytes; checklists may be at most %3 "
                                    "bytes (2 MiB).")
                         .arg(path)
                         .arg(info.size())
                         .arg(kMaxFileBytes)};
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
