#pragma once

#include "src/checklist/ItemState.h"

#include <QStringList>

namespace golive {

// A release's checklist state as loaded, with what had to be repaired on the way. Warnings are
// whole sentences for the team to read; they are empty when the files were in order.
struct LoadedState {
    ChecklistState state;
    QStringList warnings;
};

} // namespace golive
