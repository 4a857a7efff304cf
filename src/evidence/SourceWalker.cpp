#include "src/evidence/SourceWalker.h"

#include <QDir>
#include <QFileInfo>

namespace golive {

namespace {

// Why a folder is not the team's code, or an empty string when it is.
QString skippedFolderReason(const QFileInfo &folder)
{
    const QString name = folder.fileName();
    if (name == QLatin1String("node_modules"))
        return QStringLiteral("node_modules");
    if (name == QLatin1String(".venv") || name == QLatin1String("venv") ||
        name == QLatin1String("site-packages") ||
        QFileInfo::exists(folder.filePath() + QStringLiteral("/pyvenv.cfg")))
        return QStringLiteral("virtual environment");
    if (name == QLatin1String("build") || name == QLatin1String("dist") ||
        name == QLatin1String(".next") || name == QLatin1String("__pycache__"))
        return QStringLiteral("build output");
    if (name == QLatin1String(".git"))
        return QStringLiteral("version control");
    return QString();
}

void walk(const QString &root, const QString &folder, SourceWalker::Listing &listing)
{
    const QFileInfoList entries = QDir(folder).entryInfoList(
        QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (entry.isDir()) {
            if (entry.isSymLink()) {
                ++listing.skipped[QStringLiteral("symbolic link to a folder")];
                continue;
            }
            const QString reason = skippedFolderReason(entry);
            if (!reason.isEmpty()) {
                ++listing.skipped[reason];
                continue;
            }
            walk(root, entry.filePath(), listing);
            continue;
        }
        const auto language = SourceWalker::languageOf(entry.fileName());
        if (!language) {
            if (entry.fileName().endsWith(QLatin1String(".tsx")))
                ++listing.skipped[QStringLiteral("TSX (not parsed)")];
            continue;
        }
        if (!entry.isFile()) {
            ++listing.skipped[QStringLiteral("not a regular file")];
            continue;
        }
        if (entry.size() > SourceWalker::MaxFileBytes) {
            ++listing.skipped[QStringLiteral("over 1 MiB")];
            continue;
        }
        listing.files.append(
            {entry.filePath(), QDir(root).relativeFilePath(entry.filePath()), *language});
    }
}

} // namespace

SourceWalker::Listing SourceWalker::list(const QString &root)
{
    Listing listing;
    walk(root, root, listing);
    return listing;
}

std::optional<SourceLanguage> SourceWalker::languageOf(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return std::nullopt;
    const QStringView extension = QStringView(fileName).sliced(dot + 1);
    if (extension == QLatin1String("ts") || extension == QLatin1String("mts") ||
        extension == QLatin1String("cts"))
        return SourceLanguage::TypeScript;
    if (extension == QLatin1String("js") || extension == QLatin1String("mjs") ||
        extension == QLatin1String("cjs") || extension == QLatin1String("jsx"))
        return SourceLanguage::JavaScript;
    if (extension == QLatin1String("py"))
        return SourceLanguage::Python;
    return std::nullopt;
}

bool SourceWalker::looksBinary(const QByteArray &head)
{
    return head.contains('\0');
}

} // namespace golive
