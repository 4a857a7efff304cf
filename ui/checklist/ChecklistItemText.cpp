#include "ui/checklist/ChecklistItemText.h"

#include <QStringList>

namespace golive {

namespace {
const QString kMinuteFormat = QStringLiteral("yyyy-MM-dd HH:mm");
}

QString ChecklistItemText::localTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return utc.toLocalTime().toString(kMinuteFormat);
}

QString ChecklistItemText::toolTip(const ChecklistItem &item, const ItemState &state)
{
    QString tip = item.text;
    if (item.required)
        tip += tr("\nRequired for: %1").arg(item.gates.join(QStringLiteral(", ")));
    if (!state.evidence.isEmpty())
        tip += tr("\nEvidence: %1").arg(state.evidence);
    if (state.atUtc.isValid())
        tip += tr("\n%1 by %2 at %3 UTC")
                   .arg(state.checked ? tr("Ticked") : tr("Unticked"), state.who,
                        state.atUtc.toString(kMinuteFormat));
    return tip;
}

} // namespace golive
