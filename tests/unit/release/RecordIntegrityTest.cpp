// A torn line told from tampering, every break listed, and the chain signed with the record key.

#include "RecordFixture.h"

#include <QJsonDocument>

using namespace golive;
using golive::test::RecordFixture;

namespace {

class RecordIntegrityTest : public RecordFixture {
protected:
    QJsonObject objectAt(int index) { return QJsonDocument::fromJson(lines().at(index)).object(); }

    QList<RecordFinding> findingsOf(RecordFinding::Kind kind)
    {
        QList<RecordFinding> found;
        for (const RecordFinding &f : verified().findings)
            if (f.kind == kind)
                found << f;
        return found;
    }

    // A line whoever can write the file could append: correct prev and seq, any signature.
    QByteArray forgedLine(const QByteArray &previousLine, qint64 seq, const RecordKey &signer)
    {
        const QJsonObject line{
            {QStringLiteral("prev"), QString::fromLatin1(ReleaseRecord::lineHash(previousLine))},
            {QStringLiteral("seq"), seq},
            {QStringLiteral("at"), QStringLiteral("2026-11-24T13:00:00.000Z")},
            {QStringLiteral("kind"), QStringLiteral("step")},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("id"), QStringLiteral("promote")},
                                                 {QStringLiteral("ok"), true}}}};
        return ReleaseRecord::sealedLine(line, signer);
    }
};

} // namespace

TEST_F(RecordIntegrityTest, EveryLineCarriesASignatureOverItsContent)
{
    appendNotes(*openRecord(), 2);
    for (int i = 0; i < 2; ++i) {
        QJsonObject object = objectAt(i);
        const QByteArray signature = object.take(QStringLiteral("sig")).toString().toLatin1();
        ASSERT_EQ(signature.size(), 64) << "hex HMAC-SHA256";
        EXPECT_EQ(key.sign(QJsonDocument(object).toJson(QJsonDocument::Compact)), signature);
    }
    const RecordVerification verification = verified();
    EXPECT_TRUE(verification.intact);
    EXPECT_TRUE(verification.signaturesChecked);
    EXPECT_EQ(verification.signedLines, 2);
    EXPECT_TRUE(verification.findings.isEmpty());
    EXPECT_TRUE(verification.details().contains(
        QLatin1String("written by a golive that could read this keychain's record key")));
}

TEST_F(RecordIntegrityTest, ATornLastLineIsRecoveredOnTheNextOpenAndReportedAsACrash)
{
    appendNotes(*openRecord(), 3);
    auto cut = lines();
    cut[2].chop(10);
    writeLines(cut, false);
    {
        const RecordVerification beforeRecovery = verified();
        EXPECT_TRUE(beforeRecovery.intact) << beforeRecovery.summary().toStdString();
        ASSERT_EQ(beforeRecovery.findings.size(), 1);
        EXPECT_EQ(beforeRecovery.findings.at(0).kind, RecordFinding::Kind::CrashTear);
        EXPECT_EQ(beforeRecovery.findings.at(0).firstLine, 3);
    }

    auto reopened = openRecord();
    ASSERT_NE(reopened, nullptr);
    appendNotes(*reopened, 1);
    const auto after = lines();
    ASSERT_EQ(after.size(), 5);
    EXPECT_EQ(after.at(2), cut.at(2)) << "the torn bytes stay, nothing is rewritten";
    const QJsonObject recovered = objectAt(3);
    EXPECT_EQ(recovered.value(QStringLiteral("kind")).toString(), QStringLiteral("recovered"));
    EXPECT_EQ(recovered.value(QStringLiteral("data")).toObject().value(QStringLiteral("torn_line")).toInt(), 3);
    EXPECT_EQ(recovered.value(QStringLiteral("data")).toObject().value(QStringLiteral("bytes")).toInt(),
              cut.at(2).size());
    EXPECT_EQ(recovered.value(QStringLiteral("prev")).toString().toLatin1(),
              ReleaseRecord::lineHash(after.at(1)))
        << "chains from the last complete line";
    EXPECT_EQ(recovered.value(QStringLiteral("seq")).toInt(), 3);

    const RecordVerification verification = verified();
    EXPECT_TRUE(verification.intact) << verification.details().toStdString();
    ASSERT_EQ(verification.findings.size(), 1) << verification.details().toStdString();
    EXPECT_EQ(verification.findings.at(0).kind, RecordFinding::Kind::CrashTear);
    EXPECT_EQ(verification.findings.at(0).firstLine, 3);
    EXPECT_TRUE(verification.findings.at(0).what.contains(QLatin1String("line 4 records the recovery")));
}

TEST_F(RecordIntegrityTest, AnEditAfterARecoveredTearIsStillFoundAndBothAreListed)
{
    appendNotes(*openRecord(), 3);
    auto cut = lines();
    cut[2].chop(10);
    writeLines(cut, false);
    appendNotes(*openRecord(), 3); // recovery on line 4, notes on lines 5-7

    auto edited = lines();
    ASSERT_EQ(edited.size(), 7);
    edited[5].replace("alice", "mallory");
    writeLines(edited);

    const RecordVerification verification = verified();
    EXPECT_FALSE(verification.intact);
    const auto crashes = findingsOf(RecordFinding::Kind::CrashTear);
    ASSERT_EQ(crashes.size(), 1);
    EXPECT_EQ(crashes.at(0).firstLine, 3);
    const auto tampering = findingsOf(RecordFinding::Kind::Tampering);
    ASSERT_EQ(tampering.size(), 2) << verification.details().toStdString();
    EXPECT_EQ(tampering.at(0).firstLine, 6);
    EXPECT_TRUE(tampering.at(0).what.contains(QLatin1String("bad signature")));
    EXPECT_EQ(tampering.at(1).firstLine, 7);
    EXPECT_TRUE(tampering.at(1).what.contains(QLatin1String("line 6 was edited")));
    EXPECT_EQ(verification.brokenLine, 6);
}

TEST_F(RecordIntegrityTest, EveryBreakIsListedNotOnlyTheFirst)
{
    appendNotes(*openRecord(), 8);
    auto damaged = lines();
    damaged[1].replace("alice", "mallory"); // line 2: signature, line 3: prev
    damaged[5] = "{not json";               // line 6: JSON, line 7: prev
    writeLines(damaged);
    const RecordVerification verification = verified();
    QList<int> brokenLines;
    for (const RecordFinding &f : verification.findings)
        brokenLines << f.firstLine;
    EXPECT_EQ(brokenLines, (QList<int>{2, 3, 6, 7})) << verification.details().toStdString();
    EXPECT_TRUE(verification.summary().startsWith(QLatin1String("broken at line 2: ")));
    EXPECT_TRUE(verification.summary().endsWith(QLatin1String("(and 3 more findings)")));
}

TEST_F(RecordIntegrityTest, ASeqGapIsNamed)
{
    appendNotes(*openRecord(), 3);
    auto gap = lines();
    QJsonObject third = objectAt(2);
    third.insert(QStringLiteral("seq"), 7);
    gap[2] = ReleaseRecord::sealedLine(
        [&] {
            third.remove(QStringLiteral("sig"));
            return third;
        }(),
        key);
    writeLines(gap);
    const RecordVerification verification = verified();
    ASSERT_EQ(verification.findings.size(), 1) << verification.details().toStdString();
    EXPECT_EQ(verification.findings.at(0).firstLine, 3);
    EXPECT_TRUE(verification.findings.at(0).what.contains(QLatin1String("seq is 7 where 3 was expected")));
}

TEST_F(RecordIntegrityTest, AForgedStepAppendedWithACorrectPrevHashIsCaught)
{
    appendNotes(*openRecord(), 3);
    auto forged = lines();
    forged.append(forgedLine(forged.last(), 4, test::otherRecordKey()));
    writeLines(forged);
    const RecordVerification verification = verified();
    EXPECT_FALSE(verification.intact);
    EXPECT_EQ(verification.brokenLine, 4);
    EXPECT_TRUE(verification.reason.contains(QLatin1String("bad signature")));
    EXPECT_TRUE(ReleaseRecord::verify(recordPath(), RecordKey::unavailable(QStringLiteral("x")))
                    .value()
                    .intact)
        << "without the key only the chain is checked, and the forgery chains";
}

TEST_F(RecordIntegrityTest, AForgedUnsignedLineAfterSignedOnesIsTampering)
{
    appendNotes(*openRecord(), 2);
    auto forged = lines();
    forged.append(forgedLine(forged.last(), 3, RecordKey::unavailable(QStringLiteral("locked"))));
    writeLines(forged);
    const RecordVerification verification = verified();
    EXPECT_FALSE(verification.intact);
    EXPECT_EQ(verification.brokenLine, 3);
    EXPECT_TRUE(verification.reason.contains(QLatin1String("unsigned line after signed ones")));
}

TEST_F(RecordIntegrityTest, AChainRecomputedAfterAnEditIsCaught)
{
    appendNotes(*openRecord(), 4);
    auto rewritten = lines();
    // Edit line 2, then fix every prev after it, as someone without the key can.
    QByteArray previous = rewritten.at(0);
    for (int i = 1; i < rewritten.size(); ++i) {
        QJsonObject object = QJsonDocument::fromJson(rewritten.at(i)).object();
        if (i == 1)
            object.insert(QStringLiteral("who"), QStringLiteral("mallory"));
        object.insert(QStringLiteral("prev"), QString::fromLatin1(ReleaseRecord::lineHash(previous)));
        rewritten[i] = QJsonDocument(object).toJson(QJsonDocument::Compact);
        previous = rewritten.at(i);
    }
    writeLines(rewritten);
    const RecordVerification verification = verified();
    EXPECT_FALSE(verification.intact);
    ASSERT_EQ(verification.findings.size(), 1) << verification.details().toStdString();
    EXPECT_EQ(verification.findings.at(0).firstLine, 2);
    EXPECT_EQ(verification.findings.at(0).lastLine, 4);
    EXPECT_TRUE(verification.findings.at(0).what.contains(QLatin1String("bad signature")));
}

TEST_F(RecordIntegrityTest, LinesWrittenWithoutAKeyAreMarkedUnsignedWithTheReason)
{
    key = RecordKey::unavailable(
        QStringLiteral("the record key could not be read from the keychain: it is locked"));
    appendNotes(*openRecord(), 3);
    EXPECT_FALSE(objectAt(0).contains(QStringLiteral("sig")));
    EXPECT_EQ(objectAt(0).value(QStringLiteral("unsigned")).toString(), key.unavailableReason());

    key = test::testRecordKey(); // verified where the key is at hand
    const RecordVerification verification = verified();
    EXPECT_TRUE(verification.intact);
    EXPECT_EQ(verification.unsignedLines, 3);
    ASSERT_EQ(verification.findings.size(), 1);
    EXPECT_EQ(verification.findings.at(0).describe(),
              QStringLiteral("lines 1-3: unsigned: golive had no record key (the record key could "
                             "not be read from the keychain: it is locked)"));
    EXPECT_EQ(verification.summary(), QStringLiteral("intact (3 events; 3 unsigned lines)"));
    EXPECT_TRUE(verification.details().contains(QLatin1String("prove nothing beyond the hash chain")));
}

TEST_F(RecordIntegrityTest, WithoutTheKeyVerifySaysTheSignaturesWereNotChecked)
{
    appendNotes(*openRecord(), 2);
    const auto verification =
        ReleaseRecord::verify(recordPath(), RecordKey::unavailable(QStringLiteral("no D-Bus")));
    ASSERT_TRUE(verification.ok());
    EXPECT_FALSE(verification.value().signaturesChecked);
    EXPECT_EQ(verification.value().summary(),
              QStringLiteral("intact (2 events; signatures not checked)"));
    EXPECT_TRUE(verification.value().details().contains(QLatin1String("not checked (no D-Bus)")));
}

// The window opens a record before the keychain answers: nothing is lost or written unsigned
// only for being early.
TEST_F(RecordIntegrityTest, EventsAppendedBeforeTheKeyArrivesAreWrittenSignedWhenItDoes)
{
    auto record = ReleaseRecord::openAwaitingKey(folder.path(), clock);
    ASSERT_TRUE(record.ok());
    EXPECT_TRUE(record.value()->awaitingKey());
    appendNotes(*record.value(), 2);
    EXPECT_TRUE(lines().isEmpty()) << "held until the key is known";
    const QDateTime firstAt = clock.nowUtc().addSecs(-1);

    ASSERT_FALSE(record.value()->setKey(key).failed());
    appendNotes(*record.value(), 1);
    ASSERT_EQ(lines().size(), 3);
    EXPECT_EQ(objectAt(0).value(QStringLiteral("at")).toString(),
              firstAt.toString(Qt::ISODateWithMs))
        << "stamped when it happened, not when it was written";
    const RecordVerification verification = verified();
    EXPECT_TRUE(verification.intact);
    EXPECT_EQ(verification.signedLines, 3);
}

TEST_F(RecordIntegrityTest, ARecordClosedBeforeTheKeyArrivedWritesItsEventsUnsignedSayingWhy)
{
    {
        auto record = ReleaseRecord::openAwaitingKey(folder.path(), clock);
        ASSERT_TRUE(record.ok());
        appendNotes(*record.value(), 2);
    }
    ASSERT_EQ(lines().size(), 2);
    EXPECT_TRUE(objectAt(0)
                    .value(QStringLiteral("unsigned"))
                    .toString()
                    .contains(QLatin1String("before the keychain gave it the record key")));
    EXPECT_EQ(verified().unsignedLines, 2);
}
