#include "src/common/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <QElapsedTimer>
#include <sys/stat.h>

#include <gtest/gtest.h>

using namespace golive;

TEST(AtomicFile, WritesNewContentAndReplacesOld)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.json"));
    ASSERT_TRUE((writeFileAtomically(path, "first")).ok());
    ASSERT_TRUE((writeFileAtomically(path, "second")).ok());
    const auto read = readFileCapped(path, 100);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read.value(), QByteArray("second"));
    // No temporary file is left beside it.
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

TEST(AtomicFile, CreatesMissingFolders)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a/b/c.txt"));
    EXPECT_TRUE((writeFileAtomically(path, "x")).ok());
    EXPECT_TRUE(QFile::exists(path));
}

TEST(AtomicFile, ReportsAnUnwritableFolderByName)
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("blocker"));
    ASSERT_TRUE((writeFileAtomically(blocker, "a file where a folder should be")).ok());
    const auto error = writeFileAtomically(blocker + QStringLiteral("/inside.txt"), "x");
    ASSERT_TRUE(error.failed());
    EXPECT_TRUE(error->message.contains(blocker)) << error->message.toStdString();
}

TEST(AtomicFile, RefusesToReadAFileOverTheCap)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big"));
    ASSERT_TRUE((writeFileAtomically(path, QByteArray(2048, 'x'))).ok());
    const auto read = readFileCapped(path, 1024);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().kind, QStringLiteral("too-large"));
}

// A pipe would hang the open, /dev/zero would never end, a folder is no file: each is refused
// at once, with a message naming it.
TEST(AtomicFile, ReadsOnlyRegularFilesAndRefusesPipesDevicesAndFoldersAtOnce)
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("profile.json"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QElapsedTimer clock;
    clock.start();
    for (const QString &path : {fifo, QStringLiteral("/dev/zero"), dir.path()}) {
        const auto read = readFileCapped(path, 2 * 1024 * 1024);
        ASSERT_FALSE(read.ok()) << path.toStdString();
        EXPECT_TRUE(read.error().message.contains(path + QStringLiteral(" is not a regular file")))
            << read.error().message.toStdString();
    }
    EXPECT_LT(clock.elapsed(), 1000) << "refused in under a second";
}

TEST(AtomicFile, AFileLargerThanItsCapIsRefusedWhateverItsSizeClaims)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("exact"));
    ASSERT_TRUE(writeFileAtomically(path, QByteArray(1024, 'x')).ok());
    EXPECT_TRUE(readFileCapped(path, 1024).ok()) << "exactly the cap is fine";
    ASSERT_TRUE(writeFileAtomically(path, QByteArray(1025, 'x')).ok());
    EXPECT_EQ(readFileCapped(path, 1024).error().kind, QStringLiteral("too-large"));
}
