#include "rollout/Runbook.h"

namespace golive {

const RunbookStep *Runbook::step(const QString &id) const
{
    for (const RunbookStep &s : steps) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

QStringList Runbook::stepIds() const
{
    QStringList ids;
    for (const RunbookStep &s : steps)
        ids << s.id;
    return ids;
}

} // namespace golive
