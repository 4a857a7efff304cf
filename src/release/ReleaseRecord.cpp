#include "src/release/ReleaseRecord.h"
#include "src/common/ErrorKind.h"

#include "src/secrets/Redactor.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <sys/file.h>
#include <unistd.h>

namespace golive {

namespace {

QJsonValue redacted(const QJsonValue &value);

QJsonObject redactedObject(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(Redactor::redact(it.key()), redacted(it.value()));
    return out;
}

QJsonValue redacted(const QJsonValue &value)
{
    if (value.isString())
        return Redactor::redact(value.toString());
    if (value.isObject())
        return redactedObject(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &element : value.toArray())
            out.append(redacted(element));
        return out;
    }
    return value;
}

Error ioError(const QString &path, const QString &what)
{
    return {errorkind::io, QStringLiteral("Cannot %1 the release record %2.")
                               .arg(what, QDir::toNativeSeparators(path))};
}

// The last line of the file that ends in '\n' (without it), and whether bytes follow it.
struct Tail {
    QByteArray lastCompleteLine;
    bool halfWrittenLine = false;
    qint64 tornBytes = 0; // bytes after the last '\n'
};

Result<Tail> readTail(QFile &file)
{
    Tail tail;
    const qint64 size = file.size();
    if (size == 0)
        return tail;
    // A line is at most maxEventBytes; two of them plus slack always hold the last complete line.
    const qint64 window = std::min<qint64>(size, 2 * ReleaseRecord::maxEventBytes + 16);
    if (!file.seek(size - window))
        return Error{errorkind::io, QStringLiteral("seek failed")};
    const QByteArray bytes = file.read(window);
    if (bytes.size() != window)
        return Error{errorkind::io, QStringLiteral("short read")};
    qsizetype end = bytes.lastIndexOf('\n');
    tail.halfWrittenLine = end != bytes.size() - 1;
    tail.tornBytes = bytes.size() - 1 - end;
    if (end < 0)
        return tail; // only a half-written first line
    const qsizetype start = bytes.lastIndexOf('\n', end - 1) + 1;
    tail.lastCompleteLine = bytes.mid(start, end - start);
    return tail;
}

// Holds flock(LOCK_EX) on a file for its lifetime: one appender at a time across processes.
class ExclusiveFileLock {
public:
    explicit ExclusiveFileLock(int fd) : m_fd(fd)
    {
        int result;
        do {
            result = ::flock(m_fd, LOCK_EX);
        } while (result != 0 && errno == EINTR);
        m_locked = result == 0;
    }
    ~ExclusiveFileLock()
    {
        if (m_locked)
            ::flock(m_fd, LOCK_UN);
    }
    ExclusiveFileLock(const ExclusiveFileLock &) = delete;
    ExclusiveFileLock &operator=(const ExclusiveFileLock &) = delete;
    bool locked() const { return m_locked; }

private:
    int m_fd;
    bool m_locked = false;
};

// Complete lines in the file: the torn line's number is this plus one.
Result<qint64> countCompleteLines(QFile &file)
{
    if (!file.seek(0))
        return Error{errorkind::io, QStringLiteral("seek failed")};
    qint64 lines = 0;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1024 * 1024);
        if (chunk.isEmpty())
            return Error{errorkind::io, QStringLiteral("short read")};
        lines += chunk.count('\n');
    }
    return lines;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

ReleaseRecord::ReleaseRecord(const QString &path, const Clock &clock,
                             std::optional<RecordKey> key)
    : m_clock(clock), m_key(std::move(key)), m_file(path), m_prevHash(genesisHash())
{
}

QByteArray ReleaseRecord::genesisHash()
{
    return lineHash(QByteArray());
}

QByteArray ReleaseRecord::lineHash(const QByteArray &lineWithoutNewline)
{
    return QCryptographicHash::hash(lineWithoutNewline, QCryptographicHash::Sha256).toHex();
}

QByteArray ReleaseRecord::sealedLine(QJsonObject line, const RecordKey &key)
{
    if (key.available())
        line.insert(QStringLiteral("sig"), QString::fromLatin1(key.sign(compact(line))));
    else
        line.insert(QStringLiteral("unsigned"), key.unavailableReason());
    return compact(line);
}

ReleaseRecord::~ReleaseRecord()
{
    if (m_key || m_held.isEmpty())
        return;
    // Nothing held may be lost: written, but unsigned, and saying why.
    (void)setKey(RecordKey::unavailable(
        QStringLiteral("golive closed the record before the keychain gave it the record key")));
}

Result<std::unique_ptr<ReleaseRecord>> ReleaseRecord::open(const QString &releaseFolder,
                                                           const Clock &clock,
                                                           const RecordKey &key)
{
    return openFile(releaseFolder, clock, key);
}

Result<std::unique_ptr<ReleaseRecord>> ReleaseRecord::openAwaitingKey(const QString &releaseFolder,
                                                                      const Clock &clock)
{
    return openFile(releaseFolder, clock, std::nullopt);
}

Status ReleaseRecord::setKey(const RecordKey &key)
{
    if (m_key)
        return std::nullopt;
    m_key = key;
    {
        const ExclusiveFileLock lock(m_file.handle());
        if (!lock.locked())
            return ioError(path(), QStringLiteral("lock"));
        if (const Status failed = recoverTornTail(); failed.failed())
            return failed;
    }
    const QList<HeldEvent> held = std::exchange(m_held, {});
    Status firstFailure;
    for (const HeldEvent &event : held) {
        const auto written = appendAt(event.kind, event.who, event.data, event.atUtc);
        if (!written.ok() && !firstFailure.failed())
            firstFailure = written.error();
    }
    return firstFailure;
}

// Under the lock: re-reads the end (another process may have recovered it meanwhile) and, if the
// last line is still torn, records the recovery.
Status ReleaseRecord::recoverTornTail()
{
    if (const Status failed = loadChainEnd(); failed.failed())
        return failed;
    return recordRecovery();
}

Result<std::unique_ptr<ReleaseRecord>> ReleaseRecord::openFile(const QString &releaseFolder,
                                                               const Clock &clock,
                                                               std::optional<RecordKey> key)
{
    const QString path = QDir(releaseFolder).filePath(QString::fromLatin1(fileName));
    std::unique_ptr<ReleaseRecord> record(new ReleaseRecord(path, clock, std::move(key)));
    // The one file in golive that is appended to rather than replaced via writeFileAtomically:
    // rewriting a growing log on every event would cost O(n) per event, and an append of one
    // line followed by fsync loses at most the line being written, which verify() then reports.
    if (!record->m_file.open(QIODevice::ReadWrite | QIODevice::Append))
        return ioError(path, QStringLiteral("open"));
    if (const Status failed = record->loadChainEnd(); failed.failed())
        return *failed;
    // The recovery event is signed like every other line, so it waits for the key too.
    if (record->m_needsNewline && record->m_key) {
        const ExclusiveFileLock lock(record->m_file.handle());
        if (!lock.locked())
            return ioError(path, QStringLiteral("lock"));
        if (const Status failed = record->recoverTornTail(); failed.failed())
            return *failed;
    }
    return record;
}

Status ReleaseRecord::recordRecovery()
{
    if (!m_needsNewline)
        return std::nullopt;
    const auto lines = countCompleteLines(m_file);
    if (!lines.ok())
        return ioError(path(), QStringLiteral("read"));
    const qint64 seq = m_lastSeq + 1;
    const QJsonObject line{
        {QStringLiteral("prev"), QString::fromLatin1(m_prevHash)},
        {QStringLiteral("seq"), seq},
        {QStringLiteral("at"), m_clock.nowUtc().toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("kind"), QString::fromLatin1(recordkind::recovered)},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("torn_line"), lines.value() + 1},
                     {QStringLiteral("bytes"), m_tornBytes}}}};
    return writeLine(sealedLine(line, *m_key), seq);
}

Status ReleaseRecord::writeLine(const QByteArray &bytes, qint64 seq)
{
    QByteArray out;
    if (m_needsNewline)
        out += '\n';
    out += bytes;
    out += '\n';
    if (m_file.write(out) != out.size() || !m_file.flush() || ::fsync(m_file.handle()) != 0)
        return ioError(path(), QStringLiteral("append to"));
    m_needsNewline = false;
    m_tornBytes = 0;
    m_prevHash = lineHash(bytes);
    m_lastSeq = seq;
    m_knownSize = m_file.size();
    return std::nullopt;
}

Status ReleaseRecord::loadChainEnd()
{
    const auto tail = readTail(m_file);
    if (!tail.ok())
        return ioError(path(), QStringLiteral("read"));
    m_needsNewline = tail.value().halfWrittenLine;
    m_tornBytes = tail.value().tornBytes;
    const QByteArray &last = tail.value().lastCompleteLine;
    m_lastSeq = 0;
    m_prevHash = genesisHash();
    if (!last.isEmpty()) {
        const auto event = parseLine(last);
        if (!event)
            return Error{QStringLiteral("corrupt-record"),
                         QStringLiteral("The last line of the release record %1 is not an event; "
                                        "run 'golive verify' to see where it breaks.")
                             .arg(QDir::toNativeSeparators(path()))};
        m_lastSeq = event->seq;
        m_prevHash = lineHash(last);
    }
    m_knownSize = m_file.size();
    return std::nullopt;
}

QString ReleaseRecord::capOutput(const QString &text)
{
    if (text.size() <= maxCommandOutputChars)
        return text;
    return text.left(maxCommandOutputChars) +
           QStringLiteral("\n[… %1 characters cut]").arg(text.size() - maxCommandOutputChars);
}

Result<RecordEvent> ReleaseRecord::append(const QString &kind, const QString &who,
                                          const QJsonObject &data)
{
    const QDateTime now = m_clock.nowUtc().toUTC();
    if (!m_key) {
        m_held.append({kind, who, data, now});
        RecordEvent event;
        event.atUtc = now;
        event.kind = kind;
        event.who = Redactor::redact(who);
        event.data = redactedObject(data);
        return event;
    }
    return appendAt(kind, who, data, now);
}

Result<RecordEvent> ReleaseRecord::appendAt(const QString &kind, const QString &who,
                                            const QJsonObject &data, const QDateTime &atUtc)
{
    // Another golive (the window and a `golive run` in a terminal) may append to the same
    // record: take turns, and continue the chain from whatever was appended meanwhile.
    const ExclusiveFileLock lock(m_file.handle());
    if (!lock.locked())
        return ioError(path(), QStringLiteral("lock"));
    if (m_file.size() != m_knownSize) {
        if (const Status failed = loadChainEnd(); failed.failed())
            return *failed;
        // Another writer crashed mid-line since: record that before our own event.
        if (const Status failed = recordRecovery(); failed.failed())
            return *failed;
    }

    RecordEvent event;
    event.seq = m_lastSeq + 1;
    event.atUtc = atUtc;
    event.kind = kind;
    event.who = Redactor::redact(who);
    event.data = redactedObject(data);

    QJsonObject line{{QStringLiteral("prev"), QString::fromLatin1(m_prevHash)},
                     {QStringLiteral("seq"), event.seq},
                     {QStringLiteral("at"), event.atUtc.toString(Qt::ISODateWithMs)},
                     {QStringLiteral("kind"), kind},
                     {QStringLiteral("data"), event.data}};
    if (!event.who.isEmpty())
        line.insert(QStringLiteral("who"), event.who);
    const QByteArray bytes = sealedLine(line, *m_key);
    if (bytes.size() > maxEventBytes)
        return Error{QStringLiteral("event-too-large"),
                     QStringLiteral("A %1 event of %2 bytes is larger than the record takes "
                                    "(%3 bytes); it was not recorded.")
                         .arg(kind)
                         .arg(bytes.size())
                         .arg(maxEventBytes)};

    if (const Status failed = writeLine(bytes, event.seq); failed.failed())
        return *failed;
    return event;
}

std::optional<RecordEvent> ReleaseRecord::parseLine(const QByteArray &line)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    RecordEvent event;
    event.seq = object.value(QStringLiteral("seq")).toInteger(-1);
    event.atUtc =
        QDateTime::fromString(object.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    event.kind = object.value(QStringLiteral("kind")).toString();
    event.who = object.value(QStringLiteral("who")).toString();
    event.data = object.value(QStringLiteral("data")).toObject();
    if (event.seq < 1 || !event.atUtc.isValid() || event.kind.isEmpty() ||
        !object.value(QStringLiteral("prev")).isString())
        return std::nullopt;
    return event;
}

Result<QList<RecordEvent>> ReleaseRecord::readEvents(const QString &recordPath)
{
    QFile file(recordPath);
    if (!file.exists())
        return QList<RecordEvent>();
    if (!file.open(QIODevice::ReadOnly))
        return ioError(recordPath, QStringLiteral("read"));
    QList<RecordEvent> events;
    while (!file.atEnd()) {
        QByteArray line = file.readLine(maxEventBytes + 2);
        if (!line.endsWith('\n'))
            continue;
        line.chop(1);
        if (auto event = parseLine(line))
            events.append(*event);
    }
    return events;
}

} // namespace golive
