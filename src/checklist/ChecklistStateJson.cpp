#include "src/checklist/ChecklistStateJson.h"

#include "src/common/JsonObjectFile.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>

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
        for (const TickRecord &record : item.history)
            history.append(recordToJson(record.checked, record.who, record.atUtc, record.note,
                                        record.evidence));
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

QString describeType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

Error wrongType(const QString &path, const QString &expected, const QJsonValue &found)
{
    return Error{QStringLiteral("invalid-state"),
                 QStringLiteral("Wrong type at %1: expected %2, found %3.")
                     .arg(path, expected, describeType(found))};
}

QString itemPath(const QString &id)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (plain.match(id).hasMatch())
        return QStringLiteral("items.") + id;
    QString escaped = id;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QStringLiteral("items[\"%1\"]").arg(escaped);
}

QString joinPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

Status readString(const QJsonObject &object, const QString &key, const QString &path, QString &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return std::nullopt; // optional: an absent text is an empty one
    if (!value.isString())
        return wrongType(joinPath(path, key), QStringLiteral("a string"), value);
    out = value.toString();
    return std::nullopt;
}

Status readTime(const QJsonObject &object, const QString &key, const QString &path, QDateTime &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const QString fieldPath = joinPath(path, key);
    if (!value.isString())
        return wrongType(fieldPath, QStringLiteral("an ISO-8601 time or null"), value);
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return Error{QStringLiteral("invalid-state"),
                     QStringLiteral("Invalid time at %1: \"%2\" is not an ISO-8601 time.")
                         .arg(fieldPath, value.toString().left(40))};
    out = time.toUTC();
    return std::nullopt;
}

// The fields an item and a history record share.
Status readRecord(const QJsonValue &value, const QString &path, TickRecord &out)
{
    if (!value.isObject())
        return wrongType(path, QStringLiteral("an object"), value);
    const QJsonObject object = value.toObject();
    const QJsonValue checked = object.value(QStringLiteral("checked"));
    if (checked.isUndefined())
        return Error{QStringLiteral("invalid-state"),
                     QStringLiteral("Missing field %1.checked.").arg(path)};
    if (!checked.isBool())
        return wrongType(path + QStringLiteral(".checked"), QStringLiteral("true or false"),
                         checked);
    out.checked = checked.toBool();
    if (auto e = readString(object, QStringLiteral("who"), path, out.who))
        return e;
    if (auto e = readTime(object, QStringLiteral("at"), path, out.atUtc))
        return e;
    if (auto e = readString(object, QStringLiteral("note"), path, out.note))
        return e;
    if (auto e = readString(object, QStringLiteral("evidence"), path, out.evidence))
        return e;
    return std::nullopt;
}

Result<ItemState> readItem(const QJsonValue &value, const QString &path)
{
    TickRecord head;
    if (auto e = readRecord(value, path, head))
        return *e;
    ItemState item;
    item.checked = head.checked;
    item.who = head.who;
    item.atUtc = head.atUtc;
    item.note = head.note;
    item.evidence = head.evidence;

    const QJsonValue history = value.toObject().value(QStringLiteral("history"));
    if (history.isUndefined())
        return item;
    const QString historyPath = path + QStringLiteral(".history");
    if (!history.isArray())
        return wrongType(historyPath, QStringLiteral("an array"), history);
    const QJsonArray records = history.toArray();
    for (qsizetype i = 0; i < records.size(); ++i) {
        TickRecord record;
        if (auto e =
                readRecord(records.at(i), QStringLiteral("%1[%2]").arg(historyPath).arg(i), record))
            return *e;
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
    const QJsonValue version = top.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != static_cast<double>(version.toInt()))
        return wrongType(QStringLiteral("version"), QStringLiteral("a whole number"), version);
    if (version.toInt() != formatVersion)
        return Error{QStringLiteral("unsupported-version"),
                     QStringLiteral("Unsupported version %1: this golive reads version %2 of the "
                                    "checklist state format.")
                         .arg(version.toInt())
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
    if (auto e = checkHeader(object))
        return *e;

    Document document;
    if (auto e = readTime(object, QStringLiteral("saved"), QString(), document.savedUtc))
        return *e;

    const QJsonValue itemsValue = object.value(QStringLiteral("items"));
    if (!itemsValue.isObject())
        return wrongType(QStringLiteral("items"), QStringLiteral("an object"), itemsValue);
    const QJsonObject items = itemsValue.toObject();

    const QJsonValue checksum = object.value(QStringLiteral("checksum"));
    if (!checksum.isString())
        return wrongType(QStringLiteral("checksum"), QStringLiteral("a \"sha256:...\" string"),
                         checksum);
    if (!checksum.toString().startsWith(kChecksumPrefix))
        return Error{QStringLiteral("invalid-state"),
                     QStringLiteral("Unknown checksum kind \"%1\": expected \"sha256:...\".")
                         .arg(checksum.toString().left(20))};

    for (auto it = items.constBegin(); it != items.constEnd(); ++it) {
        if (it.key().isEmpty())
            return Error{QStringLiteral("invalid-state"),
                         QStringLiteral("An item in items has an empty id.")};
        auto item = readItem(it.value(), itemPath(it.key()));
        if (!item)
            return item.error();
        document.state.insert(it.key(), std::move(item).value());
    }

    // Checked last so that a type error, which says more, wins over the checksum mismatch it
    // would also cause.
    if (checksum.toString() != itemsChecksum(items))
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
