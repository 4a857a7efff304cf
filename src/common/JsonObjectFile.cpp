#include "src/common/JsonObjectFile.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace golive {

Result<QJsonObject> parseJsonObjectFile(const QByteArray &json, const QString &formatName)
{
    if (json.trimmed().isEmpty())
        return Error{QStringLiteral("parse"), QStringLiteral("The file is empty.")};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{QStringLiteral("parse"), QStringLiteral("Not valid JSON at offset %1: %2.")
                                                  .arg(parseError.offset)
                                                  .arg(parseError.errorString())};
    if (!document.isObject())
        return Error{QStringLiteral("foreign-file"),
                     QStringLiteral("A foreign file: the top level is %1, not a %2 object.")
                         .arg(document.isArray() ? QStringLiteral("an array")
                                                 : QStringLiteral("not an object"),
                              formatName)};
    return document.object();
}

} // namespace golive
