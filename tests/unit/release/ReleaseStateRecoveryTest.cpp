#include "src/release/ReleaseStore.h"

#include "FakeClock.h"
#include "src/checklist/ChecklistStateJson.h"
#include "src/common/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "QStringPrinter.h"

using namespace golive;

namespace {

ChecklistState tickedState(const QString &id, const QString &note)
{
    ItemState item;
    item.checked = true;
    item.who = QStringLiteral("ana");
    item.atUtc = QDateTime(QDate(2026, 11, 24), QTime(14, 0), Qt::UTC);
    item.note = note;
    return {{id, item}};
}

// A release that has been saved twice: at 14:02 (state A) and at 14:03 (state B).
class ReleaseStateRecoveryTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto created = m_store.createRelease(QStringLiteral("GA"), "- [ ] a\n", {});
        ASSERT_TRUE(created.ok());
        m_id = created.value().id;
        m_folder = QDir(m_store.releaseFolder(m_id).value());
        m_clock.advanceSeconds(60);
        ASSERT_TRUE((m_store.saveState(m_id, m_stateA)).ok());
        m_clock.advanceSeconds(60);
        ASSERT_TRUE((m_store.saveState(m_id, m_stateB)).ok());
        m_clock.advanceSeconds(1);
    }

    QString path(const QString &name) const { return m_folder.filePath(name); }

    void overwrite(const QString &name, const QByteArray &bytes)
    {
        QFile file(path(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        ASSERT_EQ(file.write(bytes), bytes.size());
    }

    QByteArray contents(const QString &name) const
    {
        QFile file(path(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QStringList files() const { return m_folder.entryList(QDir::Files, QDir::Name); }

    LoadedState load()
    {
        auto loaded = m_store.loadState(m_id);
        EXPECT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
        return loaded.ok() ? loaded.value() : LoadedState{};
    }

    QTemporaryDir m_dir;
    test::FakeClock m_clock{QDateTime(QDate(2026, 11, 24), QTime(14, 1), Qt::UTC)};
    ReleaseStore m_store{m_dir.path(), m_clock};
    QString m_id;
    QDir m_folder;
    const ChecklistState m_stateA = tickedState(QStringLiteral("prod-key"), QStringLiteral("A"));
    const ChecklistState m_stateB = tickedState(QStringLiteral("prod-key"), QStringLiteral("B"));
};

} // namespace

TEST_F(ReleaseStateRecoveryTest, InvalidJsonIsKeptAsideAndThePreviousGoodStateIsUsed)
{
    const QByteArray garbage = contents(QStringLiteral("state.json")).left(120);
    overwrite(QStringLiteral("state.json"), garbage);

    const LoadedState loaded = load();
    EXPECT_EQ(loaded.state, m_stateA);
    ASSERT_EQ(loaded.warnings.size(), 1);
    // The offset and Qt's wording of the parse error vary with where the file was cut.
    const QRegularExpression expected(QStringLiteral(
        "^state\\.json could not be used \\(not valid JSON at offset \\d+: [a-z ]+\\); it was "
        "kept as state\\.json\\.corrupt-20261124T140301Z and the previous good state \\(saved "
        "2026-11-24 14:02 UTC\\) was used\\.$"));
    EXPECT_TRUE(expected.match(loaded.warnings.first()).hasMatch())
        << loaded.warnings.first().toStdString();
    EXPECT_EQ(contents(QStringLiteral("state.json.corrupt-20261124T140301Z")), garbage);
}

TEST_F(ReleaseStateRecoveryTest, AfterRecoveryTheNextLoadIsClean)
{
    overwrite(QStringLiteral("state.json"), "{ not json");
    EXPECT_EQ(load().state, m_stateA);
    const LoadedState again = load();
    EXPECT_EQ(again.state, m_stateA);
    EXPECT_TRUE(again.warnings.isEmpty()) << again.warnings.join(QLatin1Char('\n')).toStdString();
}

TEST_F(ReleaseStateRecoveryTest, AForeignFileIsNamedAsSuch)
{
    overwrite(QStringLiteral("state.json"), R"({"name": "my-app", "version": "1.0.0"})");
    const LoadedState loaded = load();
    EXPECT_EQ(loaded.state, m_stateA);
    ASSERT_EQ(loaded.warnings.size(), 1);
    EXPECT_TRUE(loaded.warnings.first().contains(QStringLiteral("foreign file")))
        << loaded.warnings.first().toStdString();
}

TEST_F(ReleaseStateRecoveryTest, AHandEditedFileIsCaughtByItsChecksum)
{
    QByteArray edited = contents(QStringLiteral("state.json"));
    edited.replace("\"B\"", "\"C\"");
    overwrite(QStringLiteral("state.json"), edited);
    const LoadedState loaded = load();
    EXPECT_EQ(loaded.state, m_stateA);
    ASSERT_EQ(loaded.warnings.size(), 1);
    EXPECT_TRUE(loaded.warnings.first().contains(QStringLiteral("checksum mismatch")))
        << loaded.warnings.first().toStdString();
    EXPECT_EQ(contents(QStringLiteral("state.json.corrupt-20261124T140301Z")), edited);
}

TEST_F(ReleaseStateRecoveryTest, AMissingStateFileFallsBackToThePreviousOne)
{
    ASSERT_TRUE(QFile::remove(path(QStringLiteral("state.json"))));
    const LoadedState loaded = load();
    EXPECT_EQ(loaded.state, m_stateA);
    ASSERT_EQ(loaded.warnings.size(), 1);
    EXPECT_TRUE(loaded.warnings.first().startsWith(QStringLiteral("state.json was missing")))
        << loaded.warnings.first().toStdString();
}

TEST_F(ReleaseStateRecoveryTest, BothFilesCorruptGiveAnEmptyStateAndKeepBoth)
{
    overwrite(QStringLiteral("state.json"), QByteArray("\x00\x01garbage", 9));
    overwrite(QStringLiteral("state.prev.json"), "[]");

    const LoadedState loaded = load();
    EXPECT_TRUE(loaded.state.isEmpty());
    ASSERT_EQ(loaded.warnings.size(), 2) << loaded.warnings.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(loaded.warnings.at(0).startsWith(QStringLiteral("state.json could not be used")));
    EXPECT_TRUE(loaded.warnings.at(0).contains(QStringLiteral("nothing is ticked")));
    EXPECT_TRUE(
        loaded.warnings.at(1).startsWith(QStringLiteral("state.prev.json could not be used")));
    EXPECT_TRUE(loaded.warnings.at(1).contains(QStringLiteral("foreign file")));
    EXPECT_TRUE(
        loaded.warnings.at(1).contains(QStringLiteral("state.prev.json.corrupt-20261124T140301Z")));

    EXPECT_EQ(contents(QStringLiteral("state.json.corrupt-20261124T140301Z")),
              QByteArray("\x00\x01garbage", 9));
    EXPECT_EQ(contents(QStringLiteral("state.prev.json.corrupt-20261124T140301Z")), "[]");
    // A fresh empty state.json was written so the release can be used again.
    EXPECT_EQ(files(), (QStringList{QStringLiteral("checklist.md"), QStringLiteral("release.json"),
                                    QStringLiteral("state.json"),
                                    QStringLiteral("state.json.corrupt-20261124T140301Z"),
                                    QStringLiteral("state.prev.json.corrupt-20261124T140301Z")}));
}

TEST_F(ReleaseStateRecoveryTest, TwoCorruptionsInOneSecondKeepBothFiles)
{
    overwrite(QStringLiteral("state.json"), "first garbage");
    load();
    overwrite(QStringLiteral("state.json"), "second garbage");
    const LoadedState loaded = load();
    ASSERT_EQ(loaded.warnings.size(), 1);
    EXPECT_TRUE(loaded.warnings.first().contains(
        QStringLiteral("kept as state.json.corrupt-20261124T140301Z-2")));
    EXPECT_EQ(contents(QStringLiteral("state.json.corrupt-20261124T140301Z")), "first garbage");
    EXPECT_EQ(contents(QStringLiteral("state.json.corrupt-20261124T140301Z-2")), "second garbage");
}

TEST_F(ReleaseStateRecoveryTest, SavingOverAnUnusableFileKeepsItAsideFirst)
{
    overwrite(QStringLiteral("state.json"), "someone else's notes");
    const ChecklistState stateC = tickedState(QStringLiteral("billing"), QStringLiteral("C"));
    ASSERT_TRUE((m_store.saveState(m_id, stateC)).ok());

    EXPECT_EQ(contents(QStringLiteral("state.json.corrupt-20261124T140301Z")),
              "someone else's notes");
    const LoadedState loaded = load();
    EXPECT_EQ(loaded.state, stateC);
    EXPECT_TRUE(loaded.warnings.isEmpty());
    // The garbage never became the "previous good state".
    EXPECT_EQ(ChecklistStateJson::fromJson(contents(QStringLiteral("state.prev.json"))).value(),
              m_stateA);
}

TEST_F(ReleaseStateRecoveryTest, AnUnusableReleaseJsonIsRebuiltFromTheFolderName)
{
    overwrite(QStringLiteral("release.json"), "{\"format\": \"golive-release\", \"version\": 1");

    // Listing does not touch the files but still shows the release.
    const auto listed = m_store.listReleases();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed.value().size(), 1);
    EXPECT_EQ(listed.value().first().id, m_id);

    const auto opened = m_store.openRelease(m_id);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    EXPECT_EQ(opened.value().info.id, m_id);
    EXPECT_EQ(opened.value().info.name, QStringLiteral("ga"));
    EXPECT_EQ(opened.value().info.createdUtc,
              QDateTime(QDate(2026, 11, 24), QTime(14, 1), Qt::UTC));
    ASSERT_EQ(opened.value().warnings.size(), 1);
    const QString warning = opened.value().warnings.first();
    EXPECT_TRUE(
        warning.startsWith(QStringLiteral("release.json could not be used (not valid JSON")))
        << warning.toStdString();
    EXPECT_TRUE(warning.contains(QStringLiteral("kept as release.json.corrupt-20261124T140301Z")))
        << warning.toStdString();
    EXPECT_EQ(contents(QStringLiteral("release.json.corrupt-20261124T140301Z")),
              "{\"format\": \"golive-release\", \"version\": 1");

    const auto reopened = m_store.openRelease(m_id);
    ASSERT_TRUE(reopened.ok());
    EXPECT_TRUE(reopened.value().warnings.isEmpty());
    EXPECT_EQ(reopened.value().info, opened.value().info);
}

TEST_F(ReleaseStateRecoveryTest, AMissingReleaseJsonIsRebuiltToo)
{
    ASSERT_TRUE(QFile::remove(path(QStringLiteral("release.json"))));
    const auto opened = m_store.openRelease(m_id);
    ASSERT_TRUE(opened.ok());
    ASSERT_EQ(opened.value().warnings.size(), 1);
    EXPECT_TRUE(opened.value().warnings.first().contains(QStringLiteral("missing")))
        << opened.value().warnings.first().toStdString();
    EXPECT_TRUE(QFile::exists(path(QStringLiteral("release.json"))));
}
