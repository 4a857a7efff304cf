#pragma once

#include "src/checklist/ItemState.h"

namespace golive::test {

// The state after the child's n-th save: items "1".."n", each ticked with the note "save <i>".
// Both the child and the test compute it, so the test knows exactly what each save wrote.
inline ChecklistState saveLoopState(int n)
{
    const QDateTime start(QDate(2026, 11, 24), QTime(14, 0), Qt::UTC);
    ChecklistState state;
    for (int i = 1; i <= n; ++i) {
        ItemState item;
        item.checked = true;
        item.who = QStringLiteral("save loop");
        item.atUtc = start.addSecs(i);
        item.note = QStringLiteral("save %1").arg(i);
        item.history = {{true, item.who, item.atUtc, item.note, {}}};
        state.insert(QString::number(i), item);
    }
    return state;
}

} // namespace golive::test
