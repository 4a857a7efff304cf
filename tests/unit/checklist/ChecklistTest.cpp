#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"

#include "FakeClock.h"
#include "QStringPrinter.h"

#include <QSignalSpy>

#include <algorithm>

#include "ChecklistTestSupport.h"

#include <gtest/gtest.h>

using namespace golive;
using golive::test::FakeClock;

namespace {

class ChecklistTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        checklist.reset(test::parseValid(test::kReleaseChecklist), {});
        checklist.setTickerName(QStringLiteral("alice"));
    }

    ItemState stateOf(const char *itemId) const
    {
        return checklist.state().value(QString::fromLatin1(itemId));
    }

    FakeClock clock;
    Checklist checklist{clock};
};

} // namespace

TEST_F(ChecklistTest, TickingRecordsWhoAndWhenInUtc)
{
    clock.advanceSeconds(90);
    ASSERT_TRUE(checklist.tick(QStringLiteral("prod-key")));

    const ItemState state = stateOf("prod-key");
    EXPECT_TRUE(state.checked);
    EXPECT_EQ(state.who, QStringLiteral("alice"));
    EXPECT_EQ(state.atUtc, clock.nowUtc());
    EXPECT_EQ(state.atUtc.timeSpec(), Qt::UTC);
    ASSERT_EQ(state.history.size(), 1);
    EXPECT_EQ(state.history.at(0),
              (TickRecord{true, QStringLiteral("alice"), clock.nowUtc(), {}, {}}));
}

TEST_F(ChecklistTest, UntickingNeedsNoConfirmationAndIsKeptInHistory)
{
    checklist.tick(QStringLiteral("rotation"));
    const QDateTime tickedAt = clock.nowUtc();
    clock.advanceSeconds(60);
    checklist.setTickerName(QStringLiteral("bob"));
    ASSERT_TRUE(checklist.untick(QStringLiteral("rotation")));

    const ItemState state = stateOf("rotation");
    EXPECT_FALSE(state.checked);
    EXPECT_EQ(state.who, QStringLiteral("bob"));
    EXPECT_EQ(state.atUtc, clock.nowUtc());
    ASSERT_EQ(state.history.size(), 2);
    EXPECT_TRUE(state.history.at(0).checked);
    EXPECT_EQ(state.history.at(0).who, QStringLiteral("alice"));
    EXPECT_EQ(state.history.at(0).atUtc, tickedAt);
    EXPECT_FALSE(state.history.at(1).checked);
    EXPECT_EQ(state.history.at(1).who, QStringLiteral("bob"));
}

TEST_F(ChecklistTest, EveryChangeIsAnnouncedOnceWithTheNewState)
{
    QSignalSpy changed(&checklist, &Checklist::itemStateChanged);
    checklist.tick(QStringLiteral("chat-p95"));
    checklist.setNote(QStringLiteral("chat-p95"), QStringLiteral("measured 1.2 s"));
    checklist.setNote(QStringLiteral("chat-p95"), QStringLiteral("measured 1.2 s")); // no change
    EXPECT_FALSE(checklist.tick(QStringLiteral("chat-p95")));                        // no change
    EXPECT_FALSE(checklist.untick(QStringLiteral("rotation")));                      // no change

    ASSERT_EQ(changed.size(), 2);
    EXPECT_EQ(changed.at(0).at(0).toString(), QStringLiteral("chat-p95"));
    EXPECT_TRUE(changed.at(0).at(1).value<ItemState>().checked);
    EXPECT_EQ(changed.at(1).at(0).toString(), QStringLiteral("chat-p95"));
    EXPECT_EQ(changed.at(1).at(1).value<ItemState>().note, QStringLiteral("measured 1.2 s"));
}

TEST_F(ChecklistTest, NotesSurviveUntickingAndTravelWithEachTick)
{
    ASSERT_TRUE(checklist.setNote(QStringLiteral("rotation"), QStringLiteral("runbook in wiki")));
    checklist.tick(QStringLiteral("rotation"));
    checklist.untick(QStringLiteral("rotation"));

    const ItemState state = stateOf("rotation");
    EXPECT_EQ(state.note, QStringLiteral("runbook in wiki"));
    ASSERT_EQ(state.history.size(), 3); // the note edit, the tick, the untick
    EXPECT_TRUE(state.history.at(0).noteEdit);
    EXPECT_EQ(state.history.at(1).note, QStringLiteral("runbook in wiki"));
    EXPECT_FALSE(state.history.at(1).noteEdit);
}

TEST_F(ChecklistTest, ANoteEditIsCreditedToWhoeverIsTickingNow)
{
    checklist.tick(QStringLiteral("rotation")); // alice
    clock.advanceSeconds(60);
    checklist.setTickerName(QStringLiteral("bob"));
    ASSERT_TRUE(checklist.setNote(QStringLiteral("rotation"), QStringLiteral("wiki page 12")));

    const ItemState state = stateOf("rotation");
    EXPECT_EQ(state.who, QStringLiteral("alice")) << "the tick stays alice's";
    ASSERT_EQ(state.history.size(), 2);
    const TickRecord &edit = state.history.last();
    EXPECT_TRUE(edit.noteEdit);
    EXPECT_EQ(edit.who, QStringLiteral("bob"));
    EXPECT_EQ(edit.atUtc, clock.nowUtc());
    EXPECT_EQ(edit.note, QStringLiteral("wiki page 12"));
    EXPECT_TRUE(edit.checked) << "the item was ticked when its note changed";
}

TEST_F(ChecklistTest, EvidenceIsKeptWithTheTickAndDroppedByAnUntick)
{
    ASSERT_TRUE(checklist.tick(QStringLiteral("prod-key"), QStringLiteral("key in OS keychain")));
    EXPECT_EQ(stateOf("prod-key").evidence, QStringLiteral("key in OS keychain"));
    EXPECT_EQ(stateOf("prod-key").history.last().evidence, QStringLiteral("key in OS keychain"));

    // New evidence for a ticked item is worth a record of its own.
    EXPECT_TRUE(checklist.tick(QStringLiteral("prod-key"), QStringLiteral("verified by Cohere")));
    EXPECT_EQ(stateOf("prod-key").history.size(), 2);

    checklist.untick(QStringLiteral("prod-key"));
    EXPECT_TRUE(stateOf("prod-key").evidence.isEmpty());
}

TEST_F(ChecklistTest, UnknownItemsCannotBeTickedOrAnnotated)
{
    QSignalSpy changed(&checklist, &Checklist::itemStateChanged);
    EXPECT_FALSE(checklist.tick(QStringLiteral("no-such-item")));
    EXPECT_FALSE(checklist.untick(QStringLiteral("no-such-item")));
    EXPECT_FALSE(checklist.setNote(QStringLiteral("no-such-item"), QStringLiteral("x")));
    EXPECT_TRUE(changed.isEmpty());
    EXPECT_TRUE(checklist.state().isEmpty());
}

TEST_F(ChecklistTest, TheTickerIsWhoeverItIsToldAndBlanksAreIgnored)
{
    QSignalSpy renamed(&checklist, &Checklist::tickerNameChanged);
    checklist.setTickerName(QStringLiteral("  bob "));
    checklist.setTickerName(QStringLiteral("bob"));
    checklist.setTickerName(QStringLiteral("   "));

    EXPECT_EQ(checklist.tickerName(), QStringLiteral("bob"));
    ASSERT_EQ(renamed.size(), 1);
    EXPECT_EQ(renamed.at(0).at(0).toString(), QStringLiteral("bob"));
}

TEST_F(ChecklistTest, ProgressCountsTickedAndOpenRequiredItems)
{
    EXPECT_EQ(checklist.progress().total, 4);
    EXPECT_EQ(checklist.progress().requiredOpen, 2);

    checklist.tick(QStringLiteral("prod-key"));
    checklist.tick(QStringLiteral("rotation-tested"));

    EXPECT_EQ(checklist.progress().done, 2);
    EXPECT_EQ(checklist.progress().requiredOpen, 1);
    const auto &sections = checklist.document().sections;
    const auto keys = std::find_if(sections.begin(), sections.end(), [](const auto &section) {
        return section.title == QStringLiteral("Keys");
    });
    ASSERT_NE(keys, sections.end());
    EXPECT_EQ(checklist.progress(*keys).done, 2);
    EXPECT_EQ(checklist.progress(*keys).total, 3);
    EXPECT_EQ(checklist.progress(*keys).requiredOpen, 0);
}

TEST_F(ChecklistTest, AnotherReleaseReplacesDocumentAndStateAndSaysSoBeforeAndAfter)
{
    ChecklistState ticked;
    ticked[QStringLiteral("only")].checked = true;
    int itemsBefore = -1;
    QObject::connect(&checklist, &Checklist::documentAboutToChange, &checklist,
                     [&] { itemsBefore = checklist.document().itemCount(); });
    QSignalSpy changed(&checklist, &Checklist::documentChanged);

    checklist.reset(test::parseValid("## Other\n- [ ] Only item <!-- golive: id=only -->\n"),
                    ticked);

    EXPECT_EQ(itemsBefore, 4);
    EXPECT_EQ(changed.size(), 1);
    EXPECT_EQ(checklist.document().itemCount(), 1);
    EXPECT_EQ(checklist.progress().done, 1);
    EXPECT_EQ(checklist.tickerName(), QStringLiteral("alice")); // the person did not change
}
