#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/ItemState.h"

#include <QStringList>

namespace golive {

// Which required items still block a gated rollout step. The release state is the only truth:
// an item ticked in the Markdown source but not in the state is still open.
class ChecklistGate {
public:
    // Ids of the required items of that gate that are not ticked in the state, in document order.
    static QStringList openRequiredItems(const ChecklistDocument &document,
                                         const ChecklistState &state, const QString &gate);
    // Every gate named by a required item, in order of first appearance.
    static QStringList gateNames(const ChecklistDocument &document);
};

} // namespace golive
