#include "src/checklist/MarkdownLineScanner.h"

namespace golive {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int advanceColumn(int column, char c)
{
    return c == '\t' ? column + 4 - column % 4 : column + 1;
}

// Counts the UTF-8 code points in a short byte range (continuation bytes do not start one).
qsizetype codePoints(QByteArrayView bytes)
{
    qsizetype count = 0;
    for (const char c : bytes) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    }
    return count;
}

} // namespace

bool MarkdownLineScanner::isBlank(QByteArrayView line)
{
    for (const char c : line) {
        if (!isSpace(c))
            return false;
    }
    return true;
}

int MarkdownLineScanner::indentation(QByteArrayView line, qsizetype *firstNonSpace)
{
    int column = 0;
    qsizetype i = 0;
    while (i < line.size() && isSpace(line[i])) {
        column = advanceColumn(column, line[i]);
        ++i;
    }
    if (firstNonSpace)
        *firstNonSpace = i;
    return column;
}

std::optional<MarkdownLineScanner::ListMarker> MarkdownLineScanner::listMarker(QByteArrayView line)
{
    qsizetype start = 0;
    const int indent = indentation(line, &start);
    if (start >= line.size())
        return std::nullopt;

    qsizetype end = start;
    const char first = line[start];
    if (first == '-' || first == '*' || first == '+') {
        end = start + 1;
    } else if (isDigit(first)) {
        while (end < line.size() && isDigit(line[end]) && end - start < 9)
            ++end;
        if (end >= line.size() || (line[end] != '.' && line[end] != ')'))
            return std::nullopt;
        ++end;
    } else {
        return std::nullopt;
    }

    ListMarker marker;
    marker.indent = indent;
    const int afterBullet = indent + int(end - start);
    if (end == line.size()) {
        marker.contentColumn = afterBullet + 1;
        marker.contentOffset = end;
        return marker;
    }
    if (!isSpace(line[end]))
        return std::nullopt;

    int column = afterBullet;
    qsizetype i = end;
    while (i < line.size() && isSpace(line[i])) {
        column = advanceColumn(column, line[i]);
        ++i;
    }
    if (i == line.size() || column - afterBullet > 4) {
        // Blank after the bullet, or so many spaces that the rest is indented code: the content
        // column is one past the bullet (CommonMark's rule).
        marker.contentColumn = afterBullet + 1;
        marker.contentOffset = end + 1;
    } else {
        marker.contentColumn = column;
        marker.contentOffset = i;
    }
    return marker;
}

std::optional<MarkdownLineScanner::TaskItem> MarkdownLineScanner::taskItem(QByteArrayView line)
{
    const auto marker = listMarker(line);
    if (!marker)
        return std::nullopt;
    const QByteArrayView rest = line.sliced(marker->contentOffset);
    if (rest.isEmpty() || rest[0] != '[')
        return std::nullopt;
    // Boxes are short: "[ ]", "[x]", or a mistaken "[?]", "[]", "[✓]". Never scan further.
    const qsizetype close = rest.first(qMin<qsizetype>(rest.size(), 7)).indexOf(']');
    if (close < 1)
        return std::nullopt;
    if (close + 1 < rest.size() && !isSpace(rest[close + 1]))
        return std::nullopt;

    TaskItem item;
    item.marker = *marker;
    item.box = rest.sliced(1, close - 1);
    item.textOffset = marker->contentOffset + qMin(close + 2, rest.size());
    if (item.box == " ") {
        item.checkbox = Checkbox::Unchecked;
    } else if (item.box == "x" || item.box == "X") {
        item.checkbox = Checkbox::Checked;
    } else if (item.box.isEmpty() || isBlank(item.box)) {
        item.checkbox = Checkbox::Unknown;
    } else if (codePoints(item.box) == 1) {
        // A single letter or digit ("[a] see below", "[1] Smith") is a reference, not a box.
        const char c = item.box[0];
        const bool alphanumeric = isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (alphanumeric)
            return std::nullopt;
        item.checkbox = Checkbox::Unknown;
    } else {
        return std::nullopt;
    }
    return item;
}

std::optional<MarkdownLineScanner::Heading> MarkdownLineScanner::heading(QByteArrayView line)
{
    qsizetype start = 0;
    if (indentation(line, &start) > 3)
        return std::nullopt;
    qsizetype end = start;
    while (end < line.size() && line[end] == '#' && end - start <= 6)
        ++end;
    const qsizetype level = end - start;
    if (level < 1 || level > 6)
        return std::nullopt;
    if (end < line.size() && !isSpace(line[end]))
        return std::nullopt;

    QByteArrayView title = line.sliced(end).trimmed();
    // An optional closing sequence of '#'s counts only when a space separates it from the text.
    qsizetype hashes = title.size();
    while (hashes > 0 && title[hashes - 1] == '#')
        --hashes;
    if (hashes == 0)
        title = QByteArrayView();
    else if (hashes < title.size() && isSpace(title[hashes - 1]))
        title = title.first(hashes).trimmed();
    return Heading{int(level), title};
}

std::optional<MarkdownLineScanner::Fence> MarkdownLineScanner::fenceOpening(QByteArrayView line)
{
    qsizetype start = 0;
    indentation(line, &start);
    if (start >= line.size() || (line[start] != '`' && line[start] != '~'))
        return std::nullopt;
    const char character = line[start];
    qsizetype end = start;
    while (end < line.size() && line[end] == character)
        ++end;
    if (end - start < 3)
        return std::nullopt;
    // "```js```" is inline code, not a fence: a backtick fence's info string has no backtick.
    if (character == '`' && line.sliced(end).contains('`'))
        return std::nullopt;
    return Fence{character, end - start};
}

bool MarkdownLineScanner::closesFence(QByteArrayView line, const Fence &fence)
{
    qsizetype start = 0;
    indentation(line, &start);
    qsizetype end = start;
    while (end < line.size() && line[end] == fence.character)
        ++end;
    return end - start >= fence.length && isBlank(line.sliced(end));
}

bool MarkdownLineScanner::opensHtmlComment(QByteArrayView line, bool *closesOnSameLine)
{
    qsizetype start = 0;
    indentation(line, &start);
    if (!line.sliced(start).startsWith("<!--"))
        return false;
    if (closesOnSameLine)
        *closesOnSameLine = line.indexOf("-->", start + 4) >= 0;
    return true;
}

bool MarkdownLineScanner::isThematicBreak(QByteArrayView line)
{
    qsizetype start = 0;
    if (indentation(line, &start) > 3 || start >= line.size())
        return false;
    const char character = line[start];
    if (character != '-' && character != '*' && character != '_')
        return false;
    int count = 0;
    for (qsizetype i = start; i < line.size(); ++i) {
        if (line[i] == character)
            ++count;
        else if (!isSpace(line[i]))
            return false;
    }
    return count >= 3;
}

bool MarkdownLineScanner::canContinueItem(QByteArrayView line)
{
    qsizetype start = 0;
    indentation(line, &start);
    if (start >= line.size())
        return false;
    const char first = line[start];
    if (first == '|' || first == '>')
        return false;
    return !listMarker(line) && !heading(line) && !fenceOpening(line) &&
           !opensHtmlComment(line, nullptr) && !isThematicBreak(line);
}

} // namespace golive
