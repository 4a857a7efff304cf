#include "src/checklist/ChecklistStateJson.h"

#include "src/common/JsonObjectFile.h"
#include "src/common/JsonObjectReader.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <limits>

namespace golive::ChecklistStateJson {

namespace {

const QString kFormat = QString::fromLatin1(formatMarker);
const QString kChecksumPrefix = QStringLiteral("sha256:");

QJsonValue timeToJson(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject recordToJson(bool checked, const QString &who, const QDateTime &atUtc,
                         const QString &note, const QString &evidence)
{
    return QJsonObject{{QStringLiteral("checked"), checked},
                       {QStringLiteral("who"), who},
                       {QStringLiteral("at"), timeToJson(atUtc)},
                       {QStringLiteral("note"), note},
                       {QStringLiteral("evidence"), evidence}};
}

QJsonObject itemsToJson(const ChecklistState &state)
{
    QJsonObject items;
    for (auto it = state.cbegin(); it != state.cend(); ++it) {
        const ItemState &item = it.value();
        QJsonObject object =
            recordToJson(item.checked, item.who, item.atUtc, item.note, item.evidence);
        QJsonArray history;
        for (const TickRecord &record : item.history) {
            QJsonObject entry = recordToJson(record.checked, record.who, record.atUtc,
                                             record.note, record.evidence);
            if (record.noteEdit)
                entry.insert(QStringLiteral("kind"), QStringLiteral("note"));
            history.append(entry);
        }
        object.insert(QStringLiteral("history"), history);
        items.insert(it.key(), object);
    }
    return items;
}

// The checksum is taken over Qt's compact serialisation of the items object. Object keys are
// kept sorted, so the same items always give the same bytes, however the file was formatted.
QString itemsChecksum(const QJsonObject &items)
{
    const QByteArray canonical = QJsonDocument(items).toJson(QJsonDocument::Compact);
    return kChecksumPrefix +
           QString::fromLatin1(
               QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

Error invalidState(const QStringList &problems)
{
    return Error{
        QStringLiteral("invalid-state"),
        QStringLiteral("Invalid state file: %1.").arg(problems.join(QStringLiteral("; ")))};
}

// The fields an item and a history record share.
void readRecord(JsonObjectReader &reader, TickRecord &out)
{
    if (reader.require(QStringLiteral("checked")))
        reader.readBool(QStringLiteral("checked"), out.checked);
    // Absent texts are empty ones, an absent time is "never".
    reader.readString(QStringLiteral("who"), out.who);
    reader.readUtcTime(QStringLiteral("at"), out.atUtc);
    reader.readString(QStringLiteral("note"), out.note);
    reader.readString(QStringLiteral("evidence"), out.evidence);
}

ItemState readItem(JsonObjectReader &reader)
{
    TickRecord head;
    readRecord(reader, head);
    ItemState item;
    item.checked = head.checked;
    item.who = head.who;
    item.atUtc = head.atUtc;
    item.note = head.note;
    item.evidence = head.evidence;
    for (JsonObjectReader &recordReader : reader.objectsIn(QStringLiteral("history"))) {
        TickRecord record;
        readRecord(recordReader, record);
        // Absent in ticks and unticks (and in files written before note edits were kept).
        QString kind;
        recordReader.readString(QStringLiteral("kind"), kind);
        record.noteEdit = kind == QLatin1String("note");
        item.history.append(record);
    }
    return item;
}

Status checkHeader(const QJsonObject &top)
{
    const QJsonValue format = top.value(QStringLiteral("format"));
    if (format.toString() != kFormat)
        return Error{QStringLiteral("foreign-file"),
                     format.isString()
                         ? QStringLiteral("A foreign file: its format is \"%1\", not \"%2\".")
                               .arg(format.toString().left(60), kFormat)
                         : QStringLiteral("A foreign file: it has no \"format\": \"%1\" marker.")
                               .arg(kFormat)};
    QStringList problems;
    JsonObjectReader reader(top, QString(), &problems);
    qint64 version = formatVersion;
    if (reader.require(QStringLiteral("version")))
        reader.readInt64(QStringLiteral("version"), version, 0, std::numeric_limits<int>::max());
    if (!problems.isEmpty())
        return invalidState(problems);
    if (version != formatVersion)
        return Error{QStringLiteral("unsupported-version"),
                     QStringLiteral("Unsupported version %1: this golive reads version %2 of the "
                                    "checklist state format.")
                         .arg(version)
                         .arg(formatVersion)};
    return std::nullopt;
}

} // namespace

QByteArray toJson(const ChecklistState &state, const QDateTime &savedUtc)
{
    const QJsonObject items = itemsToJson(state);
    const QJsonObject top{{QStringLiteral("format"), kFormat},
                          {QStringLiteral("version"), formatVersion},
                          {QStringLiteral("saved"), timeToJson(savedUtc)},
                          {QStringLiteral("checksum"), itemsChecksum(items)},
                          {QStringLiteral("items"), items}};
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

Result<Document> documentFromJson(const QByteArray &json)
{
    auto top = parseJsonObjectFile(json, kFormat);
    if (!top)
        return top.error();
    const QJsonObject &object = top.value();
    if (const Status e = checkHeader(object); e.failed())
        return *e;

    Document document;
    QStringList problems;
    JsonObjectReader reader(object, QString(), &problems);
    reader.readUtcTime(QStringLiteral("saved"), document.savedUtc);
    QString checksum;
    if (reader.require(QStringLiteral("checksum")))
        reader.readString(QStringLiteral("checksum"), checksum, [](const QString &value) {
            return value.startsWith(kChecksumPrefix)
                       ? std::nullopt
                       : std::optional<QString>(
                             JsonObjectReader::expected(QStringLiteral("\"sha256:...\""), value));
        });
    const QJsonObject items = object.value(QStringLiteral("items")).toObject();
    auto itemsReader = reader.require(QStringLiteral("items"))
                           ? reader.object(QStringLiteral("items"))
                           : std::nullopt;
    for (const QString &id : itemsReader ? itemsReader->memberKeys() : QStringList()) {
        if (id.isEmpty()) {
            problems << QStringLiteral("items: an item has an empty id");
            continue;
        }
        if (auto itemReader = itemsReader->object(id))
            document.state.insert(id, readItem(*itemReader));
    }
    if (!problems.isEmpty())
        return invalidState(problems);

    // Checked last so that a type error, which says more, wins over the checksum mismatch it
    // would also cause.
    if (checksum != itemsChecksum(items))
        return Error{QStringLiteral("checksum-mismatch"),
                     QStringLiteral("Checksum mismatch: the items do not match the recorded "
                                    "checksum, so the file was cut short or edited by hand.")};
    return document;
}

Result<ChecklistState> fromJson(const QByteArray &json)
{
    auto document = documentFromJson(json);
    if (!document)
        return document.error();
    return std::move(document).value().state;
}

} // namespace golive::ChecklistStateJson
