#include "MainWindow.h"

#include "checklist/ChecklistModel.h"
#include "common/MessageBanner.h"
#include "release/ReleaseSession.h"

#include "FakeClock.h"

#include <QFile>
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

} // namespace

TEST_F(MainWindowTest, AFirstStartOpensTheBundledChecklistAsANewRelease)
{
    ReleaseSession session(dataDir.path(), clock);
    MainWindow window(session);
    ASSERT_FALSE(session.openNewestOrCreate());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    ASSERT_TRUE(session.current().has_value());
    EXPECT_TRUE(window.windowTitle().contains(session.current()->name));
    EXPECT_GT(session.checklist()->progress().total, 30);
    EXPECT_FALSE(window.banner()->isVisible());
}

TEST_F(MainWindowTest, TicksAreSavedAtOnceAndComeBackOnTheNextStart)
{
    QString id;
    {
        ReleaseSession session(dataDir.path(), clock);
        ASSERT_FALSE(session.openNewestOrCreate());
        id = firstItemId(*session.checklist());
        session.checklist()->setChecked(id, true);
    }
    ReleaseSession reopened(dataDir.path(), clock);
    ASSERT_FALSE(reopened.openNewestOrCreate());
    EXPECT_TRUE(reopened.checklist()->state().value(id).checked);
}

TEST_F(MainWindowTest, ACorruptStateFileIsExplainedInTheBannerAndTheLastGoodStateIsUsed)
{
    QString id;
    QString releaseId;
    {
        ReleaseSession session(dataDir.path(), clock);
        ASSERT_FALSE(session.openNewestOrCreate());
        releaseId = session.current()->id;
        id = firstItemId(*session.checklist());
        session.checklist()->setChecked(id, true);             // saved, becomes "previous"
        session.checklist()->setNote(id, QStringLiteral("x")); // saved, becomes current
    }
    ReleaseSession probe(dataDir.path(), clock);
    const auto folder = probe.store().releaseFolder(releaseId);
    ASSERT_TRUE(folder.ok());
    QFile state(folder.value() + QStringLiteral("/state.json"));
    ASSERT_TRUE(state.open(QIODevice::WriteOnly | QIODevice::Truncate));
    state.write("{ this is not json");
    state.close();

    ReleaseSession session(dataDir.path(), clock);
    MainWindow window(session);
    ASSERT_FALSE(session.openNewestOrCreate());
    window.show();
    EXPECT_TRUE(window.banner()->isVisible());
    EXPECT_TRUE(window.banner()->text().contains(QLatin1String("state.json")))
        << window.banner()->text().toStdString();
    EXPECT_TRUE(session.checklist()->state().value(id).checked);
}
