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
inline constexpr auto probeStatus = "probe-status";
inline constexpr auto probeSample = "probe-sample";
inline constexpr auto alertFired = "alert-fired";
inline constexpr auto alertResolved = "alert-resolved";
inline constexpr auto command = "command";
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
