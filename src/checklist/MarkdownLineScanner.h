#pragma once

#include <QByteArrayView>

#include <optional>

namespace golive {

// Recognises the block-level Markdown constructs the checklist parser cares about, one line at a
// time. Works on raw UTF-8 bytes (all syntax characters are ASCII) and never looks at more than
// one line, so parsing stays linear however hostile the input.
class MarkdownLineScanner {
public:
    enum class Checkbox { Unchecked, Checked, Unknown };

    struct ListMarker {
        int indent = 0;              // columns before the bullet (a tab advances to the next 4)
        int contentColumn = 0;       // column where the item's content starts
        qsizetype contentOffset = 0; // byte offset of that content
    };

    struct TaskItem {
        ListMarker marker;
        Checkbox checkbox = Checkbox::Unchecked;
        QByteArrayView box;       // what stands between the brackets
        qsizetype textOffset = 0; // byte offset of the text after "[ ]"
    };

    struct Heading {
        int level = 0;
        QByteArrayView title; // without the '#'s and an optional closing sequence
    };

    struct Fence {
        char character = '`';
        qsizetype length = 0;
    };

    static bool isBlank(QByteArrayView line);
    static int indentation(QByteArrayView line, qsizetype *firstNonSpace = nullptr);
    // "- ", "* ", "+ ", "1. " or "1) " list items, with or without a checkbox.
    static std::optional<ListMarker> listMarker(QByteArrayView line);
    // List items whose content starts with a checkbox-like "[c]"; Unknown when c is not ' ', x or X
    // but clearly meant as a box ("[?]", "[]", "[-]").
    static std::optional<TaskItem> taskItem(QByteArrayView line);
    static std::optional<Heading> heading(QByteArrayView line);
    static std::optional<Fence> fenceOpening(QByteArrayView line);
    static bool closesFence(QByteArrayView line, const Fence &fence);
    // A line starting with "<!--"; *closesOnSameLine tells whether "-->" follows on it.
    static bool opensHtmlComment(QByteArrayView line, bool *closesOnSameLine);
    static bool isThematicBreak(QByteArrayView line);
    // Whether a non-blank line right after an item's line continues that item's text rather than
    // starting another construct (list, table, quote, fence, heading, comment, rule).
    static bool canContinueItem(QByteArrayView line);
};

} // namespace golive
