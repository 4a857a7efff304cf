#include "src/checklist/ChecklistDocument.h"

namespace golive {

const ChecklistItem *ChecklistDocument::findItem(const QString &id) const
{
    for (const ChecklistSection &section : sections) {
        for (const ChecklistItem &item : section.items) {
            if (item.id == id)
                return &item;
        }
    }
    return nullptr;
}

QList<const ChecklistItem *> ChecklistDocument::allItems() const
{
    QList<const ChecklistItem *> items;
    items.reserve(itemCount());
    for (const ChecklistSection &section : sections) {
        for (const ChecklistItem &item : section.items)
            items.append(&item);
    }
    return items;
}

int ChecklistDocument::itemCount() const
{
    qsizetype count = 0;
    for (const ChecklistSection &section : sections)
        count += section.items.size();
    return int(count);
}

} // namespace golive
