#include "src/checklist/ChecklistModel.h"
#include "src/checklist/MarkdownChecklistParser.h"

#include "FakeClock.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace golive;
using golive::test::FakeClock;

namespace {

const QByteArray kChecklist = R"(# Release

## Keys
- [ ] Production key in use <!-- golive: id=prod-key required gate=deploy -->
- [ ] Rotation documented <!-- golive: id=rotation -->
  - [ ] Rotation tested <!-- golive: id=rotation-tested -->

## Canary
- [ ] P95 latency < 5s for chat <!-- golive: id=chat-p95 required gate=promote -->
)";

class ChecklistModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto parsed = MarkdownChecklistParser::parse(kChecklist);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
        model.reset(parsed.value(), {});
        model.setTickerName(QStringLiteral("alice"));
    }

    FakeClock clock;
    ChecklistModel model{clock};
};

} // namespace

TEST_F(ChecklistModelTest, ShowsSectionsWithTheirItemsAndProgress)
{
    ASSERT_EQ(model.rowCount(), 2);
    const QModelIndex keys = model.index(0, 0);
    EXPECT_EQ(model.rowCount(keys), 3);
    EXPECT_EQ(keys.data(ChecklistModel::TotalCountRole).toInt(), 3);
    EXPECT_TRUE(keys.data().toString().startsWith(QStringLiteral("Keys")));
    EXPECT_EQ(model.index(2, 0, keys).data(ChecklistModel::DepthRole).toInt(), 1);
    EXPECT_EQ(model.progress().total, 4);
    EXPECT_EQ(model.progress().requiredOpen, 2);
}

TEST_F(ChecklistModelTest, TickingRecordsWhoAndWhenInUtc)
{
    clock.advanceSeconds(90);
    const QModelIndex item = model.indexOfItem(QStringLiteral("prod-key"));
    ASSERT_TRUE(model.setData(item, Qt::Checked, Qt::CheckStateRole));

    const ItemState state = model.state().value(QStringLiteral("prod-key"));
    EXPECT_TRUE(state.checked);
    EXPECT_EQ(state.who, QStringLiteral("alice"));
    EXPECT_EQ(state.atUtc, clock.nowUtc());
    EXPECT_EQ(state.atUtc.timeSpec(), Qt::UTC);
    EXPECT_EQ(item.data(Qt::CheckStateRole).toInt(), Qt::Checked);
    EXPECT_EQ(item.siblingAtColumn(ChecklistModel::WhoColumn).data().toString(),
              QStringLiteral("alice"));
    EXPECT_FALSE(item.siblingAtColumn(ChecklistModel::WhenColumn).data().toString().isEmpty());
    EXPECT_EQ(model.progress().done, 1);
    EXPECT_EQ(model.progress().requiredOpen, 1);
}

TEST_F(ChecklistModelTest, UntickingNeedsNoConfirmationAndIsKeptInHistory)
{
    model.setChecked(QStringLiteral("rotation"), true);
    clock.advanceSeconds(60);
    model.setTickerName(QStringLiteral("bob"));
    ASSERT_TRUE(model.setChecked(QStringLiteral("rotation"), false));

    const ItemState state = model.state().value(QStringLiteral("rotation"));
    EXPECT_FALSE(state.checked);
    EXPECT_EQ(state.who, QStringLiteral("bob"));
    ASSERT_EQ(state.history.size(), 2);
    EXPECT_TRUE(state.history.at(0).checked);
    EXPECT_EQ(state.history.at(0).who, QStringLiteral("alice"));
    EXPECT_FALSE(state.history.at(1).checked);
    EXPECT_EQ(state.history.at(1).who, QStringLiteral("bob"));
}

TEST_F(ChecklistModelTest, EveryChangeIsAnnouncedOnceWithTheNewState)
{
    QSignalSpy changed(&model, &ChecklistModel::itemStateChanged);
    model.setChecked(QStringLiteral("chat-p95"), true);
    model.setNote(QStringLiteral("chat-p95"), QStringLiteral("measured 1.2 s"));
    model.setNote(QStringLiteral("chat-p95"), QStringLiteral("measured 1.2 s")); // no change
    model.setChecked(QStringLiteral("chat-p95"), true);                          // no change
    ASSERT_EQ(changed.size(), 2);
    EXPECT_EQ(changed.at(1).at(0).toString(), QStringLiteral("chat-p95"));
    EXPECT_EQ(changed.at(1).at(1).value<ItemState>().note, QStringLiteral("measured 1.2 s"));
}

TEST_F(ChecklistModelTest, NotesAreEditedInTheNoteColumnAndSurviveUnticking)
{
    const QModelIndex note =
        model.indexOfItem(QStringLiteral("rotation"), ChecklistModel::NoteColumn);
    EXPECT_TRUE(model.flags(note) & Qt::ItemIsEditable);
    ASSERT_TRUE(model.setData(note, QStringLiteral("runbook in wiki")));
    model.setChecked(QStringLiteral("rotation"), true);
    model.setChecked(QStringLiteral("rotation"), false);
    EXPECT_EQ(note.data().toString(), QStringLiteral("runbook in wiki"));
}

TEST_F(ChecklistModelTest, EvidenceIsKeptWithTheTick)
{
    model.setChecked(QStringLiteral("prod-key"), true, QStringLiteral("key in OS keychain"));
    const ItemState state = model.state().value(QStringLiteral("prod-key"));
    EXPECT_EQ(state.evidence, QStringLiteral("key in OS keychain"));
    EXPECT_EQ(state.history.last().evidence, QStringLiteral("key in OS keychain"));
    EXPECT_TRUE(model.indexOfItem(QStringLiteral("prod-key"))
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("key in OS keychain")));
}

TEST_F(ChecklistModelTest, UnknownItemsAndSectionRowsCannotBeTicked)
{
    EXPECT_FALSE(model.setChecked(QStringLiteral("no-such-item"), true));
    const QModelIndex section = model.index(0, 0);
    EXPECT_FALSE(model.flags(section) & Qt::ItemIsUserCheckable);
    EXPECT_FALSE(model.setData(section, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(model.progress().done, 0);
}

TEST_F(ChecklistModelTest, AnEmptyTickerNameKeepsThePreviousOne)
{
    model.setTickerName(QStringLiteral("   "));
    EXPECT_EQ(model.tickerName(), QStringLiteral("alice"));
}
