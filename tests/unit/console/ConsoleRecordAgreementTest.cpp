// state.json (what the gate reads) and record.jsonl (what `golive verify` checks) both hold the
// ticks. Driven through the console's own wiring, as the window drives it, they must tell the same
// story: the record's tick, untick and note events, replayed, give the state.
#include "FakeClock.h"
#include "QStringPrinter.h"
#include "TestRecordKey.h"
#include "src/checklist/Checklist.h"
#include "src/console/Console.h"
#include "src/console/ReleaseRecorder.h"
#include "src/release/RecordEvent.h"
#include "src/release/ReleaseRecord.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

// What the record says about one item: its ticks and unticks in order, and where it ended.
struct ReplayedItem {
    QList<TickRecord> ticks; // checked, who and evidence of each tick, untick and note event
    QStringList noteEditors; // who each note event credits
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
        }
        TickRecord record{item.checked, event.who, {}, {},
                          event.data.value(QStringLiteral("evidence")).toString()};
        record.noteEdit = !tick && !untick;
        item.ticks.append(record);
        if (record.noteEdit)
            item.noteEditors.append(event.who);
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
    // alice ticked ids[0]; carol, ticking now, edits its note: the edit is carol's.
    ASSERT_TRUE(checklist.setNote(ids[0], QStringLiteral("vault path confirmed")));
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
    EXPECT_EQ(state.value(ids[0]).note, QStringLiteral("vault path confirmed"));
    EXPECT_EQ(recorded.value(ids[0]).noteEditors,
              (QStringList{QStringLiteral("alice"), QStringLiteral("carol")}));
    EXPECT_EQ(recorded.value(ids[2]).noteEditors, QStringList{QStringLiteral("bob")});
    EXPECT_EQ(state.value(ids[1]).history.size(), 4); // tick, untick, tick, note
    EXPECT_EQ(state.value(ids[2]).note, QStringLiteral("waiting for finance"));
    EXPECT_TRUE(state.value(ids[3]).checked);
    EXPECT_TRUE(state.value(ids[3]).note.isEmpty());
}

} // namespace

namespace {

TEST_F(ConsoleRecordAgreementTest, SamplesRecordedBeforeARestartAreBackInTheMetricsOnOpen)
{
    QString releaseId;
    QString folder;
    {
        Console console(Profile{}, dataDir.path(), clock);
        ASSERT_TRUE((console.release().openNewestOrCreate()).ok());
        releaseId = console.release().current()->id;
        const auto found = console.release().store().releaseFolder(releaseId);
        ASSERT_TRUE(found.ok());
        folder = found.value();
    }
    // What the first session's probes wrote, as ReleaseRecorder writes it.
    {
        auto record = ReleaseRecord::open(folder, clock, test::testRecordKey());
        ASSERT_TRUE(record.ok());
        ReleaseRecorder recorder(*record.value());
        for (int i = 0; i < 30; ++i) {
            clock.advanceSeconds(30);
            recorder.recordProbeResult(QStringLiteral("cohere-embed"), QStringLiteral("healthy"),
                                       200 + i, 200, {},
                                       ReleaseRecorder::failureName(FailureKind::Ok));
        }
        clock.advanceSeconds(30);
        recorder.recordProbeResult(QStringLiteral("health-production"), QStringLiteral("degraded"),
                                   80, 200, QStringLiteral("the service reports Cohere degraded"));
    }
    clock.advanceSeconds(120); // the restart
    Console console(Profile{}, dataDir.path(), clock);
    QSignalSpy loaded(&console.metrics(), &MetricsStore::historyLoaded);
    ASSERT_TRUE((console.release().open(releaseId)).ok());
    while (loaded.size() < 2)
        ASSERT_TRUE(loaded.wait(10'000)) << "the recorded samples never reached the metrics";
    const SampleSeries *embed = console.metrics().series(QStringLiteral("cohere-embed"));
    ASSERT_NE(embed, nullptr);
    EXPECT_EQ(embed->size(), 30);
    EXPECT_EQ(embed->last()->latencyMs, 229);
    const SampleSeries *health = console.metrics().series(QStringLiteral("health-production"));
    ASSERT_NE(health, nullptr);
    EXPECT_EQ(health->last()->failure, FailureKind::ReportedDegraded)
        << "a 200 that reported Cohere degraded is no 5xx";
    EXPECT_TRUE(console.alerts().activeAlerts().isEmpty()) << "the past raised nothing anew";
}

} // namespace
