#include "src/checklist/ChecklistParseRun.h"

#include "src/checklist/ChecklistIdAllocator.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/checklist/MarkdownInputCheck.h"

#include <cstring>

namespace golive {

using Scanner = MarkdownLineScanner;

Result<ChecklistDocument> ChecklistParseRun::run(const QByteArray &input)
{
    if (const Status error = MarkdownInputCheck::check(input); error.failed())
        return *error;

    const char *data = input.constData();
    const qsizetype size = input.size();
    qsizetype pos = input.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    for (int number = 1; pos < size && !m_error; ++number) {
        const void *found = std::memchr(data + pos, '\n', size_t(size - pos));
        const qsizetype end = found ? static_cast<const char *>(found) - data : size;
        qsizetype lineEnd = end;
        if (lineEnd > pos && data[lineEnd - 1] == '\r')
            --lineEnd;
        handleLine(QByteArrayView(data + pos, lineEnd - pos), number);
        pos = end + 1;
    }
    if (m_error)
        return *m_error;

    if (m_mode == Mode::Fence)
        warn(m_constructLine, QStringLiteral("the code fence opened here is never closed; the "
                                             "rest of the file is treated as code"));
    else if (m_mode == Mode::Comment)
        warn(m_constructLine, QStringLiteral("the HTML comment opened here is never closed; the "
                                             "rest of the file is treated as a comment"));
    flushBlock();
    if (m_error)
        return *m_error;

    if (m_itemCount == 0)
        return Error{QStringLiteral("no-items"),
                     QStringLiteral("The checklist contains no task-list items (lines such as "
                                    "\"- [ ] Do this\").")};
    if (m_unlistedWarnings > 0)
        m_doc.warnings.append(QStringLiteral("… and %1 more warnings.").arg(m_unlistedWarnings));
    assignIds();
    return std::move(m_doc);
}

void ChecklistParseRun::handleLine(QByteArrayView line, int number)
{
    if (m_mode == Mode::Fence) {
        appendToBlock(line);
        if (Scanner::closesFence(line, m_fence)) {
            m_mode = Mode::Normal;
            flushBlock();
        }
        return;
    }
    if (m_mode == Mode::Comment) {
        appendToBlock(line);
        if (line.contains("-->")) {
            m_mode = Mode::Normal;
            flushBlock();
        }
        return;
    }
    if (Scanner::isBlank(line)) {
        flushBlock();
        m_continuing = false;
        return;
    }
    if (const auto heading = Scanner::heading(line)) {
        startSection(*heading, number);
        return;
    }
    const auto task = Scanner::taskItem(line);
    if (task && task->checkbox != Scanner::Checkbox::Unknown) {
        handleItem(*task, line, number);
        return;
    }
    if (m_continuing && Scanner::canContinueItem(line)) {
        continueItem(line, number);
        return;
    }
    m_continuing = false;
    if (task && !countWarningIfUnlisted()) {
        warn(number, QStringLiteral("\"[%1]\" is not a checkbox (use \"[ ]\" or \"[x]\"); the "
                                    "line is kept as text")
                         .arg(QString::fromUtf8(task->box)));
    }
    handleOther(line, number);
}

void ChecklistParseRun::handleItem(const Scanner::TaskItem &task, QByteArrayView line, int number)
{
    flushBlock();
    if (m_itemCount >= MarkdownChecklistParser::kMaxItems) {
        fail(QStringLiteral("too-many-items"),
             QStringLiteral("Line %1: the checklist has more than %2 items; that is not a "
                            "checklist a team can work through.")
                 .arg(number)
                 .arg(MarkdownChecklistParser::kMaxItems));
        return;
    }
    closeOpenItemsAbove(task.marker.indent);
    if (m_openItems.size() >= MarkdownChecklistParser::kMaxDepth) {
        fail(QStringLiteral("too-deep"),
             QStringLiteral("Line %1: the task list is nested deeper than %2 levels.")
                 .arg(number)
                 .arg(MarkdownChecklistParser::kMaxDepth));
        return;
    }

    ChecklistItem item;
    item.depth = int(m_openItems.size());
    item.line = number;
    item.checkedInSource = task.checkbox == Scanner::Checkbox::Checked;
    const GoliveMarker::Scan scan =
        GoliveMarker::scan(QString::fromUtf8(line.sliced(task.textOffset)));
    m_itemHasMarker = false;
    applyMarkerScan(item, scan, number);
    item.text = scan.text.trimmed();
    if (m_error)
        return;

    m_openItems.append(task.marker.contentColumn);
    m_continuing = true;
    ++m_itemCount;
    currentSection(number).items.append(std::move(item));
}

void ChecklistParseRun::continueItem(QByteArrayView line, int number)
{
    ChecklistItem &item = m_doc.sections.last().items.last();
    const QString raw = QString::fromUtf8(line);
    const GoliveMarker::Scan scan = GoliveMarker::scan(raw);
    // A second marker is ignored, so it stays visible in the text rather than vanishing.
    const bool used = applyMarkerScan(item, scan, number);
    const QString text = (scan.hasMarker && !used ? raw : scan.text).trimmed();
    if (item.text.isEmpty())
        item.text = text;
    else
        item.text += QLatin1Char('\n') + text;
}

bool ChecklistParseRun::applyMarkerScan(ChecklistItem &item, const GoliveMarker::Scan &scan,
                                        int number)
{
    for (const QString &problem : scan.problems)
        warn(number, problem);
    if (!scan.hasMarker)
        return true;
    if (m_itemHasMarker) {
        warn(number, QStringLiteral("the item already has a golive marker; this one is ignored "
                                    "and kept as text"));
        return false;
    }
    m_itemHasMarker = true;
    item.required = scan.marker.required;
    item.gates = scan.marker.gates;
    item.evidence = scan.marker.evidence;
    item.extraMarkerTokens = scan.marker.extraTokens;
    if (scan.marker.id.isEmpty())
        return true;
    const auto previous = m_explicitIdLines.constFind(scan.marker.id);
    if (previous != m_explicitIdLines.constEnd()) {
        fail(QStringLiteral("duplicate-id"),
             QStringLiteral("Lines %1 and %2 both use the id \"%3\"; item ids must be unique.")
                 .arg(*previous)
                 .arg(number)
                 .arg(scan.marker.id));
        return true;
    }
    m_explicitIdLines.insert(scan.marker.id, number);
    item.id = scan.marker.id;
    item.explicitId = true;
    return true;
}

void ChecklistParseRun::handleOther(QByteArrayView line, int number)
{
    closeOpenItemsAbove(Scanner::indentation(line));

    if (const auto fence = Scanner::fenceOpening(line)) {
        flushBlock();
        startBlock(line, number, false);
        m_mode = Mode::Fence;
        m_fence = *fence;
        m_constructLine = number;
        return;
    }
    if (line.contains("<!--") && GoliveMarker::appearsIn(QString::fromUtf8(line))) {
        warn(number, QStringLiteral("a golive marker only counts at the end of a task-list "
                                    "item's line; this one is ignored"));
    }
    bool closesOnSameLine = false;
    if (Scanner::opensHtmlComment(line, &closesOnSameLine)) {
        flushBlock();
        startBlock(line, number, false);
        if (closesOnSameLine) {
            flushBlock();
        } else {
            m_mode = Mode::Comment;
            m_constructLine = number;
        }
        return;
    }
    if (m_blockOpen && m_blockPlain) {
        appendToBlock(line);
        return;
    }
    flushBlock();
    startBlock(line, number, true);
}

void ChecklistParseRun::startSection(const Scanner::Heading &heading, int number)
{
    flushBlock();
    m_continuing = false;
    m_openItems.clear();
    if (++m_headingCount > MarkdownChecklistParser::kMaxSections) {
        fail(QStringLiteral("too-many-sections"),
             QStringLiteral("Line %1: the checklist has more than %2 headings.")
                 .arg(number)
                 .arg(MarkdownChecklistParser::kMaxSections));
        return;
    }
    ChecklistSection section;
    section.title = QString::fromUtf8(heading.title);
    section.level = heading.level;
    section.line = number;
    if (heading.level == 1 && !m_titleSet) {
        m_doc.title = section.title;
        m_titleSet = true;
    }
    m_doc.sections.append(std::move(section));
}

void ChecklistParseRun::startBlock(QByteArrayView line, int number, bool plain)
{
    m_block = line.toByteArray();
    m_blockLine = number;
    m_blockItemsBefore = int(currentSection(number).items.size());
    m_blockOpen = true;
    m_blockPlain = plain;
}

void ChecklistParseRun::appendToBlock(QByteArrayView line)
{
    m_block.append('\n');
    m_block.append(line);
}

void ChecklistParseRun::flushBlock()
{
    if (!m_blockOpen)
        return;
    m_blockOpen = false;
    if (++m_blockCount > MarkdownChecklistParser::kMaxBlocks) {
        fail(QStringLiteral("too-many-blocks"),
             QStringLiteral("Line %1: the checklist has more than %2 blocks of text besides its "
                            "items.")
                 .arg(m_blockLine)
                 .arg(MarkdownChecklistParser::kMaxBlocks));
        return;
    }
    m_doc.sections.last().blocks.append(
        ChecklistBlock{QString::fromUtf8(m_block), m_blockLine, m_blockItemsBefore});
    m_block.clear();
}

void ChecklistParseRun::closeOpenItemsAbove(int indent)
{
    while (!m_openItems.isEmpty() && indent < m_openItems.last())
        m_openItems.removeLast();
}

ChecklistSection &ChecklistParseRun::currentSection(int number)
{
    if (m_doc.sections.isEmpty()) {
        ChecklistSection untitled;
        untitled.line = number;
        m_doc.sections.append(std::move(untitled));
    }
    return m_doc.sections.last();
}

void ChecklistParseRun::assignIds()
{
    ChecklistIdAllocator itemIds(QStringLiteral("item"));
    for (auto it = m_explicitIdLines.cbegin(); it != m_explicitIdLines.cend(); ++it)
        itemIds.reserve(it.key());
    ChecklistIdAllocator sectionIds(QStringLiteral("section"));
    for (ChecklistSection &section : m_doc.sections) {
        if (section.level > 0)
            section.id = sectionIds.derive(section.title);
        for (ChecklistItem &item : section.items) {
            if (!item.explicitId)
                item.id = itemIds.derive(item.text);
        }
    }
}

void ChecklistParseRun::warn(int number, const QString &message)
{
    if (m_doc.warnings.size() >= MarkdownChecklistParser::kMaxWarnings) {
        ++m_unlistedWarnings;
        return;
    }
    m_doc.warnings.append(QStringLiteral("Line %1: %2.").arg(number).arg(message));
}

bool ChecklistParseRun::countWarningIfUnlisted()
{
    if (m_doc.warnings.size() < MarkdownChecklistParser::kMaxWarnings)
        return false;
    ++m_unlistedWarnings;
    return true;
}

void ChecklistParseRun::fail(const QString &kind, const QString &message)
{
    if (!m_error)
        m_error = Error{kind, message};
}

} // namespace golive
