#include "src/checklist/ChecklistStateJson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

#include <gtest/gtest.h>

#include "QStringPrinter.h"

using namespace golive;

namespace {

QDateTime utc(int h, int m, int s, int ms = 0)
{
    return QDateTime(QDate(2026, 11, 24), QTime(h, m, s, ms), Qt::UTC);
}

// The state of a release half-way through its checklist.
ChecklistState sampleState()
{
    ChecklistState state;
    ItemState key;
    key.checked = true;
    key.who = QStringLiteral("Zoë Ødegård");
    key.atUtc = utc(14, 2, 3, 456);
    key.note = QStringLiteral("Schlüssel rotiert ✅ — 鍵は保管庫に \"vault\"\nsecond line 🚀");
    key.evidence = QStringLiteral("key in OS keychain");
    key.history = {
        {true, QStringLiteral("ana"), utc(13, 0, 0, 1), QStringLiteral("first try"), {}},
        {false, QStringLiteral("bo"), utc(13, 30, 0, 2), QStringLiteral("wrong key, unticked"), {}},
        {true, QStringLiteral("Zoë Ødegård"), utc(14, 2, 3, 456), key.note, key.evidence},
    };
    state.insert(QStringLiteral("prod-key"), key);

    ItemState untouchedButNoted;
    untouchedButNoted.note = QStringLiteral("ask finance about billing alerts");
    state.insert(QStringLiteral("billing-alerts"), untouchedButNoted);
    return state;
}

QJsonObject parsed(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// A file as another program might write it: its checksum matches its (edited) items, so only the
// content checks can find what is wrong.
QByteArray resealed(QJsonObject top)
{
    const QByteArray canonical =
        QJsonDocument(top.value(QStringLiteral("items")).toObject()).toJson(QJsonDocument::Compact);
    top.insert(QStringLiteral("checksum"),
               QStringLiteral("sha256:") +
                   QString::fromLatin1(
                       QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex()));
    return QJsonDocument(top).toJson();
}

// Applies an edit to the "prod-key" item of the sample state's file.
QByteArray withEditedKeyItem(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject top = parsed(ChecklistStateJson::toJson(sampleState()));
    QJsonObject items = top.value(QStringLiteral("items")).toObject();
    QJsonObject item = items.value(QStringLiteral("prod-key")).toObject();
    edit(item);
    items.insert(QStringLiteral("prod-key"), item);
    top.insert(QStringLiteral("items"), items);
    return resealed(top);
}

void expectRejected(const QByteArray &json, const QString &kind, const QString &mentions)
{
    const auto result = ChecklistStateJson::fromJson(json);
    ASSERT_FALSE(result.ok()) << "accepted: " << json.toStdString();
    EXPECT_EQ(result.error().kind, kind) << result.error().message.toStdString();
    EXPECT_TRUE(result.error().message.contains(mentions, Qt::CaseInsensitive))
        << "message \"" << result.error().message.toStdString() << "\" does not mention \""
        << mentions.toStdString() << "\"";
}

} // namespace

TEST(ChecklistStateJson, RoundTripKeepsEveryFieldHistoryAndUnicodeNotes)
{
    const ChecklistState state = sampleState();
    const auto back = ChecklistStateJson::fromJson(ChecklistStateJson::toJson(state));
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back.value(), state);
    EXPECT_EQ(back.value().value(QStringLiteral("prod-key")).history.size(), 3);
    EXPECT_EQ(back.value().value(QStringLiteral("prod-key")).atUtc.time().msec(), 456);
    EXPECT_FALSE(back.value().value(QStringLiteral("billing-alerts")).atUtc.isValid());
}

TEST(ChecklistStateJson, NoteEditsInTheHistoryRoundTripAsNoteEdits)
{
    ItemState item;
    item.checked = true;
    item.who = QStringLiteral("alice");
    item.note = QStringLiteral("vault path confirmed");
    item.history.append(TickRecord{true, QStringLiteral("alice"), {}, {}, {}});
    TickRecord edit{true, QStringLiteral("bob"), {}, item.note, {}};
    edit.noteEdit = true;
    item.history.append(edit);
    const ChecklistState state{{QStringLiteral("keys"), item}};
    const auto back = ChecklistStateJson::fromJson(ChecklistStateJson::toJson(state));
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back.value(), state);
    EXPECT_TRUE(back.value().value(QStringLiteral("keys")).history.last().noteEdit);
    EXPECT_FALSE(back.value().value(QStringLiteral("keys")).history.first().noteEdit);
}

TEST(ChecklistStateJson, RoundTripOfAnEmptyState)
{
    const auto back = ChecklistStateJson::fromJson(ChecklistStateJson::toJson({}));
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_TRUE(back.value().isEmpty());
}

TEST(ChecklistStateJson, FileCarriesFormatMarkerVersionAndUtcTimesWithMilliseconds)
{
    ChecklistState state;
    ItemState item;
    item.checked = true;
    // 15:02:03.007 at UTC+1 is 14:02:03.007 UTC.
    item.atUtc = QDateTime(QDate(2026, 11, 24), QTime(15, 2, 3, 7), Qt::OffsetFromUTC, 3600);
    state.insert(QStringLiteral("prod-key"), item);
    const QJsonObject top = parsed(ChecklistStateJson::toJson(state, utc(14, 5, 0)));
    EXPECT_EQ(top.value(QStringLiteral("format")).toString(),
              QStringLiteral("golive-checklist-state"));
    EXPECT_EQ(top.value(QStringLiteral("version")).toInt(), 1);
    EXPECT_EQ(top.value(QStringLiteral("saved")).toString(),
              QStringLiteral("2026-11-24T14:05:00.000Z"));
    EXPECT_EQ(top.value(QStringLiteral("items"))[QStringLiteral("prod-key")][QStringLiteral("at")]
                  .toString(),
              QStringLiteral("2026-11-24T14:02:03.007Z"));
}

TEST(ChecklistStateJson, SavedTimeIsReadBack)
{
    const auto document =
        ChecklistStateJson::documentFromJson(ChecklistStateJson::toJson({}, utc(14, 2, 0)));
    ASSERT_TRUE(document.ok());
    EXPECT_EQ(document.value().savedUtc, utc(14, 2, 0));
}

TEST(ChecklistStateJson, RejectsSomethingThatIsNotJsonNamingTheOffset)
{
    expectRejected("{\"format\": golive}", QStringLiteral("parse"),
                   QStringLiteral("not valid JSON at offset 11"));
    expectRejected("", QStringLiteral("parse"), QStringLiteral("empty"));
    expectRejected("\x89PNG\r\n\x1a\n", QStringLiteral("parse"), QStringLiteral("offset"));
}

TEST(ChecklistStateJson, RejectsATruncatedFile)
{
    const QByteArray whole = ChecklistStateJson::toJson(sampleState());
    for (const qsizetype length :
         {qsizetype(1), whole.size() / 3, whole.size() / 2, whole.size() - 3}) {
        SCOPED_TRACE(length);
        expectRejected(whole.left(length), QStringLiteral("parse"), QStringLiteral("offset"));
    }
}

TEST(ChecklistStateJson, RejectsAFileThatLostAnItemButStillParses)
{
    QJsonObject top = parsed(ChecklistStateJson::toJson(sampleState()));
    QJsonObject items = top.value(QStringLiteral("items")).toObject();
    items.remove(QStringLiteral("prod-key"));
    top.insert(QStringLiteral("items"), items);
    expectRejected(QJsonDocument(top).toJson(), QStringLiteral("checksum-mismatch"),
                   QStringLiteral("checksum"));
}

TEST(ChecklistStateJson, RejectsAHandEditedValue)
{
    QByteArray json = ChecklistStateJson::toJson(sampleState());
    json.replace("wrong key, unticked", "all fine, trust me");
    expectRejected(json, QStringLiteral("checksum-mismatch"), QStringLiteral("edited by hand"));
}

TEST(ChecklistStateJson, AcceptsAReformattedFileWithTheSameContent)
{
    const QByteArray compact = QJsonDocument(parsed(ChecklistStateJson::toJson(sampleState())))
                                   .toJson(QJsonDocument::Compact);
    const auto back = ChecklistStateJson::fromJson(compact);
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back.value(), sampleState());
}

TEST(ChecklistStateJson, RejectsAMissingChecksum)
{
    QJsonObject top = parsed(ChecklistStateJson::toJson(sampleState()));
    top.remove(QStringLiteral("checksum"));
    expectRejected(QJsonDocument(top).toJson(), QStringLiteral("invalid-state"),
                   QStringLiteral("checksum"));
}

TEST(ChecklistStateJson, RejectsForeignJsonAsAForeignFile)
{
    expectRejected(R"({"name": "my-app", "version": "1.0.0", "dependencies": {}})",
                   QStringLiteral("foreign-file"), QStringLiteral("foreign file"));
    expectRejected(R"([1, 2, 3])", QStringLiteral("foreign-file"), QStringLiteral("an array"));
    expectRejected(R"({"format": "golive-release", "version": 1})", QStringLiteral("foreign-file"),
                   QStringLiteral("\"golive-release\""));
}

TEST(ChecklistStateJson, RejectsAnotherVersionNamingIt)
{
    QJsonObject top = parsed(ChecklistStateJson::toJson(sampleState()));
    top.insert(QStringLiteral("version"), 2);
    expectRejected(QJsonDocument(top).toJson(), QStringLiteral("unsupported-version"),
                   QStringLiteral("version 2"));
    top.insert(QStringLiteral("version"), QStringLiteral("1"));
    expectRejected(QJsonDocument(top).toJson(), QStringLiteral("invalid-state"),
                   QStringLiteral("version"));
}

TEST(ChecklistStateJson, RejectsWrongTypesNamingTheJsonPath)
{
    expectRejected(withEditedKeyItem([](QJsonObject &item) {
                       QJsonArray history = item.value(QStringLiteral("history")).toArray();
                       QJsonObject third = history.at(2).toObject();
                       third.insert(QStringLiteral("checked"), QStringLiteral("yes"));
                       history.replace(2, third);
                       item.insert(QStringLiteral("history"), history);
                   }),
                   QStringLiteral("invalid-state"),
                   QStringLiteral("items.prod-key.history[2].checked: expected true or false, "
                                  "found \"yes\""));
    expectRejected(
        withEditedKeyItem([](QJsonObject &item) { item.insert(QStringLiteral("note"), 5); }),
        QStringLiteral("invalid-state"), QStringLiteral("items.prod-key.note"));
    expectRejected(withEditedKeyItem([](QJsonObject &item) {
                       item.insert(QStringLiteral("at"), QStringLiteral("yesterday"));
                   }),
                   QStringLiteral("invalid-state"), QStringLiteral("items.prod-key.at"));
    expectRejected(withEditedKeyItem([](QJsonObject &item) {
                       item.insert(QStringLiteral("history"), QJsonObject());
                   }),
                   QStringLiteral("invalid-state"), QStringLiteral("items.prod-key.history"));
    expectRejected(
        withEditedKeyItem([](QJsonObject &item) { item.remove(QStringLiteral("checked")); }),
        QStringLiteral("invalid-state"), QStringLiteral("items.prod-key: missing \"checked\""));
}

TEST(ChecklistStateJson, QuotesItemIdsThatAreNotPlainInThePath)
{
    QJsonObject top = parsed(ChecklistStateJson::toJson({}));
    top.insert(QStringLiteral("items"), QJsonObject{{QStringLiteral("api.v2"),
                                                     QJsonObject{{QStringLiteral("checked"), 1}}}});
    expectRejected(resealed(top), QStringLiteral("invalid-state"),
                   QStringLiteral("items[\"api.v2\"].checked"));
}

TEST(ChecklistStateJson, RejectsItemsThatAreNotAnObject)
{
    QJsonObject top = parsed(ChecklistStateJson::toJson({}));
    top.insert(QStringLiteral("items"), QJsonArray{});
    expectRejected(resealed(top), QStringLiteral("invalid-state"),
                   QStringLiteral("items: expected an object, found an array"));
}
