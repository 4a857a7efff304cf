#include "src/checklist/ChecklistExporter.h"

#include "src/checklist/MarkdownChecklistWriter.h"

#include <QStringList>

namespace golive {

namespace {

// Free text from the state must stay on the item's line and must not open a comment that could
// pass for a golive marker.
QString inlineText(const QString &text)
{
    QString flat = text.simplified();
    flat.replace(QStringLiteral("<!--"), QStringLiteral("&lt;!--"));
    return flat;
}

} // namespace

QString ChecklistExporter::annotation(const ItemState &state)
{
    const QString note = inlineText(state.note);
    QStringList attribution;
    if (state.checked) {
        if (!inlineText(state.who).isEmpty())
            attribution.append(inlineText(state.who));
        if (state.atUtc.isValid())
            attribution.append(state.atUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) +
                               QStringLiteral(" UTC"));
    }
    const QString emDash = QStringLiteral(" \u2014 ");
    if (attribution.isEmpty())
        return note.isEmpty() ? QString() : emDash + note;
    QString out = emDash + attribution.join(QStringLiteral(", "));
    if (!note.isEmpty())
        out += QStringLiteral(": ") + note;
    return out;
}

QByteArray ChecklistExporter::toMarkdown(const ChecklistDocument &document,
                                         const ChecklistState &state)
{
    ChecklistDocument annotated = document;
    for (ChecklistSection &section : annotated.sections) {
        for (ChecklistItem &item : section.items) {
            const ItemState itemState = state.value(item.id);
            item.checkedInSource = itemState.checked;
            item.explicitId = true;
            const QString suffix = annotation(itemState);
            if (item.text.isEmpty())
                item.text = suffix.trimmed();
            else
                item.text += suffix;
        }
    }
    return MarkdownChecklistWriter::write(annotated);
}

} // namespace golive
