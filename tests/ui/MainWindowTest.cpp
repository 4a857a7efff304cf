#include "ui/MainWindow.h"

#include "src/checklist/Checklist.h"
#include "src/common/ProbeNames.h"
#include "src/console/Console.h"
#include "ui/charts/LatencyChartView.h"
#include "ui/charts/LatencyChartsPanel.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/common/GettingStartedPanel.h"
#include "ui/common/KeyboardShortcuts.h"
#include "ui/common/MessageBanner.h"
#include "ui/health/HealthPanel.h"
#include "ui/health/HealthTile.h"
#include "ui/rollout/RolloutPanel.h"
#include "ui/timeline/TimelineView.h"

#include "FakeClock.h"
#include "FakeTeamHealthServer.h"
#include "ItemModelChecker.h"
#include "QStringPrinter.h"
#include "ScreenshotSaver.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QShortcut>
#include <QTreeWidget>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
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

QString firstItemId(const Checklist &checklist)
{
    return checklist.document().allItems().constFirst()->id;
}

int tabIndex(const QTabWidget &tabs, const QString &title)
{
    for (int i = 0; i < tabs.count(); ++i) {
        if (tabs.tabText(i).remove(QLatin1Char('&')) == title)
            return i;
    }
    return -1;
}

// Makes the tab current, as a click on it would, and returns the view shown in it.
template <typename View> View *openTab(MainWindow &window, const QString &title)
{
    const int index = tabIndex(*window.tabs(), title);
    window.tabs()->setCurrentIndex(index);
    return window.tabs()->widget(index)->findChild<View *>();
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
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
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

TEST_F(MainWindowTest, EveryMnemonicHasOneOwnerInTheWindow)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    // Every tab built, so the mnemonics of all views are in the walk.
    for (int i = 0; i < window.tabs()->count(); ++i)
        window.tabs()->setCurrentIndex(i);
    window.tabs()->setCurrentIndex(0);

    QHash<QString, QString> owners;
    QStringList clashes;
    const QList<KeyboardShortcut> mnemonics = KeyboardShortcuts::windowMnemonics(&window);
    ASSERT_GE(mnemonics.size(), 12);
    for (const KeyboardShortcut &key : mnemonics) {
        const QString owner = key.action + QStringLiteral(" (") + key.where + QLatin1Char(')');
        if (owners.contains(key.keys))
            clashes << QStringLiteral("%1: %2 and %3").arg(key.keys, owners.value(key.keys), owner);
        owners.insert(key.keys, owner);
    }
    EXPECT_TRUE(clashes.isEmpty()) << clashes.join(QLatin1Char('\n')).toStdString();
    // And inside each menu, one item per letter.
    for (QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
        QSet<QChar> letters;
        for (QAction *action : menu->actions()) {
            const QChar letter = KeyboardShortcuts::mnemonicOf(action->text());
            if (letter.isNull())
                continue;
            EXPECT_FALSE(letters.contains(letter))
                << menu->title().toStdString() << ": " << action->text().toStdString();
            letters.insert(letter);
        }
    }
}

TEST_F(MainWindowTest, AltRTogglesRequiredOnlyOnTheFirstPress)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
    window.show();
    QApplication::setActiveWindow(&window);
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    auto *requiredOnly = window.findChild<QCheckBox *>(QStringLiteral("requiredOnly"));
    ASSERT_NE(requiredOnly, nullptr);
    window.checklistView()->tree()->setFocus();
    QTest::keyClick(window.checklistView()->tree(), Qt::Key_R, Qt::AltModifier);
    // A mnemonic "animates" the click: the box toggles when the button is released.
    EXPECT_TRUE(QTest::qWaitFor([requiredOnly] { return requiredOnly->isChecked(); }, 2000))
        << "one press toggles the box";
    EXPECT_EQ(window.tabs()->currentIndex(), 0) << "and does not switch to the Rollout tab";
    // The Rollout tab has a letter of its own.
    QTest::keyClick(window.checklistView()->tree(), Qt::Key_U, Qt::AltModifier);
    EXPECT_EQ(tabTitles(*window.tabs()).value(window.tabs()->currentIndex()),
              QStringLiteral("Rollout"));
}

TEST_F(MainWindowTest, TheGettingStartedPanelNamesTheKeyShortcutAndTheProfileAndComesBackFromHelp)
{
    QSettings().remove(MainWindow::gettingStartedDismissedKey());
    {
        Console console(Profile{}, dataDir.path(), clock);
        MainWindow window(console);
        window.setProfilePath(QStringLiteral("/srv/team/golive.json"));
        ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
        window.resize(1280, 900);
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        GettingStartedPanel *panel = window.gettingStarted();
        ASSERT_TRUE(panel->isVisible());
        EXPECT_TRUE(panel->text().contains(QStringLiteral("Ctrl+K")));
        EXPECT_TRUE(panel->text().contains(QStringLiteral("--profile")));
        EXPECT_TRUE(panel->text().contains(QStringLiteral("/srv/team/golive.json")));
        for (const char *tab : {"Checklist", "Health", "Latency", "Rollout", "Timeline"})
            EXPECT_TRUE(panel->text().contains(QLatin1String(tab))) << tab;
        golive::test::savePicture(window, "getting-started.png");
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("gettingStartedDismiss")),
                          Qt::LeftButton);
        EXPECT_FALSE(panel->isVisible());
    }
    // Dismissed stays dismissed on the next start, and Help › Getting started brings it back.
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_FALSE(window.gettingStarted()->isVisible());
    QAction *again = nullptr;
    for (QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
        for (QAction *action : menu->actions()) {
            if (KeyboardShortcuts::plainText(action->text()) == QStringLiteral("Getting started"))
                again = action;
        }
    }
    ASSERT_NE(again, nullptr);
    again->trigger();
    EXPECT_TRUE(window.gettingStarted()->isVisible());
    QSettings().remove(MainWindow::gettingStartedDismissedKey());
}

TEST_F(MainWindowTest, HelpListsEveryShortcutOfTheWindow)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
    const QList<KeyboardShortcut> keys = window.keyboardShortcuts();
    const auto listed = [&keys](const QString &sequence) {
        return std::any_of(keys.cbegin(), keys.cend(),
                           [&](const KeyboardShortcut &k) { return k.keys == sequence; });
    };
    // Every menu action's shortcut and every QShortcut of every view (all tabs built for it).
    for (QAction *action : window.findChildren<QAction *>()) {
        if (!action->shortcut().isEmpty()) {
            EXPECT_TRUE(listed(action->shortcut().toString(QKeySequence::NativeText)))
                << action->text().toStdString();
        }
    }
    const QList<QShortcut *> shortcuts = window.findChildren<QShortcut *>();
    ASSERT_GE(shortcuts.size(), 2);
    for (QShortcut *shortcut : shortcuts) {
        EXPECT_TRUE(listed(shortcut->key().toString(QKeySequence::NativeText)));
        EXPECT_FALSE(shortcut->whatsThis().isEmpty()) << "every shortcut says what it does";
    }
    for (const char *key : {"Ctrl+K", "Ctrl+F", "Ctrl+E", "Alt+R", "Alt+U", "Space"})
        EXPECT_TRUE(listed(QLatin1String(key))) << key;

    window.showKeyboardShortcuts();
    auto *table = window.findChild<QTreeWidget *>(QStringLiteral("keyboardShortcuts"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->topLevelItemCount(), keys.size());
}

TEST_F(MainWindowTest, TicksAreSavedAtOnceAndComeBackOnTheNextStart)
{
    QString id;
    {
        Console console(Profile{}, dataDir.path(), clock);
        ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
        id = firstItemId(*console.release().checklist());
        console.release().checklist()->tick(id);
    }
    Console reopened(Profile{}, dataDir.path(), clock);
    ASSERT_TRUE((reopened.release().openNewestOrCreate()).ok());
    EXPECT_TRUE(reopened.release().checklist()->state().value(id).checked);
}

TEST_F(MainWindowTest, ATickIsRecordedAndShowsInTheTimeline)
{
    Console console(Profile{}, dataDir.path(), clock);
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
    // Events are written on the recording thread and reach the timeline once written.
    TimelineModel &timeline = console.timeline();
    golive::test::ItemModelChecker checker(&timeline);
    ASSERT_TRUE(QTest::qWaitFor([&] { return timeline.rowCount() == 1; }, 5000))
        << "release created: " << timeline.rowCount();
    console.release().checklist()->tick(firstItemId(*console.release().checklist()));
    ASSERT_TRUE(QTest::qWaitFor([&] { return timeline.rowCount() == 2; }, 5000))
        << timeline.rowCount();
    EXPECT_EQ(timeline.index(1, 1).data().toString(), QStringLiteral("tick"));
}

TEST_F(MainWindowTest, ReopeningAReleaseShowsItsRecordedEventsInTheTimeline)
{
    {
        Console console(Profile{}, dataDir.path(), clock);
        ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
        console.release().checklist()->tick(firstItemId(*console.release().checklist()));
    } // closing writes what is still queued
    Console console(Profile{}, dataDir.path(), clock);
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
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
        ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
        releaseId = console.release().current()->id;
        id = firstItemId(*console.release().checklist());
        // Two saves: the tick becomes state.prev.json, the note state.json. (Changes made while
        // a save is still being written collapse into one save.)
        console.release().checklist()->tick(id);
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
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
    window.show();
    EXPECT_TRUE(window.banner()->isVisible());
    EXPECT_TRUE(window.banner()->text().contains(QLatin1String("state.json")))
        << window.banner()->text().toStdString();
    EXPECT_TRUE(console.release().checklist()->state().value(id).checked);
}

TEST_F(MainWindowTest, EachTabShowsItsViewWhenOpened)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    const auto *health = openTab<HealthPanel>(window, QStringLiteral("Health"));
    ASSERT_NE(health, nullptr);
    EXPECT_TRUE(health->isVisible());
    EXPECT_NE(health->tile(QString::fromLatin1(probename::cohereChat)), nullptr);
    const auto *charts = openTab<LatencyChartsPanel>(window, QStringLiteral("Latency"));
    ASSERT_NE(charts, nullptr);
    EXPECT_TRUE(charts->isVisible());
    EXPECT_EQ(charts->charts().size(), 3);
    const auto *rollout = openTab<RolloutPanel>(window, QStringLiteral("Rollout"));
    ASSERT_NE(rollout, nullptr);
    EXPECT_TRUE(rollout->isVisible());
    EXPECT_EQ(window.rolloutPanel(), rollout);
    EXPECT_NE(rollout->findChild<QPushButton *>(QStringLiteral("rollbackButton")), nullptr);
    const auto *timeline = openTab<TimelineView>(window, QStringLiteral("Timeline"));
    ASSERT_NE(timeline, nullptr);
    EXPECT_TRUE(timeline->isVisible());
    for (const QString title : {"Health", "Latency", "Rollout", "Timeline"}) {
        window.tabs()->setCurrentIndex(tabIndex(*window.tabs(), title));
        window.grab().save(QStringLiteral("/tmp/golive-tab-%1.png").arg(title.toLower()));
    }

    // Coming back to a tab shows the same view, with whatever the user had set in it.
    EXPECT_EQ(openTab<LatencyChartsPanel>(window, QStringLiteral("Latency")), charts);
    EXPECT_EQ(window.findChildren<LatencyChartsPanel *>().size(), 1);
    window.tabs()->setCurrentIndex(0);
    EXPECT_TRUE(window.checklistView()->isVisible());
}

TEST_F(MainWindowTest, ViewsOfTabsNotYetOpenedAreNotBuiltWithTheWindow)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    EXPECT_EQ(window.tabs()->currentIndex(), 0);
    EXPECT_EQ(window.findChild<LatencyChartsPanel *>(), nullptr);
    EXPECT_EQ(window.findChild<HealthPanel *>(), nullptr);
    EXPECT_EQ(window.rolloutPanel(), nullptr);
    EXPECT_EQ(window.findChild<TimelineView *>(), nullptr);
}

TEST_F(MainWindowTest, ALatencyTabFirstOpenedAfterTheCanaryStartedShowsTheCanaryWindow)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    CanaryWatch &watch = console.rollout().canaryWatch();
    watch.start(10 * 60 * 1000);
    watch.stop(); // the window stays drawn after the watch

    auto *charts = openTab<LatencyChartsPanel>(window, QStringLiteral("Latency"));
    ASSERT_NE(charts, nullptr);
    for (const LatencyChartView *chart : charts->charts())
        EXPECT_TRUE(chart->hasCanaryWindow()) << chart->objectName().toStdString();
    EXPECT_TRUE(charts->findChild<QPushButton *>(QStringLiteral("zoomCanaryButton"))->isEnabled());
}

TEST_F(MainWindowTest, AnOpenLatencyTabFollowsANewCanaryWindow)
{
    Console console(Profile{}, dataDir.path(), clock);
    MainWindow window(console);
    auto *charts = openTab<LatencyChartsPanel>(window, QStringLiteral("Latency"));
    ASSERT_NE(charts, nullptr);
    EXPECT_FALSE(charts->chatChart()->hasCanaryWindow());
    console.rollout().canaryWatch().start(60 * 1000);
    EXPECT_TRUE(charts->chatChart()->hasCanaryWindow());
}

TEST_F(MainWindowTest, AHealthTabFirstOpenedLaterShowsTheLatestProbeResult)
{
    golive::test::FakeTeamHealthServer health;
    ASSERT_TRUE(health.listen());
    Profile profile;
    profile.health.staging = health.healthUrl();
    profile.health.production = QUrl();
    profile.statusPage.url = QUrl();
    Console console(profile, dataDir.path(), clock);
    MainWindow window(console);
    QSignalSpy finished(&console.probes(), &ProbeScheduler::probeFinished);
    ASSERT_TRUE(console.probes().probeNow(QString::fromLatin1(probename::healthStaging)));
    ASSERT_TRUE(finished.wait(5000));

    const auto *panel = openTab<HealthPanel>(window, QStringLiteral("Health"));
    ASSERT_NE(panel, nullptr);
    const HealthTile *tile = panel->tile(QString::fromLatin1(probename::healthStaging));
    ASSERT_NE(tile, nullptr);
    EXPECT_EQ(tile->findChild<QLabel *>(QStringLiteral("status"))->text(),
              QStringLiteral("HEALTHY"));
}
