#pragma once

#include <QList>
#include <QString>

namespace golive {

// A checklist line cut into plain and `inline code` runs, backticks removed, as Markdown renders
// it. An unmatched backtick stays in the text as an ordinary character.
struct TextRun {
    QString text;
    bool code = false;
    bool operator==(const TextRun &) const = default;
};

inline QList<TextRun> splitInlineCode(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('`'));
    if (parts.size() % 2 == 0) // unbalanced: no span at all
        return {TextRun{text, false}};
    QList<TextRun> runs;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (!parts[i].isEmpty())
            runs.append(TextRun{parts[i], i % 2 == 1});
    }
    return runs;
}

} // namespace golive
