// *Ticking as* survives a restart: per release, else the last name used on this computer.
#include "FakeClock.h"
#include "QStringPrinter.h"
#include "src/checklist/Checklist.h"
#include "src/console/TickerNameMemory.h"
#include "src/release/ReleaseSession.h"

#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

class TickerNameMemoryTest : public ::testing::Test {
protected:
    QString settingsPath() const { return settingsDir.filePath(QStringLiteral("golive.ini")); }

    QTemporaryDir dataDir;
    QTemporaryDir settingsDir;
    test::FakeClock clock;
};

TEST_F(TickerNameMemoryTest, TheNameTypedForAReleaseIsBackAfterARestart)
{
    QString releaseId;
    {
        ReleaseSession session(dataDir.path(), clock);
        session.checklist()->setTickerName(QStringLiteral("os-user"));
        QSettings settings(settingsPath(), QSettings::IniFormat);
        TickerNameMemory memory(session, *session.checklist(), settings);
        ASSERT_TRUE(session.openNewestOrCreate().ok());
        releaseId = session.current()->id;
        session.checklist()->setTickerName(QStringLiteral("alice"));
        EXPECT_EQ(memory.origin(), QStringLiteral("remembered for this release"));
        session.flushSaves();
    }
    // The restart: the launcher gives the OS user first, as it does today.
    ReleaseSession session(dataDir.path(), clock);
    session.checklist()->setTickerName(QStringLiteral("os-user"));
    QSettings settings(settingsPath(), QSettings::IniFormat);
    TickerNameMemory memory(session, *session.checklist(), settings);
    ASSERT_TRUE(session.open(releaseId).ok());
    EXPECT_EQ(session.checklist()->tickerName(), QStringLiteral("alice"));
    EXPECT_EQ(memory.origin(), QStringLiteral("remembered for this release"));
}

TEST_F(TickerNameMemoryTest, ANewReleaseStartsWithTheLastNameUsedOnThisComputer)
{
    ReleaseSession session(dataDir.path(), clock);
    session.checklist()->setTickerName(QStringLiteral("os-user"));
    QSettings settings(settingsPath(), QSettings::IniFormat);
    TickerNameMemory memory(session, *session.checklist(), settings);
    EXPECT_EQ(session.checklist()->tickerName(), QStringLiteral("os-user"));
    ASSERT_TRUE(session.openNewestOrCreate().ok());
    EXPECT_EQ(memory.origin(), QStringLiteral("your login name"));
    session.checklist()->setTickerName(QStringLiteral("bob"));
    ASSERT_TRUE(session.create(QStringLiteral("second"), QByteArray("# R\n\n## S\n- [ ] one\n"),
                               QStringLiteral("test"))
                    .ok());
    EXPECT_EQ(session.checklist()->tickerName(), QStringLiteral("bob"));
    EXPECT_EQ(memory.origin(), QStringLiteral("last name used on this computer"));
}

} // namespace
