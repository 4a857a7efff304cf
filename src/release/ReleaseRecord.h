#pragma once

#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/release/RecordEvent.h"
#include "src/release/RecordVerification.h"

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
// line therefore breaks the chain at the next line, which verify() reports. What a bare chain
// cannot show: an edit of the very last line, or the last lines cut off cleanly.
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

    // The record of a release folder: opened (or created) for appending. Reads the last complete
    // line to continue the chain; if the file ends in a half-written line (a crash mid-write), the
    // next append starts on a fresh line and verify() keeps reporting the cut line.
    static Result<std::unique_ptr<ReleaseRecord>> open(const QString &releaseFolder,
                                                       const Clock &clock);

    ReleaseRecord(const ReleaseRecord &) = delete;
    ReleaseRecord &operator=(const ReleaseRecord &) = delete;

    QString path() const { return m_file.fileName(); }
    qint64 lastSeq() const { return m_lastSeq; }

    // Redacts, stamps (seq, at, prev) and appends one event; flushed and fsync'ed before it
    // returns. Appenders in other processes take turns with it (an exclusive flock per append),
    // and the chain continues from their lines. Errors: "event-too-large", "io",
    // "corrupt-record" (another writer left a last line that is not an event).
    Result<RecordEvent> append(const QString &kind, const QString &who, const QJsonObject &data);

    // "x" capped to maxCommandOutputChars, with "[… N characters cut]" appended when it was cut.
    static QString capOutput(const QString &text);
    static QByteArray genesisHash();
    static QByteArray lineHash(const QByteArray &lineWithoutNewline);

    // Reads the whole chain from the start. Errors only when the file is missing ("no-record")
    // or cannot be read ("io").
    static Result<RecordVerification> verify(const QString &recordPath);
    // Every line that parses as an event, in file order (a broken line is skipped, not fatal:
    // the report still shows what is there and verify() says what is wrong).
    static Result<QList<RecordEvent>> readEvents(const QString &recordPath);
    static std::optional<RecordEvent> parseLine(const QByteArray &line);

private:
    ReleaseRecord(const QString &path, const Clock &clock);
    // Reads the last complete line: seq and hash to continue from, and whether a cut line
    // needs a newline first.
    Status loadChainEnd();

    const Clock &m_clock;
    QFile m_file;
    QByteArray m_prevHash;
    qint64 m_lastSeq = 0;
    bool m_needsNewline = false;
    qint64 m_knownSize = 0; // the file's size after our last append; else another wrote
};

} // namespace golive
