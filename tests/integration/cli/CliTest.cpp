#include "src/release/ReleaseSession.h"
#include "src/release/ReleaseStore.h"

#include "FakeClock.h"
#include "GoliveProcess.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

using test::GoliveRun;

GoliveRun runGolive(const QStringList &arguments)
{
    return test::runGolive(arguments);
}

class CliTest : public ::testing::Test {
protected:
    QTemporaryDir dataDir;
    QStringList withData(QStringList arguments) const
    {
        return QStringList{QStringLiteral("--data-dir"), dataDir.path()} + arguments;
    }
};

} // namespace

TEST_F(CliTest, VersionPrintsTheVersion)
{
    const GoliveRun run = runGolive({QStringLiteral("--version")});
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_EQ(run.out.trimmed(), QStringLiteral("golive " GOLIVE_VERSION));
}

TEST_F(CliTest, HelpListsEveryCommandWithADescription)
{
    const GoliveRun run = runGolive({QStringLiteral("--help")});
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_TRUE(run.out.contains(QLatin1String("checklist export"))) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QLatin1String("--data-dir")));
}

TEST_F(CliTest, AnUnknownCommandIsNamedAndExitsWithUsageError)
{
    const GoliveRun run = runGolive({QStringLiteral("frobnicate")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QLatin1String("unknown command 'frobnicate'")))
        << run.err.toStdString();
}

TEST_F(CliTest, AnUnknownOptionIsNamedAndExitsWithUsageError)
{
    const GoliveRun run = runGolive({QStringLiteral("--frobnicate")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QLatin1String("frobnicate"))) << run.err.toStdString();
}

TEST_F(CliTest, ExportWithoutAnyReleasePrintsTheBundledChecklistUnticked)
{
    const GoliveRun run =
        runGolive(withData({QStringLiteral("checklist"), QStringLiteral("export")}));
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.startsWith(QLatin1String("# Cohere Production Checklist")));
    EXPECT_TRUE(run.out.contains(QLatin1String("- [ ] ")));
    EXPECT_FALSE(run.out.contains(QLatin1String("- [x] ")));
}

TEST_F(CliTest, ExportShowsTheNewestReleasesTicksWithWhoWhenAndNote)
{
    test::FakeClock clock; // 2026-11-24 12:00 UTC
    QString id;
    {
        ReleaseSession session(dataDir.path(), clock);
        ASSERT_TRUE((session.openNewestOrCreate()).ok());
        Checklist &checklist = *session.checklist();
        id = checklist.document().allItems().constFirst()->id;
        checklist.setTickerName(QStringLiteral("alice"));
        clock.advanceSeconds(3 * 60);
        checklist.setNote(id, QStringLiteral("verified in dashboard"));
        checklist.tick(id);
    }
    const GoliveRun run =
        runGolive(withData({QStringLiteral("checklist"), QStringLiteral("export")}));
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(
        run.out.contains(QStringLiteral(" — alice, 2026-11-24 12:03 UTC: verified in dashboard")))
        << run.out.toStdString();
    EXPECT_EQ(run.out.count(QLatin1String("- [x] ")), 1);
}

TEST_F(CliTest, ExportOfAnUnknownReleaseFailsWithAClearMessage)
{
    const GoliveRun run =
        runGolive(withData({QStringLiteral("checklist"), QStringLiteral("export"),
                            QStringLiteral("--release"), QStringLiteral("2020-01-01-x")}));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.err.contains(QLatin1String("2020-01-01-x"))) << run.err.toStdString();
}

TEST_F(CliTest, ExportRejectsAnUnknownFormat)
{
    const GoliveRun run = runGolive(withData({QStringLiteral("checklist"), QStringLiteral("export"),
                                              QStringLiteral("--format"), QStringLiteral("pdf")}));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QLatin1String("pdf")));
}
