#pragma once

#include "src/checklist/ItemState.h"
#include "src/common/Error.h"

#include <QByteArray>
#include <QDateTime>

// How a release's checklist state is stored on disk (state.json):
//   { "format": "golive-checklist-state", "version": 1, "saved": "<ISO-8601 UTC>",
//     "checksum": "sha256:<hex of the compact items object>", "items": { "<id>": {...} } }
// The checksum covers the items so that a file that still parses but was cut short or edited by
// hand is refused instead of silently losing ticks.
namespace golive::ChecklistStateJson {

inline constexpr char formatMarker[] = "golive-checklist-state";
inline constexpr int formatVersion = 1;

// A parsed state file: the state and when it was saved (invalid if the file did not say).
struct Document {
    ChecklistState state;
    QDateTime savedUtc;
};

QByteArray toJson(const ChecklistState &state, const QDateTime &savedUtc = {});

// Either the whole state or an Error naming what is wrong (kind "parse", "foreign-file",
// "unsupported-version", "invalid-state" or "checksum-mismatch"); never a partial state.
Result<ChecklistState> fromJson(const QByteArray &json);
Result<Document> documentFromJson(const QByteArray &json);

} // namespace golive::ChecklistStateJson
