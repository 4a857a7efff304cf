#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/MarkdownChecklistParser.h"

#include "QStringPrinter.h"

#include <QStringList>

#include <gtest/gtest.h>

#include <ostream>

QT_BEGIN_NAMESPACE
inline void PrintTo(const QStringList &list, std::ostream *out)
{
    *out << '[' << list.join(QStringLiteral(", ")).toStdString() << ']';
}
QT_END_NAMESPACE

namespace golive::test {

// A small release checklist: two sections, a nested item, one item per gate.
inline const QByteArray kReleaseChecklist = R"(# Release

## Keys
- [ ] Production key in use <!-- golive: id=prod-key required gate=deploy -->
- [ ] Rotation documented <!-- golive: id=rotation -->
  - [ ] Rotation tested <!-- golive: id=rotation-tested -->

## Canary
- [ ] P95 latency < 5s for chat <!-- golive: id=chat-p95 required gate=promote -->
)";

// Parses Markdown that the test expects to be a valid checklist, failing the test otherwise.
inline ChecklistDocument parseValid(const QByteArray &markdown)
{
    const Result<ChecklistDocument> result = MarkdownChecklistParser::parse(markdown);
    EXPECT_TRUE(result.ok()) << (result.ok() ? std::string()
                                             : result.error().message.toStdString());
    return result.ok() ? result.value() : ChecklistDocument{};
}

inline Error parseError(const QByteArray &markdown)
{
    const Result<ChecklistDocument> result = MarkdownChecklistParser::parse(markdown);
    EXPECT_FALSE(result.ok()) << "expected the parser to refuse the input";
    return result.ok() ? Error{} : result.error();
}

inline QStringList ids(const ChecklistDocument &document)
{
    QStringList out;
    for (const ChecklistItem *item : document.allItems())
        out.append(item->id);
    return out;
}

inline QStringList texts(const ChecklistDocument &document)
{
    QStringList out;
    for (const ChecklistItem *item : document.allItems())
        out.append(item->text);
    return out;
}

// Everything about an item that must survive writing and reading back (not its line number).
inline QString describe(const ChecklistItem &item)
{
    return QStringLiteral("%1|%2|depth=%3|required=%4|gates=%5|checked=%6|explicit=%7|extra=%8")
        .arg(item.id, item.text)
        .arg(item.depth)
        .arg(item.required)
        .arg(item.gates.join(QLatin1Char(',')))
        .arg(item.checkedInSource)
        .arg(item.explicitId)
        .arg(item.extraMarkerTokens.join(QLatin1Char(' ')));
}

// The whole document as comparable lines: sections, items and verbatim blocks in order.
inline QStringList describe(const ChecklistDocument &document)
{
    QStringList out{QStringLiteral("title=") + document.title};
    for (const ChecklistSection &section : document.sections) {
        out.append(QStringLiteral("section %1|%2|level=%3")
                       .arg(section.id, section.title)
                       .arg(section.level));
        for (const ChecklistItem &item : section.items)
            out.append(QStringLiteral("  item ") + describe(item));
        for (const ChecklistBlock &block : section.blocks)
            out.append(
                QStringLiteral("  block after %1: %2").arg(block.itemsBefore).arg(block.text));
    }
    return out;
}

} // namespace golive::test
