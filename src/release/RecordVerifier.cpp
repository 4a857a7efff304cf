// ReleaseRecord::verify: walks the whole chain and lists every finding.

#include "src/release/ReleaseRecord.h"
#include "src/common/ErrorKind.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonParseError>

namespace golive {

namespace {

// What the next line must continue from.
struct ChainState {
    QByteArray expectedPrev; // empty when unknown (after a line too long to hash)
    qint64 lastSeq = 0;      // -1 when unknown (after a line that is not an event)
    bool signedSeen = false;
};

struct LineCheck {
    ChainState after;
    QList<RecordFinding> findings;
    int signedLines = 0;
    int unsignedLines = 0;
    std::optional<RecordEvent> event;
};

RecordFinding finding(RecordFinding::Kind kind, int line, QString what)
{
    return {kind, line, line, std::move(what)};
}

constexpr auto tampering = RecordFinding::Kind::Tampering;

LineCheck checkLine(const QByteArray &line, int number, const ChainState &before,
                    const RecordKey &key)
{
    LineCheck check;
    check.after = before;
    check.after.expectedPrev = ReleaseRecord::lineHash(line);
    check.after.lastSeq = -1;

    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        check.findings << finding(tampering, number,
                                  QStringLiteral("the line is not valid JSON (%1)")
                                      .arg(error.errorString()));
        return check;
    }
    check.event = ReleaseRecord::parseLine(line);
    if (!check.event) {
        check.findings << finding(tampering, number,
                                  QStringLiteral("the line lacks prev, seq, at or kind"));
        return check;
    }
    QJsonObject object = document.object();
    const QByteArray prev = object.value(QStringLiteral("prev")).toString().toLatin1();
    if (!before.expectedPrev.isEmpty() && prev != before.expectedPrev)
        check.findings << finding(
            tampering, number,
            number == 1 ? QStringLiteral("the first line does not start the chain (lines before "
                                         "it were deleted or it was edited)")
                        : QStringLiteral("its prev hash does not match line %1: line %1 was "
                                         "edited, or lines were deleted, inserted or reordered")
                              .arg(number - 1));
    const qint64 seq = check.event->seq;
    if (before.lastSeq >= 0 && seq != before.lastSeq + 1)
        check.findings << finding(tampering, number,
                                  QStringLiteral("seq is %1 where %2 was expected (a gap: events "
                                                 "were removed or inserted)")
                                      .arg(seq)
                                      .arg(before.lastSeq + 1));
    check.after.lastSeq = seq;

    const QString signature = object.take(QStringLiteral("sig")).toString();
    const QJsonValue unsignedReason = object.value(QStringLiteral("unsigned"));
    if (!signature.isEmpty()) {
        ++check.signedLines;
        check.after.signedSeen = true;
        const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        if (key.available() && key.sign(body) != signature.toLatin1())
            check.findings << finding(tampering, number,
                                      QStringLiteral("bad signature: the line was changed, or "
                                                     "written without this installation's "
                                                     "record key"));
        return check;
    }
    ++check.unsignedLines;
    const QString why =
        unsignedReason.isString()
            ? QStringLiteral("golive had no record key (%1)").arg(unsignedReason.toString())
            : QStringLiteral("the line has no signature field (written before golive signed "
                             "its record, or by something else)");
    if (before.signedSeen)
        check.findings << finding(tampering, number,
                                  QStringLiteral("an unsigned line after signed ones: forged, "
                                                 "unless %1")
                                      .arg(why));
    else
        check.findings << finding(RecordFinding::Kind::Unsigned, number, why);
    return check;
}

// Whether `check` (line `number`) is the "recovered" event for a torn line number - 1, chaining
// from the state before that torn line.
bool recoversTornLine(const LineCheck &check, int number, const ChainState &beforeTorn,
                      const QByteArray &line)
{
    if (!check.event || check.event->kind != QLatin1String(recordkind::recovered))
        return false;
    if (check.event->data.value(QStringLiteral("torn_line")).toInteger() != number - 1)
        return false;
    const auto document = QJsonDocument::fromJson(line);
    const QByteArray prev = document.object().value(QStringLiteral("prev")).toString().toLatin1();
    return prev == beforeTorn.expectedPrev &&
           (beforeTorn.lastSeq < 0 || check.event->seq == beforeTorn.lastSeq + 1);
}

} // namespace

Result<RecordVerification> ReleaseRecord::verify(const QString &recordPath, const RecordKey &key)
{
    QFile file(recordPath);
    if (!file.exists())
        return Error{QStringLiteral("no-record"),
                     QStringLiteral("There is no release record %1 (nothing was recorded, or it "
                                    "was deleted).")
                         .arg(QDir::toNativeSeparators(recordPath))};
    if (!file.open(QIODevice::ReadOnly))
        return Error{errorkind::io, QStringLiteral("Cannot read the release record %1.")
                                        .arg(QDir::toNativeSeparators(recordPath))};
    RecordVerification result;
    result.signaturesChecked = key.available();
    result.keyProblem = key.unavailableReason();

    ChainState state{genesisHash(), 0, false};
    // The previous line's findings wait one line: a "recovered" event after it turns them into
    // one crash tear, and the chain continues from the line before the tear.
    struct Held {
        int number = 0;
        ChainState before;
        LineCheck check;
        qsizetype bytes = 0;
    };
    std::optional<Held> held;
    const auto commit = [&result](const Held &h) {
        result.signedLines += h.check.signedLines;
        result.unsignedLines += h.check.unsignedLines;
        for (const RecordFinding &f : h.check.findings)
            result.add(f);
    };

    while (!file.atEnd()) {
        QByteArray line = file.readLine(maxEventBytes + 2);
        const int number = ++result.lineCount;
        if (!line.endsWith('\n')) {
            if (line.size() <= maxEventBytes) {
                if (held)
                    commit(*held);
                held.reset();
                result.add(finding(RecordFinding::Kind::CrashTear, number,
                                   QStringLiteral("the last line is incomplete (%1 bytes): a "
                                                  "write was cut short, e.g. by a crash; the "
                                                  "next golive to open this record for "
                                                  "appending records the recovery")
                                       .arg(line.size())));
                break;
            }
            while (!file.atEnd() && !line.endsWith('\n'))
                line = file.readLine(maxEventBytes + 2);
            if (held)
                commit(*held);
            held.reset();
            result.add(finding(tampering, number,
                               QStringLiteral("the line is longer than any event")));
            state = ChainState{QByteArray(), -1, state.signedSeen};
            continue;
        }
        line.chop(1);
        LineCheck check = checkLine(line, number, state, key);
        if (held && recoversTornLine(check, number, held->before, line)) {
            const Held torn = *held;
            Held tear;
            tear.number = torn.number;
            tear.check.findings << finding(
                RecordFinding::Kind::CrashTear, torn.number,
                QStringLiteral("a write was cut short (%1 bytes), e.g. by a crash; line %2 "
                               "records the recovery")
                    .arg(torn.bytes)
                    .arg(number));
            commit(tear);
            check = checkLine(line, number, torn.before, key);
        } else if (held) {
            commit(*held);
        }
        held = Held{number, state, check, line.size()};
        state = check.after;
    }
    if (held)
        commit(*held);
    return result;
}

} // namespace golive
