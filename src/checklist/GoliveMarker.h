#pragma once

#include <QString>
#include <QStringList>

namespace golive {

struct ChecklistItem;

// The trailing "<!-- golive: ... -->" comment of an item line (syntax documented in
// MarkdownChecklistParser.h).
struct GoliveMarker {
    QString id; // empty when the marker gives none (or a malformed one)
    bool required = false;
    QStringList gates;
    // `evidence=NAME[,NAME]`: the sources that can prove the item ("source:api-v2", "cohere:key").
    QStringList evidence;
    QStringList extraTokens; // unknown tokens, kept so a newer file survives being rewritten

    struct Scan; // what scanning one line of item text found

    static Scan scan(const QString &line);
    // The marker comment to append to an item's first line, or an empty string if it needs none.
    static QString format(const ChecklistItem &item);
    static bool isValidId(const QString &id);
    // An evidence source name: letters, digits, '.', '_', '-' and ':' ("health:staging").
    static bool isValidEvidenceName(const QString &name);
    // Whether the text holds a golive marker anywhere (to warn about misplaced ones).
    static bool appearsIn(const QString &text);
    static QString defaultGate(); // the gate a bare "required" belongs to
};

struct GoliveMarker::Scan {
    QString text; // the line without a trailing golive marker, right-trimmed
    bool hasMarker = false;
    GoliveMarker marker;
    QStringList problems; // human sentences, without the line number
};

} // namespace golive
