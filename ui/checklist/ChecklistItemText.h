#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/ItemState.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace golive {

// How a checklist item and its state read on screen: one place for the tooltip and the local time
// format, so the tree, the detail pane and its history agree.
class ChecklistItemText {
    Q_DECLARE_TR_FUNCTIONS(ChecklistItemText)
public:
    // "2026-11-24 13:05" in the viewer's time zone; empty for an invalid time (never ticked).
    static QString localTime(const QDateTime &utc);
    // The item's text, the gates it is required for, its evidence and its last tick (in UTC, so
    // people in different time zones quote the same time).
    static QString toolTip(const ChecklistItem &item, const ItemState &state);
};

} // namespace golive
