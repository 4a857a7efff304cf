#include "src/rollout/Runbook.h"

namespace golive {

const RunbookStep *Runbook::step(const QString &id) const
{
    for (const RunbookStep &s : steps) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const RunbookStep *Runbook::stepWithRole(const QString &role) const
{
    for (const RunbookStep &s : steps) {
        if (!role.isEmpty() && s.role == role)
            return &s;
    }
    return nullptr;
}

QString Runbook::idOfRole(const QString &role) const
{
    const RunbookStep *s = stepWithRole(role);
    return s ? s->id : QString();
}

QStringList Runbook::stepIds() const
{
    QStringList ids;
    for (const RunbookStep &s : steps)
        ids << s.id;
    return ids;
}

} // namespace golive
