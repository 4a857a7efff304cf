#include "src/release/ReleaseInfoJson.h"

#include "src/common/JsonObjectFile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace golive::ReleaseInfoJson {

namespace {

const QString kFormat = QString::fromLatin1(formatMarker);

Error fieldError(const QString &field, const QString &expected)
{
    return Error{QStringLiteral("invalid-release"),
                 QStringLiteral("Wrong or missing field %1: expected %2.").arg(field, expected)};
}

} // namespace

QByteArray toJson(const ReleaseInfo &info)
{
    const QJsonObject top{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("version"), formatVersion},
        {QStringLiteral("id"), info.id},
        {QStringLiteral("name"), info.name},
        {QStringLiteral("created"), info.createdUtc.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("source"), info.sourceDescription}};
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

Result<ReleaseInfo> fromJson(const QByteArray &json)
{
    const auto parsed = parseJsonObjectFile(json, kFormat);
    if (!parsed.ok())
        return parsed.error();
    const QJsonObject &top = parsed.value();
    if (top.value(QStringLiteral("format")).toString() != kFormat)
        return Error{
            QStringLiteral("foreign-file"),
            QStringLiteral("A foreign file: it has no \"format\": \"%1\" marker.").arg(kFormat)};
    const QJsonValue version = top.value(QStringLiteral("version"));
    if (!version.isDouble())
        return fieldError(QStringLiteral("version"), QStringLiteral("a whole number"));
    if (version.toDouble() != formatVersion)
        return Error{QStringLiteral("unsupported-version"),
                     QStringLiteral("Unsupported version %1: this golive reads version %2 of the "
                                    "release format.")
                         .arg(version.toDouble())
                         .arg(formatVersion)};

    ReleaseInfo info;
    info.formatVersion = formatVersion;
    const QJsonValue id = top.value(QStringLiteral("id"));
    const QJsonValue name = top.value(QStringLiteral("name"));
    const QJsonValue created = top.value(QStringLiteral("created"));
    const QJsonValue source = top.value(QStringLiteral("source"));
    if (!id.isString())
        return fieldError(QStringLiteral("id"), QStringLiteral("a string"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return fieldError(QStringLiteral("name"), QStringLiteral("a non-empty string"));
    info.createdUtc = QDateTime::fromString(created.toString(), Qt::ISODateWithMs).toUTC();
    if (!created.isString() || !info.createdUtc.isValid())
        return fieldError(QStringLiteral("created"), QStringLiteral("an ISO-8601 UTC time"));
    if (!source.isString())
        return fieldError(QStringLiteral("source"), QStringLiteral("a string"));
    info.id = id.toString();
    info.name = name.toString();
    info.sourceDescription = source.toString();
    return info;
}

} // namespace golive::ReleaseInfoJson
