#pragma once

#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/release/RecordEvent.h"
#include "src/release/RecordVerification.h"
#include "src/secrets/RecordKey.h"

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace golive {

// The release record: <release folder>/record.jsonl, append-only, one compact JSON object per line:
//   {"at":"2026-11-24T14:03:00.123Z","data":{...},"kind":"tick","prev":"<hex>","seq":1,"who":"alice"}
// `prev` is the hex SHA-256 of the previous line's bytes (without its '\n'); the first line's
// `prev` is the SHA-256 of the empty string (genesisHash()). Editing, deleting or reordering a
// line therefore breaks the chain at the next line, which verify() reports.
//
// Each line is also signed: "sig" is the hex HMAC-SHA256, under the installation's record key
// (RecordKey, kept in the OS keychain), of the line's compact JSON without the "sig" field. So a
// line appended or a chain recomputed by someone without the key fails verify() when the key is
// at hand. Without a key a line carries "unsigned": "<why>" instead, and proves only the chain.
// What neither can show: the last lines cut off cleanly, or lines written by anyone else who can
// read the same keychain.
//
// A crash mid-append leaves a torn last line. The next open() for appending ends it with a
// newline and appends a "recovered" event ({"torn_line": N, "bytes": B}) that chains from the
// last complete line, so verify() can tell that crash from tampering and check every line after.
//
// Every string (who, every string inside data, however nested) passes Redactor::redact before it
// is written, so a secret that reached an event's text never reaches the file.
class ReleaseRecord {
public:
    static constexpr auto fileName = "record.jsonl";
    // One line, after command output has been capped; a bigger event is refused.
    static constexpr qsizetype maxEventBytes = 1024 * 1024;
    // Command output kept per event; the rest is replaced with a note saying how much was cut.
    static constexpr qsizetype maxCommandOutputChars = 64 * 1024;

    // The record of a release folder: opened (or created) for appending, every line signed with
    // `key` (or marked unsigned with its reason). Reads the last complete line to continue the
    // chain; if the file ends in a torn line (a crash mid-write), records the recovery at once.
    static Result<std::unique_ptr<ReleaseRecord>> open(const QString &releaseFolder,
                                                       const Clock &clock, const RecordKey &key);
    // The same, before the record key has arrived from the keychain (the window never waits for
    // it): append() holds events in memory, stamped with their time, until setKey() writes them
    // in order. A record closed still waiting writes them unsigned, saying why.
    static Result<std::unique_ptr<ReleaseRecord>> openAwaitingKey(const QString &releaseFolder,
                                                                  const Clock &clock);
    ~ReleaseRecord();
    bool awaitingKey() const { return !m_key.has_value(); }
    // Signs from now on with `key` (or marks lines unsigned with its reason), records a torn last
    // line's recovery, and writes the held events. Only the first call counts.
    Status setKey(const RecordKey &key);

    ReleaseRecord(const ReleaseRecord &) = delete;
    ReleaseRecord &operator=(const ReleaseRecord &) = delete;

    QString path() const { return m_file.fileName(); }
    qint64 lastSeq() const { return m_lastSeq; }

    // Redacts, stamps (seq, at, prev) and appends one event; flushed and fsync'ed before it
    // returns (while awaitingKey(): held in memory, and returned with seq 0). Appenders in other processes take turns with it (an exclusive flock per append),
    // and the chain continues from their lines. Errors: "event-too-large", "io",
    // "corrupt-record" (another writer left a last line that is not an event).
    Result<RecordEvent> append(const QString &kind, const QString &who, const QJsonObject &data);

    // "x" capped to maxCommandOutputChars, with "[… N characters cut]" appended when it was cut.
    static QString capOutput(const QString &text);
    static QByteArray genesisHash();
    static QByteArray lineHash(const QByteArray &lineWithoutNewline);

    // Reads the whole chain from the start and lists every finding; signatures are checked when
    // `key` is available. Errors only when the file is missing ("no-record") or cannot be read
    // ("io").
    static Result<RecordVerification> verify(const QString &recordPath, const RecordKey &key);
    // The compact line for `line`, with "sig" (or "unsigned") added.
    static QByteArray sealedLine(QJsonObject line, const RecordKey &key);
    // Every line that parses as an event, in file order (a broken line is skipped, not fatal:
    // the report still shows what is there and verify() says what is wrong).
    static Result<QList<RecordEvent>> readEvents(const QString &recordPath);
    static std::optional<RecordEvent> parseLine(const QByteArray &line);

private:
    ReleaseRecord(const QString &path, const Clock &clock, std::optional<RecordKey> key);
    static Result<std::unique_ptr<ReleaseRecord>> openFile(const QString &releaseFolder,
                                                           const Clock &clock,
                                                           std::optional<RecordKey> key);
    Result<RecordEvent> appendAt(const QString &kind, const QString &who,
                                 const QJsonObject &data, const QDateTime &atUtc);
    Status recoverTornTail();
    // Reads the last complete line: seq and hash to continue from, and whether a cut line
    // needs a newline first.
    Status loadChainEnd();
    // Ends a torn last line and appends the "recovered" event; the caller holds the lock.
    Status recordRecovery();
    Status writeLine(const QByteArray &bytes, qint64 seq);

    const Clock &m_clock;
    std::optional<RecordKey> m_key; // nullopt while awaiting it
    struct HeldEvent {
        QString kind;
        QString who;
        QJsonObject data;
        QDateTime atUtc;
    };
    QList<HeldEvent> m_held;
    QFile m_file;
    QByteArray m_prevHash;
    qint64 m_lastSeq = 0;
    bool m_needsNewline = false;
    qint64 m_tornBytes = 0; // bytes of the torn last line, when m_needsNewline
    qint64 m_knownSize = 0; // the file's size after our last append; else another wrote
};

} // namespace golive
