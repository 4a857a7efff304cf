#pragma once

#include "src/common/Error.h"
#include "src/release/ReleaseInfo.h"

#include <QByteArray>

// release.json: { "format": "golive-release", "version": 1, "id", "name", "created", "source" }.
namespace golive::ReleaseInfoJson {

inline constexpr char formatMarker[] = "golive-release";
inline constexpr int formatVersion = 1;

QByteArray toJson(const ReleaseInfo &info);

// The whole description or an Error naming what is wrong (kinds as for ChecklistStateJson).
Result<ReleaseInfo> fromJson(const QByteArray &json);

} // namespace golive::ReleaseInfoJson
