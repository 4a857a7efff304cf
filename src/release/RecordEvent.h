#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace golive {

// The kinds of event a release record holds, as written in each line's "kind".
namespace recordkind {
inline constexpr auto releaseCreated = "release-created";
inline constexpr auto tick = "tick";
inline constexpr auto untick = "untick";
inline constexpr auto note = "note";
inline constexpr auto gateOverride = "gate-override";
// An item ticked although its evidence failed: {item, evidence_result, reason}.
inline constexpr auto evidenceOverride = "evidence-override";
inline constexpr auto probeStatus = "probe-status";
inline constexpr auto probeSample = "probe-sample";
inline constexpr auto alertFired = "alert-fired";
inline constexpr auto alertResolved = "alert-resolved";
// A kubectl command about to start, written before its process exists (write-ahead).
inline constexpr auto commandBegun = "command-begun";
// How a command ended; its data's "begun_seq" names its command-begun event.
inline constexpr auto command = "command";
// A command-begun with no end: golive stopped (killed, crashed) before the command was seen to
// end, found when the release was next opened ("begun_seq"); or a step cancelled because golive
// was asked to stop ("signal").
inline constexpr auto interrupted = "interrupted";
inline constexpr auto step = "step";
// Written on open after a crash tore the last line: {"torn_line": N, "bytes": B}.
inline constexpr auto recovered = "recovered";
inline constexpr auto evidence = "evidence"; // one `golive evidence` run (EvidenceReport JSON)
} // namespace recordkind

// One line of record.jsonl, parsed.
struct RecordEvent {
    qint64 seq = 0;   // 1 for the first line, then +1 per line
    QDateTime atUtc;  // millisecond precision
    QString kind;     // one of recordkind::*
    QString who;      // empty when nobody in particular did it (a probe, an alert)
    QJsonObject data; // kind-specific
};

} // namespace golive

Q_DECLARE_METATYPE(golive::RecordEvent)
