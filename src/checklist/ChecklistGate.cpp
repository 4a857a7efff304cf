#include "src/checklist/ChecklistGate.h"

namespace golive {

QStringList ChecklistGate::openRequiredItems(const ChecklistDocument &document,
                                             const ChecklistState &state, const QString &gate)
{
    QStringList open;
    for (const ChecklistItem *item : document.allItems()) {
        if (!item->required || !item->gates.contains(gate))
            continue;
        const auto entry = state.constFind(item->id);
        if (entry == state.constEnd() || !entry->checked)
            open.append(item->id);
    }
    return open;
}

QStringList ChecklistGate::gateNames(const ChecklistDocument &document)
{
    QStringList names;
    for (const ChecklistItem *item : document.allItems()) {
        if (!item->required)
            continue;
        for (const QString &gate : item->gates) {
            if (!names.contains(gate))
                names.append(gate);
        }
    }
    return names;
}

} // namespace golive
