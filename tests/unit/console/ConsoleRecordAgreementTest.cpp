// state.json (what the gate reads) and record.jsonl (what `golive verify` checks) both hold the
// ticks. Driven through the console's own wiring, as the window drives it, they must tell the same
// story: the record's tick, untick and note events, replayed, give the state.
#include "FakeClock.h"
#include "QStringPrinter.h"
#include "TestRecordKey.h"
#include "src/checklist/Checklist.h"
#include "src/console/Console.h"
#include "src/release/RecordEvent.h"
#include "src/release/ReleaseRecord.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

// What the record says about one item: its ticks and unticks in order, and where it ended.
struct ReplayedItem {
    QList<TickRecord> ticks; // checked, who and evidence of each tick/untick event
    bool checked = false;
    QString who;
    QString note;
};

QMap<QString, ReplayedItem> replay(const QList<RecordEvent> &events)
{
    QMap<QString, ReplayedItem> items;
    for (const RecordEvent &event : events) {
        const bool tick = event.kind == QLatin1String(recordkind::tick);
        const bool untick = event.kind == QLatin1String(recordkind::untick);
        if (!tick && !untick && event.kind != QLatin1String(recordkind::note))
            continue;
        ReplayedItem &item = items[event.data.value(QStringLiteral("item")).toString()];
        item.note = event.data.value(QStringLiteral("note")).toString();
        if (tick || untick) {
            item.checked = tick;
            item.who = event.who;
            item.ticks.append(TickRecord{
                tick, event.who, {}, {}, event.data.value(QStringLiteral("evidence")).toString()});
        }
    }
    return items;
}

QList<TickRecord> withoutTimesAndNotes(QList<TickRecord> history)
{
    for (TickRecord &record : history) {
        record.atUtc = {};
        record.note.clear();
    }
    return history;
}

class ConsoleRecordAgreementTest : public ::testing::Test {
protected:
    QTemporaryDir dataDir;
    test::FakeClock clock;
    // A fixed record key, so the record is written at once (no keychain to wait for).
    static Console::Options withTestKey()
    {
        Console::Options options;
        options.recordKey = test::testRecordKey();
        return options;
    }
};

TEST_F(ConsoleRecordAgreementTest, TheRecordReplaysToTheSavedStateAfterAReleasesTicks)
{
    QString releaseId;
    QStringList ids;
    {
        Console console(Profile{}, dataDir.path(), clock, withTestKey());
        ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
        releaseId = console.release().current()->id;
        Checklist &checklist = *console.release().checklist();
        for (const ChecklistItem *item : checklist.document().allItems())
            ids << item->id;
        ASSERT_GE(ids.size(), 4);

        checklist.setTickerName(QStringLiteral("alice"));
        ASSERT_TRUE(checklist.tick(ids[0]));
        clock.advanceSeconds(30);
        ASSERT_TRUE(checklist.setNote(ids[0], QStringLiteral("key from the vault")));
        ASSERT_TRUE(checklist.tick(ids[1], QStringLiteral("key in OS keychain")));
        clock.advanceSeconds(30);
        checklist.setTickerName(QStringLiteral("bob"));
        ASSERT_TRUE(checklist.setNote(ids[2], QStringLiteral("waiting for finance")));
        ASSERT_TRUE(checklist.untick(ids[1]));
        clock.advanceSeconds(30);
        ASSERT_TRUE(checklist.tick(ids[3]));
        ASSERT_TRUE(checklist.setNote(ids[3], QStringLiteral("staging looked fine")));
    }
    // The window closes and opens again mid-release; nothing is recorded twice.
    clock.advanceSeconds(600);
    Console console(Profile{}, dataDir.path(), clock, withTestKey());
    ASSERT_TRUE((console.release().open(releaseId)).ok());
    Checklist &checklist = *console.release().checklist();
    checklist.setTickerName(QStringLiteral("carol"));
    ASSERT_TRUE(checklist.tick(ids[1]));
    ASSERT_TRUE(checklist.setNote(ids[1], QStringLiteral("rotated, second try")));
    clock.advanceSeconds(30);
    ASSERT_TRUE(checklist.untick(ids[0]));
    ASSERT_TRUE(checklist.setNote(ids[3], QString()));
    console.release().flushSaves();
    console.flushRecord();

    const auto saved = console.release().store().loadState(releaseId);
    ASSERT_TRUE(saved.ok()) << saved.error().message.toStdString();
    const ChecklistState &state = saved.value().state;
    const auto folder = console.release().store().releaseFolder(releaseId);
    ASSERT_TRUE(folder.ok());
    const auto events = ReleaseRecord::readEvents(
        QDir(folder.value()).filePath(QString::fromLatin1(ReleaseRecord::fileName)));
    ASSERT_TRUE(events.ok()) << events.error().message.toStdString();
    const QMap<QString, ReplayedItem> recorded = replay(events.value());

    EXPECT_EQ(recorded.keys(), state.keys());
    for (auto it = state.cbegin(); it != state.cend(); ++it) {
        SCOPED_TRACE(it.key().toStdString());
        const ReplayedItem item = recorded.value(it.key());
        EXPECT_EQ(item.checked, it->checked);
        EXPECT_EQ(item.note, it->note);
        if (!it->history.isEmpty()) {
            EXPECT_EQ(item.who, it->who);
        }
        EXPECT_EQ(item.ticks, withoutTimesAndNotes(it->history));
    }
    // The story above, as both files must tell it.
    EXPECT_FALSE(state.value(ids[0]).checked);
    EXPECT_EQ(state.value(ids[0]).who, QStringLiteral("carol"));
    EXPECT_EQ(state.value(ids[0]).note, QStringLiteral("key from the vault"));
    EXPECT_EQ(state.value(ids[1]).history.size(), 3);
    EXPECT_EQ(state.value(ids[2]).note, QStringLiteral("waiting for finance"));
    EXPECT_TRUE(state.value(ids[3]).checked);
    EXPECT_TRUE(state.value(ids[3]).note.isEmpty());
}

} // namespace
