#pragma once

#include "src/common/Error.h"

#include <QByteArray>
#include <QJsonObject>

namespace golive {

// Parses a golive JSON file whose top level must be an object. Errors, with kinds:
//   "parse"        — empty, or not JSON (the message names the offset);
//   "foreign-file" — JSON, but not an object, so not one of golive's files.
// `formatName` names the expected format in the message, e.g. "golive-checklist-state".
Result<QJsonObject> parseJsonObjectFile(const QByteArray &json, const QString &formatName);

} // namespace golive
