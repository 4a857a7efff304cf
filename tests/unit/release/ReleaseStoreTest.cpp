#include "src/release/ReleaseStore.h"

#include "FakeClock.h"
#include "src/common/AtomicFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "QStringPrinter.h"

#include <unistd.h>

using namespace golive;

namespace {

const QByteArray kChecklist = "# Cohere Production Checklist\r\n"
                              "## API & Authentication\r\n"
                              "- [ ] Using production API key (not trial — 20 calls/min)\r\n"
                              "- [x] Key rotation procedure documented\n";

QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(root).relativeFilePath(it.next()));
    files.sort();
    return files;
}

class ReleaseStoreTest : public ::testing::Test {
protected:
    QTemporaryDir m_dir;
    test::FakeClock m_clock{QDateTime(QDate(2026, 11, 24), QTime(14, 3, 27, 125), Qt::UTC)};
    ReleaseStore m_store{m_dir.path(), m_clock};

    ReleaseInfo create(const QString &name)
    {
        auto created = m_store.createRelease(name, kChecklist, QStringLiteral("bundled"));
        EXPECT_TRUE(created.ok()) << created.error().message.toStdString();
        return created.ok() ? created.value() : ReleaseInfo{};
    }

    QStringList listedIds()
    {
        QStringList ids;
        const auto releases = m_store.listReleases();
        EXPECT_TRUE(releases.ok());
        for (const ReleaseInfo &info : releases.value())
            ids.append(info.id);
        return ids;
    }
};

} // namespace

TEST_F(ReleaseStoreTest, CreatesAFolderWithTheChecklistVerbatimItsDescriptionAndAnEmptyState)
{
    const ReleaseInfo info = create(QStringLiteral("Cohere v2 GA"));
    EXPECT_EQ(info.id, QStringLiteral("2026-11-24-1403-cohere-v2-ga"));
    EXPECT_EQ(info.name, QStringLiteral("Cohere v2 GA"));
    EXPECT_EQ(info.createdUtc, m_clock.nowUtc());
    EXPECT_EQ(info.sourceDescription, QStringLiteral("bundled"));

    const QString folder = m_dir.filePath(QStringLiteral("releases/") + info.id);
    EXPECT_EQ(m_store.releaseFolder(info.id).value(), folder);
    EXPECT_EQ(filesUnder(folder),
              (QStringList{QStringLiteral("checklist.md"), QStringLiteral("release.json"),
                           QStringLiteral("state.json")}));

    const auto source = m_store.loadChecklistSource(info.id);
    ASSERT_TRUE(source.ok());
    EXPECT_EQ(source.value(), kChecklist);

    const auto opened = m_store.openRelease(info.id);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    EXPECT_EQ(opened.value().info, info);
    EXPECT_TRUE(opened.value().warnings.isEmpty());

    const auto state = m_store.loadState(info.id);
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
    EXPECT_TRUE(state.value().state.isEmpty());
    EXPECT_TRUE(state.value().warnings.isEmpty());
}

TEST_F(ReleaseStoreTest, ReleaseJsonIsReadableByPeople)
{
    const ReleaseInfo info = create(QStringLiteral("Cohere v2 GA"));
    QFile file(m_dir.filePath(QStringLiteral("releases/%1/release.json").arg(info.id)));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    EXPECT_EQ(json.value(QStringLiteral("format")).toString(), QStringLiteral("golive-release"));
    EXPECT_EQ(json.value(QStringLiteral("version")).toInt(), 1);
    EXPECT_EQ(json.value(QStringLiteral("id")).toString(), info.id);
    EXPECT_EQ(json.value(QStringLiteral("name")).toString(), QStringLiteral("Cohere v2 GA"));
    EXPECT_EQ(json.value(QStringLiteral("created")).toString(),
              QStringLiteral("2026-11-24T14:03:27.125Z"));
    EXPECT_EQ(json.value(QStringLiteral("source")).toString(), QStringLiteral("bundled"));
}

TEST_F(ReleaseStoreTest, TheSameNameTwiceInOneMinuteGetsTwoIds)
{
    const ReleaseInfo first = create(QStringLiteral("GA"));
    const ReleaseInfo second = create(QStringLiteral("GA"));
    m_clock.advanceSeconds(10);
    const ReleaseInfo third = create(QStringLiteral("ga"));
    EXPECT_EQ(first.id, QStringLiteral("2026-11-24-1403-ga"));
    EXPECT_EQ(second.id, QStringLiteral("2026-11-24-1403-ga-2"));
    EXPECT_EQ(third.id, QStringLiteral("2026-11-24-1403-ga-3"));
    EXPECT_EQ(listedIds(), (QStringList{third.id, second.id, first.id}));
}

TEST_F(ReleaseStoreTest, ListsNewestFirst)
{
    const ReleaseInfo monday = create(QStringLiteral("Monday dry run"));
    m_clock.advanceSeconds(24 * 3600);
    const ReleaseInfo tuesday = create(QStringLiteral("Tuesday go-live"));
    m_clock.advanceSeconds(90);
    const ReleaseInfo retry = create(QStringLiteral("Tuesday retry"));
    EXPECT_EQ(listedIds(), (QStringList{retry.id, tuesday.id, monday.id}));
    const auto newest = m_store.newestRelease();
    ASSERT_TRUE(newest.ok());
    EXPECT_EQ(newest.value(), retry);
}

TEST_F(ReleaseStoreTest, NoReleasesYetIsAnEmptyListAndANamedError)
{
    EXPECT_TRUE(listedIds().isEmpty());
    const auto newest = m_store.newestRelease();
    ASSERT_FALSE(newest.ok());
    EXPECT_EQ(newest.error().kind, QStringLiteral("no-releases"));
}

TEST_F(ReleaseStoreTest, FoldersThatAreNotReleasesAreNotListed)
{
    const ReleaseInfo info = create(QStringLiteral("GA"));
    QDir releases(m_store.releasesDir());
    ASSERT_TRUE(releases.mkdir(QStringLiteral("notes")));
    ASSERT_TRUE(releases.mkdir(QStringLiteral(".git")));
    ASSERT_TRUE((writeFileAtomically(releases.filePath(QStringLiteral("README.md")), "hi")).ok());
    EXPECT_EQ(listedIds(), QStringList{info.id});
}

TEST_F(ReleaseStoreTest, AReleaseFolderACreationCutShortLeftWithoutItsChecklistIsNotARelease)
{
    const ReleaseInfo info = create(QStringLiteral("GA"));
    // What a kill right after the id was claimed leaves: a later, empty release folder.
    QDir releases(m_store.releasesDir());
    ASSERT_TRUE(releases.mkdir(QStringLiteral("2099-01-01-0000-cut-short")));
    EXPECT_EQ(listedIds(), QStringList{info.id});
    ASSERT_TRUE(m_store.newestRelease().ok());
    EXPECT_EQ(m_store.newestRelease().value().id, info.id);
}

TEST_F(ReleaseStoreTest, RejectsNamesThatAreEmptyTooLongOrMultiLine)
{
    for (const QString &name : {QString(), QStringLiteral("   "), QStringLiteral("GA\nrm -rf"),
                                QStringLiteral("tab\there"), QString(121, QLatin1Char('x'))}) {
        SCOPED_TRACE(name.toStdString());
        const auto created = m_store.createRelease(name, kChecklist, QStringLiteral("bundled"));
        ASSERT_FALSE(created.ok());
        EXPECT_EQ(created.error().kind, QStringLiteral("invalid-name"));
    }
    EXPECT_TRUE(filesUnder(m_dir.path()).isEmpty());
}

TEST_F(ReleaseStoreTest, RejectsIdsThatCouldEscapeTheReleasesFolder)
{
    create(QStringLiteral("GA"));
    const QStringList before = filesUnder(m_dir.path());
    for (const QString &id :
         {QStringLiteral(".."), QStringLiteral("../.."), QStringLiteral("/tmp"),
          QStringLiteral("2026-11-24-1403-ga/../../outside"), QStringLiteral("2026-11-24-1403-ga/"),
          QStringLiteral(""), QStringLiteral("~")}) {
        SCOPED_TRACE(id.toStdString());
        EXPECT_EQ(m_store.releaseFolder(id).error().kind, QStringLiteral("invalid-release-id"));
        EXPECT_EQ(m_store.loadState(id).error().kind, QStringLiteral("invalid-release-id"));
        EXPECT_EQ(m_store.loadChecklistSource(id).error().kind,
                  QStringLiteral("invalid-release-id"));
        EXPECT_EQ(m_store.openRelease(id).error().kind, QStringLiteral("invalid-release-id"));
        const auto saved = m_store.saveState(id, {{QStringLiteral("x"), ItemState{}}});
        ASSERT_TRUE(saved.failed());
        EXPECT_EQ(saved->kind, QStringLiteral("invalid-release-id"));
        EXPECT_TRUE(saved->message.contains(id)) << saved->message.toStdString();
    }
    EXPECT_EQ(filesUnder(m_dir.path()), before);
}

TEST_F(ReleaseStoreTest, AnUnknownReleaseIsNamedAndNotCreatedBySaving)
{
    const QString id = QStringLiteral("2026-11-24-1403-never-made");
    const auto saved = m_store.saveState(id, {{QStringLiteral("x"), ItemState{}}});
    ASSERT_TRUE(saved.failed());
    EXPECT_EQ(saved->kind, QStringLiteral("unknown-release"));
    EXPECT_TRUE(saved->message.contains(id));
    EXPECT_EQ(m_store.loadState(id).error().kind, QStringLiteral("unknown-release"));
    EXPECT_FALSE(QFileInfo::exists(QDir(m_store.releasesDir()).filePath(id)));
}

TEST_F(ReleaseStoreTest, SavedStateIsLoadedBackAndThePreviousOneIsKept)
{
    const ReleaseInfo info = create(QStringLiteral("GA"));
    ItemState ticked;
    ticked.checked = true;
    ticked.who = QStringLiteral("ana");
    ticked.atUtc = m_clock.nowUtc();
    ticked.history = {{true, QStringLiteral("ana"), m_clock.nowUtc(), {}, {}}};
    const ChecklistState first{{QStringLiteral("prod-key"), ticked}};
    ChecklistState second = first;
    second[QStringLiteral("billing")].note = QStringLiteral("waiting for finance");

    ASSERT_TRUE((m_store.saveState(info.id, first)).ok());
    ASSERT_TRUE((m_store.saveState(info.id, second)).ok());

    const auto loaded = m_store.loadState(info.id);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded.value().state, second);
    EXPECT_TRUE(loaded.value().warnings.isEmpty());

    // state.prev.json is the state before the last save, so losing state.json costs one change.
    const QString folder = m_store.releaseFolder(info.id).value();
    ASSERT_TRUE(QFile::remove(QDir(folder).filePath(QStringLiteral("state.json"))));
    EXPECT_EQ(m_store.loadState(info.id).value().state, first);
}

TEST_F(ReleaseStoreTest, ADataFolderThatIsAFileGivesAnErrorNamingIt)
{
    const QString blocker = m_dir.filePath(QStringLiteral("not-a-folder"));
    ASSERT_TRUE((writeFileAtomically(blocker, "x")).ok());
    ReleaseStore store(blocker, m_clock);
    const auto created = store.createRelease(QStringLiteral("GA"), kChecklist, {});
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().kind, QStringLiteral("io"));
    EXPECT_TRUE(created.error().message.contains(blocker)) << created.error().message.toStdString();
}

namespace {

// chmod does not stop root, so read-only tests can only run as a normal user.
bool permissionsAreEnforced(const QString &readOnlyDir)
{
    if (::geteuid() == 0)
        return false;
    QFile probe(QDir(readOnlyDir).filePath(QStringLiteral("probe")));
    if (probe.open(QIODevice::WriteOnly)) {
        probe.remove();
        return false;
    }
    return true;
}

constexpr QFileDevice::Permissions kReadOnlyDir =
    QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup | QFileDevice::ExeGroup;
constexpr QFileDevice::Permissions kWritableDir = kReadOnlyDir | QFileDevice::WriteOwner;

} // namespace

TEST_F(ReleaseStoreTest, AReadOnlyDataFolderGivesAnErrorNamingThePath)
{
    const QString data = m_dir.filePath(QStringLiteral("data"));
    ASSERT_TRUE(QDir().mkpath(data));
    ASSERT_TRUE(QFile::setPermissions(data, kReadOnlyDir));
    if (!permissionsAreEnforced(data)) {
        QFile::setPermissions(data, kWritableDir);
        GTEST_SKIP() << "running as root (or on a file system that ignores permissions): a "
                        "read-only folder is still writable, so this cannot be tested here";
    }
    ReleaseStore store(data, m_clock);
    const auto created = store.createRelease(QStringLiteral("GA"), kChecklist, {});
    QFile::setPermissions(data, kWritableDir);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().kind, QStringLiteral("io"));
    EXPECT_TRUE(created.error().message.contains(data)) << created.error().message.toStdString();
}

TEST_F(ReleaseStoreTest, SavingIntoAReadOnlyReleaseGivesAnErrorNamingThePath)
{
    const ReleaseInfo info = create(QStringLiteral("GA"));
    const QString folder = m_store.releaseFolder(info.id).value();
    ASSERT_TRUE(QFile::setPermissions(folder, kReadOnlyDir));
    if (!permissionsAreEnforced(folder)) {
        QFile::setPermissions(folder, kWritableDir);
        GTEST_SKIP() << "running as root (or on a file system that ignores permissions): a "
                        "read-only folder is still writable, so this cannot be tested here";
    }
    const auto saved = m_store.saveState(info.id, {{QStringLiteral("x"), ItemState{}}});
    QFile::setPermissions(folder, kWritableDir);
    ASSERT_TRUE(saved.failed());
    EXPECT_TRUE(saved->message.contains(folder)) << saved->message.toStdString();
    EXPECT_TRUE(m_store.loadState(info.id).value().state.isEmpty());
}
