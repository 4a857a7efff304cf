#include "RecordFixture.h"

#include "src/secrets/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <thread>

using namespace golive;
using golive::test::RecordFixture;

using ReleaseRecordTest = RecordFixture;

TEST_F(ReleaseRecordTest, EachLineIsOneJsonEventChainedToThePreviousLine)
{
    auto record = openRecord();
    appendNotes(*record, 3);
    const auto written = lines();
    ASSERT_EQ(written.size(), 3);
    QByteArray expectedPrev = ReleaseRecord::genesisHash();
    for (int i = 0; i < 3; ++i) {
        const QJsonObject object = QJsonDocument::fromJson(written.at(i)).object();
        EXPECT_EQ(object.value(QStringLiteral("seq")).toInt(), i + 1);
        EXPECT_EQ(object.value(QStringLiteral("prev")).toString().toLatin1(), expectedPrev);
        EXPECT_EQ(object.value(QStringLiteral("who")).toString(), QStringLiteral("alice"));
        EXPECT_EQ(object.value(QStringLiteral("at")).toString(),
                  QStringLiteral("2026-11-24T12:00:0%1.000Z").arg(i + 1));
        expectedPrev = ReleaseRecord::lineHash(written.at(i));
    }
    EXPECT_EQ(ReleaseRecord::genesisHash(),
              QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

TEST_F(ReleaseRecordTest, AnUntouchedRecordVerifiesAsIntact)
{
    auto record = openRecord();
    appendNotes(*record, 4);
    const RecordVerification verification = verified();
    EXPECT_TRUE(verification.intact);
    EXPECT_EQ(verification.summary(), QStringLiteral("intact (4 events)"));
}

TEST_F(ReleaseRecordTest, AnEmptyOrMissingRecordIsIntactWithNoEvents)
{
    auto record = openRecord();
    EXPECT_EQ(verified().summary(), QStringLiteral("intact (0 events)"));
}

TEST_F(ReleaseRecordTest, AnEditedLineFailsItsSignatureAndBreaksTheChainAtTheLineAfterIt)
{
    appendNotes(*openRecord(), 4);
    auto edited = lines();
    edited[1].replace("alice", "mallory");
    writeLines(edited);
    const RecordVerification verification = verified();
    EXPECT_FALSE(verification.intact);
    EXPECT_EQ(verification.brokenLine, 2);
    EXPECT_TRUE(verification.reason.contains(QLatin1String("bad signature")));
    ASSERT_EQ(verification.findings.size(), 2);
    EXPECT_EQ(verification.findings.at(1).firstLine, 3);
    EXPECT_TRUE(verification.findings.at(1).what.contains(QLatin1String("line 2 was edited")))
        << verification.findings.at(1).what.toStdString();
}

TEST_F(ReleaseRecordTest, ADeletedLineIsCaught)
{
    appendNotes(*openRecord(), 4);
    auto shortened = lines();
    shortened.removeAt(1);
    writeLines(shortened);
    const RecordVerification verification = verified();
    EXPECT_FALSE(verification.intact);
    EXPECT_EQ(verification.brokenLine, 2);
    EXPECT_EQ(verification.summary().left(20), QStringLiteral("broken at line 2: it"));
}

TEST_F(ReleaseRecordTest, ReorderedLinesAreCaught)
{
    appendNotes(*openRecord(), 4);
    auto reordered = lines();
    reordered.swapItemsAt(2, 3);
    writeLines(reordered);
    EXPECT_EQ(verified().brokenLine, 3);
}

TEST_F(ReleaseRecordTest, ALineThatIsNotJsonIsNamedAsSuch)
{
    appendNotes(*openRecord(), 2);
    auto garbled = lines();
    garbled.insert(1, "{not json");
    writeLines(garbled);
    const RecordVerification verification = verified();
    EXPECT_EQ(verification.brokenLine, 2);
    EXPECT_TRUE(verification.reason.contains(QLatin1String("not valid JSON")));
}

// A torn last line and its recovery: RecordIntegrityTest.

TEST_F(ReleaseRecordTest, AppendsAfterReopeningContinueTheChain)
{
    appendNotes(*openRecord(), 2);
    auto reopened = openRecord();
    EXPECT_EQ(reopened->lastSeq(), 2);
    appendNotes(*reopened, 2);
    EXPECT_EQ(verified().summary(), QStringLiteral("intact (4 events)"));
}

TEST_F(ReleaseRecordTest, ARegisteredSecretNeverReachesTheFile)
{
    const QString secret = QStringLiteral("sk-live-0123456789abcdefSECRET");
    Redactor::registerSecret(secret);
    auto record = openRecord();
    ASSERT_TRUE(record
                    ->append(QStringLiteral("command"), QStringLiteral("alice"),
                             {{QStringLiteral("output"), QStringLiteral("token is %1").arg(secret)},
                              {QStringLiteral("argv"),
                               QJsonArray{QStringLiteral("--token=%1").arg(secret)}}})
                    .ok());
    Redactor::forgetSecret(secret);
    QFile file(recordPath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_FALSE(bytes.contains(secret.toUtf8()));
    EXPECT_TRUE(bytes.contains(Redactor::placeholder().toUtf8()));
}

TEST_F(ReleaseRecordTest, LongCommandOutputIsCappedWithANote)
{
    const QString capped = ReleaseRecord::capOutput(
        QString(ReleaseRecord::maxCommandOutputChars + 500, QLatin1Char('x')));
    EXPECT_TRUE(capped.endsWith(QStringLiteral("[… 500 characters cut]")));
    EXPECT_EQ(ReleaseRecord::capOutput(QStringLiteral("short")), QStringLiteral("short"));
}

TEST_F(ReleaseRecordTest, AnEventOverTheSizeLimitIsRefusedAndNotWritten)
{
    auto record = openRecord();
    const auto result = record->append(
        QStringLiteral("note"), {},
        {{QStringLiteral("note"), QString(ReleaseRecord::maxEventBytes, QLatin1Char('x'))}});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, QStringLiteral("event-too-large"));
    EXPECT_TRUE(lines().isEmpty());
    appendNotes(*record, 1);
    EXPECT_EQ(verified().summary(), QStringLiteral("intact (1 events)"));
}

TEST_F(ReleaseRecordTest, ReadEventsGivesBackWhatWasAppended)
{
    auto record = openRecord();
    appendNotes(*record, 2);
    const auto events = ReleaseRecord::readEvents(recordPath());
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events.value().size(), 2);
    EXPECT_EQ(events.value().at(1).data.value(QStringLiteral("item")).toString(),
              QStringLiteral("item-1"));
    EXPECT_EQ(events.value().at(1).atUtc, clock.nowUtc());
}

TEST_F(ReleaseRecordTest, AMissingRecordIsNotCalledIntact)
{
    const auto result = ReleaseRecord::verify(recordPath(), key);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, QStringLiteral("no-record"));
}

TEST_F(ReleaseRecordTest, OpeningARecordWhoseLastLineIsNotAnEventIsRefused)
{
    appendNotes(*openRecord(), 1);
    auto garbled = lines();
    garbled.append("{\"seq\":\"two\"}");
    writeLines(garbled);
    const auto reopened = ReleaseRecord::open(folder.path(), clock, key);
    ASSERT_FALSE(reopened.ok());
    EXPECT_EQ(reopened.error().kind, QStringLiteral("corrupt-record"));
    EXPECT_TRUE(reopened.error().message.contains(QLatin1String("golive verify")));
}

// Two golive processes on one release (the window, and `golive run` in a terminal) each hold
// their own ReleaseRecord: here, two records of one folder, each with its own file descriptor.
TEST_F(ReleaseRecordTest, TwoWritersTakingTurnsKeepOneUnbrokenChain)
{
    auto window = openRecord();
    auto terminal = openRecord();
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(window->append(QStringLiteral("note"), QStringLiteral("alice"), {}).ok());
        const auto event = terminal->append(QStringLiteral("command"), QStringLiteral("bob"), {});
        ASSERT_TRUE(event.ok());
        EXPECT_EQ(event.value().seq, 2 * i + 2) << "continues after the other writer's line";
    }
    EXPECT_EQ(verified().summary(), QStringLiteral("intact (6 events)"));
}

TEST_F(ReleaseRecordTest, TwoWritersAppendingAtOnceNeitherBreakTheChainNorLoseALine)
{
    auto first = openRecord();
    auto second = openRecord();
    auto appendMany = [](ReleaseRecord *record, const QString &who, int *failures) {
        for (int i = 0; i < 200; ++i) {
            if (!record->append(QStringLiteral("probe-sample"), who, {}).ok())
                ++*failures;
        }
    };
    int failures[2] = {0, 0};
    std::thread a(appendMany, first.get(), QStringLiteral("window"), &failures[0]);
    std::thread b(appendMany, second.get(), QStringLiteral("terminal"), &failures[1]);
    a.join();
    b.join();
    EXPECT_EQ(failures[0] + failures[1], 0);
    EXPECT_EQ(verified().summary(), QStringLiteral("intact (400 events)"));
    const auto events = ReleaseRecord::readEvents(recordPath());
    ASSERT_TRUE(events.ok());
    for (int i = 0; i < events.value().size(); ++i)
        ASSERT_EQ(events.value().at(i).seq, i + 1);
}
