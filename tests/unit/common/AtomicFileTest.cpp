#include "src/common/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

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
