#include "src/checklist/MarkdownChecklistWriter.h"

#include "src/checklist/GoliveMarker.h"

#include <QStringList>

namespace golive {

namespace {

QString headingLine(const ChecklistSection &section)
{
    const int level = qBound(1, section.level, 6);
    QString line(level, QLatin1Char('#'));
    if (!section.title.isEmpty())
        line += QLatin1Char(' ') + section.title;
    // A title ending in '#' would otherwise lose it as a closing sequence when read back.
    if (section.title.endsWith(QLatin1Char('#')))
        line += QStringLiteral(" #");
    return line;
}

QString itemLines(const ChecklistItem &item)
{
    const QString indent(2 * qMax(0, item.depth), QLatin1Char(' '));
    const QString continuationIndent(2 * qMax(0, item.depth) + 2, QLatin1Char(' '));
    const QStringList lines = item.text.split(QLatin1Char('\n'));

    QString out =
        indent + (item.checkedInSource ? QStringLiteral("- [x]") : QStringLiteral("- [ ]"));
    if (!lines.first().isEmpty())
        out += QLatin1Char(' ') + lines.first();
    const QString marker = GoliveMarker::format(item);
    if (!marker.isEmpty())
        out += QLatin1Char(' ') + marker;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!lines.at(i).isEmpty())
            out += QLatin1Char('\n') + continuationIndent + lines.at(i);
    }
    return out;
}

// A section's items and blocks in document order; consecutive items form one chunk (a tight list),
// everything else is a chunk of its own, and chunks are separated by a blank line.
void appendSectionChunks(const ChecklistSection &section, QStringList &chunks)
{
    if (section.level > 0)
        chunks.append(headingLine(section));
    qsizetype nextBlock = 0;
    QString list;
    for (qsizetype i = 0; i <= section.items.size(); ++i) {
        while (nextBlock < section.blocks.size() &&
               (section.blocks.at(nextBlock).itemsBefore <= i || i == section.items.size())) {
            if (!list.isEmpty()) {
                chunks.append(list);
                list.clear();
            }
            chunks.append(section.blocks.at(nextBlock++).text);
        }
        if (i == section.items.size())
            break;
        if (!list.isEmpty())
            list += QLatin1Char('\n');
        list += itemLines(section.items.at(i));
    }
    if (!list.isEmpty())
        chunks.append(list);
}

} // namespace

QByteArray MarkdownChecklistWriter::write(const ChecklistDocument &document)
{
    QStringList chunks;
    for (const ChecklistSection &section : document.sections)
        appendSectionChunks(section, chunks);
    return (chunks.join(QStringLiteral("\n\n")) + QLatin1Char('\n')).toUtf8();
}

} // namespace golive
