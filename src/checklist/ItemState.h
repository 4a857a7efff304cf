#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace golive {

// One tick, untick or note edit, as it happened. Unticking is kept, never erased.
struct TickRecord {
    bool checked = false; // for a note edit: whether the item was ticked when the note changed
    QString who;
    QDateTime atUtc;
    QString note;
    QString evidence; // e.g. "key in OS keychain": what proved it, when something did
    // A note edit by `who` (whoever was ticking then), not a tick or untick.
    bool noteEdit = false;

    bool operator==(const TickRecord &) const = default;
};

// What a release knows about one checklist item beyond its Markdown text.
struct ItemState {
    bool checked = false;
    QString who;               // who ticked (or unticked) it last; note edits are in history
    QDateTime atUtc;           // when, UTC
    QString note;              // free text; survives unticking
    QString evidence;          // what proved it, if anything
    QList<TickRecord> history; // oldest first

    bool operator==(const ItemState &) const = default;
};

// Item id -> state. Items with no entry are open and untouched.
using ChecklistState = QMap<QString, ItemState>;

} // namespace golive
