#include "src/release/ReleaseStore.h"
#include "src/common/ErrorKind.h"

#include "src/common/AtomicFile.h"
#include "src/release/ProblemText.h"
#include "src/release/QuarantineFile.h"
#include "src/release/ReleaseId.h"
#include "src/release/ReleaseInfoJson.h"
#include "src/release/ReleaseStateFiles.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace golive {

namespace {

constexpr qint64 kMaxReleaseJsonBytes = 1024 * 1024;
constexpr qint64 kMaxChecklistBytes = 8 * 1024 * 1024;
constexpr int kMaxIdSuffix = 1000;

const QString kReleaseJson = QStringLiteral("release.json");
const QString kChecklist = QStringLiteral("checklist.md");

Status validateName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error{QStringLiteral("invalid-name"), QStringLiteral("A release needs a name.")};
    if (trimmed.size() > ReleaseStore::maxNameLength)
        return Error{QStringLiteral("invalid-name"),
                     QStringLiteral("The release name is %1 characters long; at most %2 are "
                                    "allowed.")
                         .arg(trimmed.size())
                         .arg(ReleaseStore::maxNameLength)};
    const bool hasControl = std::any_of(trimmed.cbegin(), trimmed.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control;
    });
    if (hasControl)
        return Error{QStringLiteral("invalid-name"),
                     QStringLiteral("The release name contains a line break or another control "
                                    "character.")};
    return std::nullopt;
}

// What the folder name alone says, for a release whose release.json is gone or unusable.
ReleaseInfo infoFromId(const QString &id)
{
    ReleaseInfo info;
    info.id = id;
    info.name = ReleaseId::slug(id);
    info.createdUtc = ReleaseId::createdUtc(id);
    return info;
}

Result<ReleaseInfo> readReleaseJson(const QString &folder, const QString &id)
{
    const QString path = QDir(folder).filePath(kReleaseJson);
    if (!QFileInfo::exists(path))
        return Error{errorkind::missing, QStringLiteral("The file is missing.")};
    auto bytes = readFileCapped(path, kMaxReleaseJsonBytes);
    if (!bytes)
        return bytes.error();
    auto info = ReleaseInfoJson::fromJson(bytes.value());
    if (info)
        info.value().id = id; // the folder name is the id; a copied folder keeps its own
    return info;
}

} // namespace

ReleaseStore::ReleaseStore(QString dataDir, const Clock &clock)
    : m_dataDir(std::move(dataDir)), m_clock(clock)
{
}

QString ReleaseStore::releasesDir() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("releases"));
}

Result<QList<ReleaseInfo>> ReleaseStore::listReleases() const
{
    QList<ReleaseInfo> releases;
    const QDir dir(releasesDir());
    if (!dir.exists())
        return releases;
    if (!QFileInfo(dir.path()).isReadable())
        return Error{errorkind::io,
                     QStringLiteral("Cannot read the releases folder %1.").arg(dir.path())};
    const QStringList ids = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &id : ids) {
        if (ReleaseId::validate(id).failed())
            continue; // not a release folder: leave it alone
        // A folder without its checklist was never finished: createRelease was cut short (a
        // kill, a crash) right after claiming the id. It is no release to open or record into.
        if (!QFileInfo::exists(QDir(dir.filePath(id)).filePath(kChecklist)))
            continue;
        auto info = readReleaseJson(dir.filePath(id), id);
        releases.append(info ? info.value() : infoFromId(id));
    }
    // Ties (same millisecond) fall back to the id; a longer id of equal time is a "-N" sibling
    // created after the shorter one.
    std::sort(releases.begin(), releases.end(), [](const ReleaseInfo &a, const ReleaseInfo &b) {
        if (a.createdUtc != b.createdUtc)
            return a.createdUtc > b.createdUtc;
        if (a.id.size() != b.id.size())
            return a.id.size() > b.id.size();
        return a.id > b.id;
    });
    return releases;
}

Result<ReleaseInfo> ReleaseStore::newestRelease() const
{
    auto releases = listReleases();
    if (!releases)
        return releases.error();
    if (releases.value().isEmpty())
        return Error{errorkind::noReleases,
                     QStringLiteral("There is no release in %1 yet.").arg(releasesDir())};
    return releases.value().first();
}

Result<ReleaseInfo> ReleaseStore::createRelease(const QString &name,
                                                const QByteArray &checklistMarkdown,
                                                const QString &sourceDescription)
{
    if (const Status error = validateName(name); error.failed())
        return *error;
    if (!QDir().mkpath(releasesDir()))
        return Error{errorkind::io,
                     QStringLiteral("Cannot create the releases folder %1; is %2 writable?")
                         .arg(releasesDir(), m_dataDir)};

    ReleaseInfo info;
    info.name = name.trimmed();
    info.createdUtc = m_clock.nowUtc().toUTC();
    info.sourceDescription = sourceDescription;
    const QString baseId = ReleaseId::make(info.createdUtc, info.name);

    // mkdir fails when the folder exists, so claiming the id is atomic even across processes.
    QDir releases(releasesDir());
    for (int suffix = 1; suffix <= kMaxIdSuffix && info.id.isEmpty(); ++suffix) {
        const QString candidate =
            suffix == 1 ? baseId : QStringLiteral("%1-%2").arg(baseId).arg(suffix);
        if (releases.exists(candidate))
            continue;
        if (releases.mkdir(candidate))
            info.id = candidate;
        else if (!releases.exists(candidate))
            return Error{errorkind::io,
                         QStringLiteral("Cannot create the release folder %1; is %2 writable?")
                             .arg(releases.filePath(candidate), releasesDir())};
    }
    if (info.id.isEmpty())
        return Error{
            errorkind::io,
            QStringLiteral("Too many releases named \"%1\" in one minute.").arg(info.name)};

    const QString folder = releases.filePath(info.id);
    // release.json goes last: a folder without it was never finished.
    Status error = writeFileAtomically(QDir(folder).filePath(kChecklist), checklistMarkdown);
    if (error.ok())
        error = ReleaseStateFiles(folder, m_clock).save(ChecklistState{});
    if (error.ok())
        error =
            writeFileAtomically(QDir(folder).filePath(kReleaseJson), ReleaseInfoJson::toJson(info));
    if (error.failed()) {
        QDir(folder).removeRecursively(); // only what this call just created
        return *error;
    }
    return info;
}

Result<QString> ReleaseStore::releaseFolder(const QString &id) const
{
    if (const Status error = ReleaseId::validate(id); error.failed())
        return *error;
    const QString folder = QDir(releasesDir()).filePath(id);
    if (!QFileInfo(folder).isDir())
        return Error{QStringLiteral("unknown-release"),
                     QStringLiteral("There is no release %1 in %2.").arg(id, releasesDir())};
    return folder;
}

Result<LoadedRelease> ReleaseStore::openRelease(const QString &id)
{
    auto folder = releaseFolder(id);
    if (!folder)
        return folder.error();
    auto info = readReleaseJson(folder.value(), id);
    if (info)
        return LoadedRelease{info.value(), {}};
    if (info.error().kind == errorkind::io)
        return info.error();

    LoadedRelease loaded;
    loaded.info = infoFromId(id);
    const QString path = QDir(folder.value()).filePath(kReleaseJson);
    const QString what = asClause(info.error().message);
    QString kept;
    if (info.error().kind != errorkind::missing) {
        auto moved = quarantineFile(path, m_clock.nowUtc());
        if (!moved)
            return Error{moved.error().kind,
                         QStringLiteral("release.json of %1 is unusable (%2) and could not be "
                                        "moved aside (%3).")
                             .arg(id, what, asClause(moved.error().message))};
        kept = QStringLiteral("; it was kept as %1").arg(moved.value());
    }
    loaded.warnings.append(
        QStringLiteral("release.json could not be used (%1)%2, and a new one was made from the "
                       "folder name (name \"%3\", created %4 UTC).")
            .arg(what, kept, loaded.info.name,
                 loaded.info.createdUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    if (const Status error = writeFileAtomically(path, ReleaseInfoJson::toJson(loaded.info));
        error.failed())
        loaded.warnings.append(QStringLiteral("The rebuilt release.json could not be saved (%1).")
                                   .arg(asClause(error->message)));
    return loaded;
}

Result<QByteArray> ReleaseStore::loadChecklistSource(const QString &id) const
{
    auto folder = releaseFolder(id);
    if (!folder)
        return folder.error();
    return readFileCapped(QDir(folder.value()).filePath(kChecklist), kMaxChecklistBytes);
}

Result<LoadedState> ReleaseStore::loadState(const QString &id)
{
    auto folder = releaseFolder(id);
    if (!folder)
        return folder.error();
    return ReleaseStateFiles(folder.value(), m_clock).load();
}

Status ReleaseStore::saveState(const QString &id, const ChecklistState &state)
{
    auto folder = releaseFolder(id);
    if (!folder)
        return folder.error();
    return ReleaseStateFiles(folder.value(), m_clock).save(state);
}

} // namespace golive
