#include "src/release/StateSaver.h"

#include "FakeClock.h"
#include "src/release/ReleaseStateFiles.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

using namespace golive;

namespace {

ChecklistState stateWithNote(const QString &note)
{
    ItemState item;
    item.checked = true;
    item.who = QStringLiteral("alice");
    item.note = note;
    return ChecklistState{{QStringLiteral("prod-key"), item}};
}

class StateSaverTest : public ::testing::Test {
protected:
    QTemporaryDir folder;
    test::FakeClock clock;

    QString savedNote() const
    {
        const auto loaded = ReleaseStateFiles(folder.path(), clock).load();
        EXPECT_TRUE(loaded.ok());
        return loaded.ok() ? loaded.value().state.value(QStringLiteral("prod-key")).note
                           : QString();
    }
};

} // namespace

TEST_F(StateSaverTest, TheNewestStateIsOnDiskAfterAFlush)
{
    StateSaver saver(clock);
    for (int i = 0; i < 50; ++i)
        saver.save(folder.path(), stateWithNote(QStringLiteral("note %1").arg(i)));
    saver.flush();
    EXPECT_EQ(savedNote(), QStringLiteral("note 49"));
}

TEST_F(StateSaverTest, AStateHandedOverJustBeforeClosingIsStillWritten)
{
    {
        StateSaver saver(clock);
        saver.save(folder.path(), stateWithNote(QStringLiteral("last words")));
    }
    EXPECT_EQ(savedNote(), QStringLiteral("last words"));
}

TEST_F(StateSaverTest, AFailedSaveIsReportedFromTheSavingThreadNotTheCallers)
{
    StateSaver saver(clock);
    QThread *reportedFrom = nullptr;
    QObject::connect(
        &saver, &StateSaver::saveFailed, &saver,
        [&](const Error &) { reportedFrom = QThread::currentThread(); }, Qt::DirectConnection);
    QSignalSpy failed(&saver, &StateSaver::saveFailed);
    // A release folder that is a regular file cannot hold state.json.
    const QString notAFolder = folder.filePath(QStringLiteral("release.json"));
    QFile file(notAFolder);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    saver.save(notAFolder, stateWithNote(QStringLiteral("x")));
    // The saving thread may have reported before wait() starts listening.
    ASSERT_TRUE(!failed.isEmpty() || failed.wait(5000));
    EXPECT_FALSE(failed.at(0).at(0).value<Error>().message.isEmpty());
    ASSERT_NE(reportedFrom, nullptr);
    EXPECT_NE(reportedFrom, QThread::currentThread());
}
