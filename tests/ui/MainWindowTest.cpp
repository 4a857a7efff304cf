#include "MainWindow.h"

#include "checklist/ChecklistModel.h"
#include "common/MessageBanner.h"
#include "console/Console.h"

#include "FakeClock.h"

#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;

namespace {

class MainWindowTest : public ::testing::Test {
protected:
    QTemporaryDir dataDir;
    golive::test::FakeClock clock;
};

QString firstItemId(ChecklistModel &model)
{
    return model.index(0, 0, model.index(0, 0)).data(ChecklistModel::ItemIdRole).toString();
}

QStringList tabTitles(const QTabWidget &tabs)
{
    QStringList titles;
    for (int i = 0; i < tabs.count(); ++i)
        titles << tabs.tabText(i).remove(QLatin1Char('&'));
    return titles;
}

} // namespace

TEST_F(MainWindowTest, AFirstStartOpensTheBundledChecklistAsANewRelease)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    ASSERT_FALSE(console.release().openNewestOrCreate());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    ASSERT_TRUE(console.release().current().has_value());
    EXPECT_TRUE(window.windowTitle().contains(console.release().current()->name));
    EXPECT_GT(console.release().checklist()->progress().total, 30);
    EXPECT_FALSE(window.banner()->isVisible());
}

TEST_F(MainWindowTest, EveryViewHasItsTab)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    EXPECT_EQ(tabTitles(*window.tabs()),
              (QStringList{"Checklist", "Health", "Latency", "Rollout", "Timeline"}));
}

TEST_F(MainWindowTest, TicksAreSavedAtOnceAndComeBackOnTheNextStart)
{
    QString id;
    {
        Console console(Profile{}, dataDir.path(), clock);
        ASSERT_FALSE(console.release().openNewestOrCreate());
        id = firstItemId(*console.release().checklist());
        console.release().checklist()->setChecked(id, true);
    }
    Console reopened(Profile{}, dataDir.path(), clock);
    ASSERT_FALSE(reopened.release().openNewestOrCreate());
    EXPECT_TRUE(reopened.release().checklist()->state().value(id).checked);
}

TEST_F(MainWindowTest, ATickIsRecordedAndShowsInTheTimeline)
{
    Console console(Profile{}, dataDir.path(), clock);
    ASSERT_FALSE(console.release().openNewestOrCreate());
    // Events are written on the recording thread and reach the timeline once written.
    TimelineModel &timeline = console.timeline();
    ASSERT_TRUE(QTest::qWaitFor([&] { return timeline.rowCount() == 1; }, 5000))
        << "release created: " << timeline.rowCount();
    console.release().checklist()->setChecked(firstItemId(*console.release().checklist()), true);
    ASSERT_TRUE(QTest::qWaitFor([&] { return timeline.rowCount() == 2; }, 5000))
        << timeline.rowCount();
    EXPECT_EQ(timeline.index(1, 1).data().toString(), QStringLiteral("tick"));
}

TEST_F(MainWindowTest, ReopeningAReleaseShowsItsRecordedEventsInTheTimeline)
{
    {
        Console console(Profile{}, dataDir.path(), clock);
        ASSERT_FALSE(console.release().openNewestOrCreate());
        console.release().checklist()->setChecked(firstItemId(*console.release().checklist()),
                                                  true);
    } // closing writes what is still queued
    Console console(Profile{}, dataDir.path(), clock);
    ASSERT_FALSE(console.release().openNewestOrCreate());
    TimelineModel &timeline = console.timeline();
    ASSERT_TRUE(QTest::qWaitFor([&] { return timeline.rowCount() == 2; }, 5000))
        << timeline.rowCount();
    EXPECT_EQ(timeline.eventAt(0).kind, QStringLiteral("release-created"));
    EXPECT_EQ(timeline.eventAt(1).kind, QStringLiteral("tick"));
}

TEST_F(MainWindowTest, ACorruptStateFileIsExplainedInTheBannerAndTheLastGoodStateIsUsed)
{
    QString id;
    QString releaseId;
    {
        Console console(Profile{}, dataDir.path(), clock);
        ASSERT_FALSE(console.release().openNewestOrCreate());
        releaseId = console.release().current()->id;
        id = firstItemId(*console.release().checklist());
        // Two saves: the tick becomes state.prev.json, the note state.json. (Changes made while
        // a save is still being written collapse into one save.)
        console.release().checklist()->setChecked(id, true);
        console.release().flushSaves();
        console.release().checklist()->setNote(id, QStringLiteral("x"));
        console.release().flushSaves();
        const auto folder = console.release().store().releaseFolder(releaseId);
        ASSERT_TRUE(folder.ok());
        QFile state(folder.value() + QStringLiteral("/state.json"));
        ASSERT_TRUE(state.open(QIODevice::WriteOnly | QIODevice::Truncate));
        state.write("{ this is not json");
    }

    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    ASSERT_FALSE(console.release().openNewestOrCreate());
    window.show();
    EXPECT_TRUE(window.banner()->isVisible());
    EXPECT_TRUE(window.banner()->text().contains(QLatin1String("state.json")))
        << window.banner()->text().toStdString();
    EXPECT_TRUE(console.release().checklist()->state().value(id).checked);
}
