#include "ui/checklist/ChecklistView.h"

#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "ui/checklist/ChecklistFilterModel.h"
#include "ui/checklist/ChecklistModel.h"

#include "FakeClock.h"
#include "ItemModelChecker.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTest>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace golive;

namespace {

const QByteArray kChecklist = R"(# Release

## Keys
- [ ] Production key in use <!-- golive: id=prod-key required gate=deploy -->
- [ ] Rotation documented <!-- golive: id=rotation -->

## Canary
- [ ] P95 latency < 5s for chat <!-- golive: id=chat-p95 required gate=promote -->
)";

class ChecklistViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto parsed = MarkdownChecklistParser::parse(kChecklist);
        ASSERT_TRUE(parsed.ok());
        checklist.reset(parsed.value(), {});
        checklist.setTickerName(QStringLiteral("alice"));
        view.resize(1000, 600);
        view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    }

    QModelIndex viewIndexOf(const QString &id) const
    {
        return view.filterModel()->mapFromSource(view.model()->indexOfItem(id));
    }

    void makeCurrent(const QString &id)
    {
        view.tree()->setFocus();
        view.tree()->setCurrentIndex(viewIndexOf(id));
    }

    template <typename T> T *child(const char *name) const
    {
        return view.findChild<T *>(QString::fromLatin1(name));
    }

    golive::test::FakeClock clock;
    Checklist checklist{clock};
    ChecklistView view{&checklist};
    golive::test::ItemModelChecker checkModel{view.model()};
    golive::test::ItemModelChecker checkFilter{view.filterModel()};
};

} // namespace

TEST_F(ChecklistViewTest, SpaceTicksAndUnticksTheCurrentItem)
{
    makeCurrent(QStringLiteral("rotation"));
    QTest::keyClick(view.tree(), Qt::Key_Space);
    EXPECT_TRUE(checklist.state().value(QStringLiteral("rotation")).checked);
    QTest::keyClick(view.tree(), Qt::Key_Space);
    EXPECT_FALSE(checklist.state().value(QStringLiteral("rotation")).checked);
    EXPECT_EQ(checklist.state().value(QStringLiteral("rotation")).history.size(), 2);
}

TEST_F(ChecklistViewTest, ClickingTheCheckBoxTicksTheItem)
{
    const QModelIndex index = viewIndexOf(QStringLiteral("prod-key"));
    QStyleOptionViewItem option;
    option.initFrom(view.tree());
    option.rect = view.tree()->visualRect(index);
    option.features = QStyleOptionViewItem::HasCheckIndicator;
    const QRect box = view.tree()->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator,
                                                           &option, view.tree());
    QTest::mouseClick(view.tree()->viewport(), Qt::LeftButton, {}, box.center());
    EXPECT_TRUE(checklist.state().value(QStringLiteral("prod-key")).checked);
    EXPECT_EQ(checklist.state().value(QStringLiteral("prod-key")).who, QStringLiteral("alice"));
}

TEST_F(ChecklistViewTest, ProgressAndRequiredCountFollowTheTicks)
{
    auto *progress = child<QProgressBar>("progress");
    auto *requiredOpen = child<QLabel>("requiredOpen");
    EXPECT_EQ(progress->value(), 0);
    EXPECT_EQ(progress->maximum(), 3);
    EXPECT_TRUE(requiredOpen->text().contains(QLatin1String("2 required open")));
    checklist.tick(QStringLiteral("prod-key"));
    EXPECT_EQ(progress->value(), 1);
    EXPECT_TRUE(requiredOpen->text().contains(QLatin1String("1 required open")));
}

TEST_F(ChecklistViewTest, OpenOnlyHidesTickedItems)
{
    checklist.tick(QStringLiteral("rotation"));
    child<QCheckBox>("openOnly")->click();
    EXPECT_FALSE(viewIndexOf(QStringLiteral("rotation")).isValid());
    EXPECT_TRUE(viewIndexOf(QStringLiteral("prod-key")).isValid());
}

TEST_F(ChecklistViewTest, SearchFiltersAsYouType)
{
    QTest::keyClicks(child<QLineEdit>("search"), QStringLiteral("p95"));
    EXPECT_TRUE(viewIndexOf(QStringLiteral("chat-p95")).isValid());
    EXPECT_FALSE(viewIndexOf(QStringLiteral("prod-key")).isValid());
}

TEST_F(ChecklistViewTest, CtrlEEditsTheNoteOfTheCurrentItemAndEnterSavesIt)
{
    makeCurrent(QStringLiteral("rotation"));
    QTest::keyClick(view.tree(), Qt::Key_E, Qt::ControlModifier);
    auto *note = child<QLineEdit>("noteEdit");
    ASSERT_TRUE(note->hasFocus());
    QTest::keyClicks(note, QStringLiteral("in the wiki"));
    QTest::keyClick(note, Qt::Key_Return);
    EXPECT_EQ(checklist.state().value(QStringLiteral("rotation")).note,
              QStringLiteral("in the wiki"));
    EXPECT_TRUE(view.tree()->hasFocus());
}

TEST_F(ChecklistViewTest, TheTickerNameIsChangeable)
{
    auto *ticker = child<QLineEdit>("tickerName");
    EXPECT_EQ(ticker->text(), QStringLiteral("alice"));
    ticker->setText(QStringLiteral("carol"));
    Q_EMIT ticker->editingFinished();
    checklist.tick(QStringLiteral("rotation"));
    EXPECT_EQ(checklist.state().value(QStringLiteral("rotation")).who, QStringLiteral("carol"));
}
