#include "src/checklist/ChecklistGate.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"

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

Result<QStringList> ChecklistGate::openRequiredItemsOf(const Checklist *releaseChecklist,
                                                       const QString &gate)
{
    if (releaseChecklist)
        return openRequiredItems(releaseChecklist->document(), releaseChecklist->state(), gate);
    const auto bundled = MarkdownChecklistParser::parse(BundledChecklist::markdown());
    if (!bundled.ok())
        return bundled.error();
    return openRequiredItems(bundled.value(), ChecklistState(), gate);
}

QString ChecklistGate::describeItem(const ChecklistDocument &document, const QString &id)
{
    const ChecklistItem *item = document.findItem(id);
    if (!item)
        return id;
    return QStringLiteral("%1 (%2)").arg(item->text.section(QLatin1Char('\n'), 0, 0).trimmed(), id);
}

QStringList ChecklistGate::describeItems(const Checklist *releaseChecklist, const QStringList &ids)
{
    ChecklistDocument bundled;
    if (!releaseChecklist) {
        auto parsed = MarkdownChecklistParser::parse(BundledChecklist::markdown());
        if (parsed.ok())
            bundled = std::move(parsed).value();
    }
    const ChecklistDocument &document = releaseChecklist ? releaseChecklist->document() : bundled;
    QStringList described;
    for (const QString &id : ids)
        described << describeItem(document, id);
    return described;
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
