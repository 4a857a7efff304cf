#include "ui/checklist/ChecklistView.h"

#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "ui/checklist/ChecklistFilterModel.h"
#include "ui/checklist/ChecklistModel.h"

#include "FakeClock.h"
#include "ItemModelChecker.h"
#include "ScreenshotSaver.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QImage>
#include <QJsonArray>
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
  - [ ] Finance informed <!-- golive: id=finance -->

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
    EXPECT_EQ(progress->maximum(), 4);
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

namespace {

// Where the style draws the check box of a row, from the view's own drawing of it: the delegate
// indents nested rows, and the box moves with them.
QRect drawnCheckBox(QTreeView *tree, const QModelIndex &index, int indent)
{
    QStyleOptionViewItem option;
    option.initFrom(tree);
    option.rect = tree->visualRect(index).adjusted(indent, 0, 0, 0);
    option.features = QStyleOptionViewItem::HasCheckIndicator;
    return tree->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, tree);
}

// The leftmost column of `image` within `row` whose pixel differs from the row's background.
int firstInkColumn(const QImage &image, const QRect &row)
{
    const QRgb background = image.pixel(row.right() - 2, row.center().y());
    for (int x = row.left(); x < row.right(); ++x) {
        for (int y = row.top() + 2; y < row.bottom() - 2; ++y) {
            if (image.pixel(x, y) != background)
                return x;
        }
    }
    return -1;
}

} // namespace

TEST_F(ChecklistViewTest, ClickingTheDrawnCheckBoxOfANestedItemTicksIt)
{
    const QModelIndex nested = viewIndexOf(QStringLiteral("finance"));
    ASSERT_TRUE(nested.isValid());
    const QRect row = view.tree()->visualRect(nested);
    // The box is drawn indented: find the drawn box in the picture, not where Qt alone would put it.
    const QImage picture = view.tree()->viewport()->grab().toImage();
    const QRect unindented = drawnCheckBox(view.tree(), nested, 0);
    const QRect box = drawnCheckBox(view.tree(), nested, 18);
    const int ink = firstInkColumn(picture, row.adjusted(0, 0, -row.width() / 2, 0));
    ASSERT_GE(ink, box.left() - 2) << "the box is drawn where the delegate indents it";
    ASSERT_LE(ink, box.right());
    QTest::mouseClick(view.tree()->viewport(), Qt::LeftButton, {}, box.center());
    EXPECT_TRUE(checklist.state().value(QStringLiteral("finance")).checked);
    // And the blank space where the unindented box would be does nothing.
    QTest::mouseClick(view.tree()->viewport(), Qt::LeftButton, {},
                      QPoint(unindented.left() + 1, unindented.center().y()));
    EXPECT_TRUE(checklist.state().value(QStringLiteral("finance")).checked);
}

TEST_F(ChecklistViewTest, ANoteEditIsCreditedToWhoeverIsTickingNowAndListedInTheHistory)
{
    checklist.tick(QStringLiteral("rotation")); // by alice
    auto *ticker = child<QLineEdit>("tickerName");
    ticker->setFocus();
    ticker->selectAll();
    QTest::keyClicks(ticker, QStringLiteral("bob"));
    QTest::keyClick(ticker, Qt::Key_Return);
    makeCurrent(QStringLiteral("rotation"));
    QTest::keyClick(view.tree(), Qt::Key_E, Qt::ControlModifier);
    QTest::keyClicks(child<QLineEdit>("noteEdit"), QStringLiteral("wiki page 12"));
    QTest::keyClick(child<QLineEdit>("noteEdit"), Qt::Key_Return);

    const ItemState state = checklist.state().value(QStringLiteral("rotation"));
    ASSERT_EQ(state.history.size(), 2);
    EXPECT_TRUE(state.history.last().noteEdit);
    EXPECT_EQ(state.history.last().who, QStringLiteral("bob"));
    EXPECT_EQ(state.who, QStringLiteral("alice")) << "the tick stays alice's";
    auto *history = child<QListWidget>("history");
    ASSERT_EQ(history->count(), 2);
    EXPECT_TRUE(history->item(0)->text().contains(QLatin1String("note by bob")))
        << history->item(0)->text().toStdString();
    EXPECT_TRUE(history->item(0)->text().contains(QLatin1String("wiki page 12")));
    EXPECT_TRUE(history->item(1)->text().contains(QLatin1String("ticked by alice")));
}

TEST_F(ChecklistViewTest, ASearchThatHidesTheSelectedItemClearsTheDetailPane)
{
    makeCurrent(QStringLiteral("rotation"));
    auto *note = child<QLineEdit>("noteEdit");
    ASSERT_TRUE(note->isEnabled());
    auto *search = child<QLineEdit>("search");
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("p95"));
    ASSERT_FALSE(viewIndexOf(QStringLiteral("rotation")).isValid());

    // The pane shows the tree's current item, or nothing; never the hidden one.
    const QString shown = view.tree()->currentIndex().data(ChecklistModel::ItemIdRole).toString();
    auto *itemText = child<QLabel>("itemText");
    if (shown.isEmpty()) {
        EXPECT_FALSE(note->isEnabled());
        EXPECT_FALSE(itemText->text().contains(QLatin1String("Rotation")));
    } else {
        EXPECT_NE(shown, QStringLiteral("rotation"));
        EXPECT_TRUE(note->isEnabled());
        EXPECT_EQ(itemText->text(), view.tree()->currentIndex().data().toString())
            << "the pane shows the item a note would be saved to";
    }
    QTest::keyClick(view.tree(), Qt::Key_E, Qt::ControlModifier);
    if (note->hasFocus()) {
        QTest::keyClicks(note, QStringLiteral("typed after the search"));
        QTest::keyClick(note, Qt::Key_Return);
    }
    EXPECT_TRUE(checklist.state().value(QStringLiteral("rotation")).note.isEmpty())
        << "a note never lands on an item the filter hides";
    // Selecting a shown item fills the pane with it.
    makeCurrent(QStringLiteral("chat-p95"));
    EXPECT_TRUE(note->isEnabled());
    EXPECT_NE(child<QLabel>("itemText")->text().indexOf(QLatin1String("P95")), -1);
}

namespace {

// The key item's evidence fails (two findings), the rotation item's passed an hour ago.
void showEvidence(ChecklistView &view, const QDateTime &now)
{
    const QJsonObject failing{
        {QStringLiteral("result"), QStringLiteral("fail")},
        {QStringLiteral("sources"), QJsonArray{QStringLiteral("source:no-hardcoded-keys")}},
        {QStringLiteral("checked_at"), now.addSecs(-120).toString(Qt::ISODate)},
        {QStringLiteral("findings"),
         QJsonArray{QJsonObject{{QStringLiteral("file"), QStringLiteral("cohere.ts")},
                                {QStringLiteral("source_dir"), QStringLiteral("shop-api/src")},
                                {QStringLiteral("line"), 6},
                                {QStringLiteral("message"),
                                 QStringLiteral("a key literal (Zx81…Rt5W) is given to token:")}}}}};
    const QJsonObject passed{{QStringLiteral("result"), QStringLiteral("pass")},
                             {QStringLiteral("checked_at"), now.addSecs(-120).toString(Qt::ISODate)}};
    view.model()->setEvidence({{QStringLiteral("prod-key"), failing},
                               {QStringLiteral("rotation"), passed}},
                              now, 60);
}

QDialog *reasonDialog(ChecklistView &view)
{
    return view.findChild<QDialog *>(QStringLiteral("evidenceReasonDialog"));
}

} // namespace

TEST_F(ChecklistViewTest, TickingAnItemWhoseEvidenceFailsAsksForAReasonAndCancelLeavesItOpen)
{
    showEvidence(view, clock.nowUtc());
    makeCurrent(QStringLiteral("prod-key"));
    QTest::keyClick(view.tree(), Qt::Key_Space);
    EXPECT_FALSE(checklist.state().value(QStringLiteral("prod-key")).checked);
    QDialog *dialog = reasonDialog(view);
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(dialog));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    EXPECT_FALSE(buttons->button(QDialogButtonBox::Ok)->isEnabled()); // no reason, no tick
    QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    EXPECT_FALSE(checklist.state().value(QStringLiteral("prod-key")).checked);

    // Passing evidence ticks at once.
    makeCurrent(QStringLiteral("rotation"));
    QTest::keyClick(view.tree(), Qt::Key_Space);
    EXPECT_TRUE(checklist.state().value(QStringLiteral("rotation")).checked);
}

TEST_F(ChecklistViewTest, AReasonTicksTheItemAndIsHandedOnForTheRecord)
{
    showEvidence(view, clock.nowUtc());
    QSignalSpy overridden(view.model(), &ChecklistModel::tickedAgainstEvidence);
    makeCurrent(QStringLiteral("prod-key"));
    QTest::keyClick(view.tree(), Qt::Key_Space);
    QDialog *dialog = reasonDialog(view);
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(dialog));
    auto *reason = dialog->findChild<QLineEdit *>(QStringLiteral("evidenceReason"));
    ASSERT_NE(reason, nullptr);
    QTest::keyClicks(reason, QStringLiteral("test fixture key, rotated"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    ASSERT_TRUE(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);

    EXPECT_TRUE(checklist.state().value(QStringLiteral("prod-key")).checked);
    ASSERT_EQ(overridden.size(), 1);
    EXPECT_EQ(overridden.at(0).at(0).toString(), QStringLiteral("prod-key"));
    EXPECT_EQ(overridden.at(0).at(1).toString(), QStringLiteral("fail"));
    EXPECT_EQ(overridden.at(0).at(2).toString(), QStringLiteral("test fixture key, rotated"));
}

TEST_F(ChecklistViewTest, TheDetailPaneListsTheFindingsAndAClickCopiesFileAndLine)
{
    showEvidence(view, clock.nowUtc());
    makeCurrent(QStringLiteral("prod-key"));
    auto *findings = child<QListWidget>("evidenceFindings");
    ASSERT_NE(findings, nullptr);
    ASSERT_EQ(findings->count(), 2);
    golive::test::savePicture(view, "checklist-evidence.png");
    EXPECT_TRUE(findings->item(0)->text().startsWith(QLatin1String("fail, checked ")));
    EXPECT_EQ(findings->item(1)->text(),
              QStringLiteral("shop-api/src/cohere.ts:6  a key literal (Zx81…Rt5W) is given to token:"));
    QGuiApplication::clipboard()->clear();
    const QRect row = findings->visualItemRect(findings->item(1));
    QTest::mouseClick(findings->viewport(), Qt::LeftButton, {}, row.center());
    EXPECT_EQ(QGuiApplication::clipboard()->text(), QStringLiteral("shop-api/src/cohere.ts:6"));

    makeCurrent(QStringLiteral("finance")); // no evidence named: nothing listed
    EXPECT_EQ(findings->count(), 0);
}
