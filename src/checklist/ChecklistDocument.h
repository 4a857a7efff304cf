#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace golive {

// One task-list item ("- [ ] text") of a checklist document.
struct ChecklistItem {
    // Explicit (from the golive marker) or derived from the text; unique in the document.
    QString id;
    // The item's Markdown as written, golive marker removed; continuation lines are joined with
    // '\n' without their indentation.
    QString text;
    int depth = 0; // 0 for a top-level item, 1 for an item nested under it, ...
    bool required = false;
    QStringList gates;            // gates this item must be ticked for; non-empty when required
    QStringList evidence;         // evidence sources named by the marker (`evidence=`)
    bool checkedInSource = false; // "[x]" in the Markdown; the release state decides, not this
    int line = 0;                 // 1-based line of the item in the source
    bool explicitId = false;      // the id came from the marker, so the writer writes it back
    // Marker tokens this version does not know, kept so writing the document back keeps them.
    QStringList extraMarkerTokens;
};

// Markdown that is not an item or a heading (paragraphs, tables, plain lists, code fences, HTML
// comments), kept verbatim so a written document reads as the original.
struct ChecklistBlock {
    QString text;        // its lines as written, joined with '\n'
    int line = 0;        // 1-based line of its first line in the source
    int itemsBefore = 0; // how many items of its section precede it
};

// The part of a document under one heading.
struct ChecklistSection {
    QString id;    // derived from the title, unique in the document; empty for the untitled section
    QString title; // heading text without the '#'s; empty for the untitled section
    int level = 0; // 1..6 for '#'..'######'; 0 for the untitled section before the first heading
    int line = 0;
    QList<ChecklistItem> items; // in document order
    QList<ChecklistBlock> blocks;
};

struct ChecklistDocument {
    QString title; // the text of the first level-1 heading, if any
    QList<ChecklistSection> sections;
    QStringList warnings; // "Line N: ..." for markup that was tolerated but looks wrong

    const ChecklistItem *findItem(const QString &id) const;
    QList<const ChecklistItem *> allItems() const; // document order; valid while the document lives
    int itemCount() const;
};

} // namespace golive
