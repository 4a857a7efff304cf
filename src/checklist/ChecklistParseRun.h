#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/GoliveMarker.h"
#include "src/checklist/MarkdownLineScanner.h"
#include "src/common/Error.h"

#include <QByteArray>
#include <QHash>

#include <optional>

namespace golive {

// MarkdownChecklistParser's worker, used once per document: one pass over the lines. Each line is
// looked at once, and nothing it does depends on more than the current line and a little state, so
// the pass is linear.
class ChecklistParseRun {
public:
    Result<ChecklistDocument> run(const QByteArray &input);

private:
    enum class Mode { Normal, Fence, Comment };

    void handleLine(QByteArrayView line, int number);
    void handleItem(const MarkdownLineScanner::TaskItem &task, QByteArrayView line, int number);
    void continueItem(QByteArrayView line, int number);
    void handleOther(QByteArrayView line, int number);
    void startSection(const MarkdownLineScanner::Heading &heading, int number);
    void startBlock(QByteArrayView line, int number, bool plain);
    void appendToBlock(QByteArrayView line);
    void flushBlock();
    void closeOpenItemsAbove(int indent);
    // false if the scan found a marker that was not applied
    bool applyMarkerScan(ChecklistItem &item, const GoliveMarker::Scan &scan, int number);
    void assignIds();
    ChecklistSection &currentSection(int number);
    void warn(int number, const QString &message);
    // true (and counted) when the warning would not be listed, so callers skip building it
    bool countWarningIfUnlisted();
    void fail(const QString &kind, const QString &message);

    ChecklistDocument m_doc;
    std::optional<Error> m_error;
    Mode m_mode = Mode::Normal;
    MarkdownLineScanner::Fence m_fence;
    int m_constructLine = 0; // where the open fence or comment started

    QByteArray m_block;
    int m_blockLine = 0;
    int m_blockItemsBefore = 0;
    bool m_blockOpen = false;
    bool m_blockPlain = false;

    QList<int> m_openItems; // content columns of the items a deeper-indented line belongs to
    bool m_continuing = false;
    bool m_itemHasMarker = false;
    QHash<QString, int> m_explicitIdLines;
    bool m_titleSet = false;
    int m_itemCount = 0;
    int m_headingCount = 0;
    int m_blockCount = 0;
    int m_unlistedWarnings = 0;
};

} // namespace golive
