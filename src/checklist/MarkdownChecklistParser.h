#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/common/Error.h"

#include <QByteArray>
#include <QString>

namespace golive {

/*!
 * \brief Reads a checklist written as a GitHub-flavoured Markdown task list.
 *
 * \section checklist-format The checklist format
 *
 * A checklist is an ordinary Markdown file; GitHub renders it as a task list.
 *
 * \code{.md}
 * # Cohere Production Checklist
 *
 * ## API & Authentication
 *
 * - [ ] Using production API key (not trial) <!-- golive: id=prod-key required gate=deploy -->
 * - [ ] Key rotation procedure documented and tested
 *   - [x] Rotation rehearsed in staging
 * \endcode
 *
 * - \b Items are list lines starting with a checkbox: `- [ ]`, `* [ ]`, `+ [ ]` or `1. [ ]`;
 *   `[x]` or `[X]` is ticked. An item nests under the item above it when it is indented to that
 *   item's text (two spaces under `- `). Non-blank lines right after an item that do not start a
 *   list, table (`|`), quote (`>`), heading, code fence, HTML comment or rule continue its text.
 *   The release state, not the `[x]`, decides whether an item counts as done.
 * - \b Sections: every ATX heading (`#` to `######`) starts a section; items before the first
 *   heading form an untitled section. The first `#` heading is the document's title. Setext
 *   headings (text underlined with `===`), indented code blocks and items inside block quotes
 *   are not recognised.
 * - \b Everything else (paragraphs, tables, plain lists, HTML) is kept verbatim and written back.
 *   Nothing inside a fenced code block (``` or ~~~) or a multi-line HTML comment is an item.
 * - \b The \b golive \b marker is an HTML comment at the end of an item's line (or of one of its
 *   continuation lines), invisible when rendered:
 *   `<!-- golive: id=ID required gate=NAME[,NAME...] evidence=SOURCE[,SOURCE...] -->`. Tokens are separated by spaces, in any
 *   order, all optional:
 *   - `id=ID`: a stable id (1 to 100 of `A-Z a-z 0-9 . _ -`) that the release state refers to.
 *     Ids must be unique in the document. An item without one gets a derived id: the slug of its
 *     text ("Use `model` param" -> `use-model-param`), de-duplicated by `--2`, `--3`, ... among
 *     items with the same slug in document order. A derived id changes when the item's own text
 *     changes, never when other items are edited or moved; give an explicit id to items whose
 *     text may change.
 *   - `required`: the item must be ticked before a gated rollout step runs. Alone it means
 *     `gate=deploy`.
 *   - `gate=NAME`: the rollout gate(s) the item blocks (comma-separated, case-insensitive);
 *     implies `required`. The bundled runbook uses `deploy` (before the canary goes out) and
 *     `promote` (before the canary is promoted to 100 %).
 *   - `evidence=SOURCE`: the evidence sources that can prove the item (comma-separated, e.g.
 *     `source:api-v2`, `cohere:key`, `health:staging`; the list is in README, "Evidence").
 *     Evidence never ticks an item; it is shown beside the tick. Markers without it still work.
 *
 * \section checklist-bad-input Bad input
 *
 * Refused with an Error naming the problem: no task-list items at all, more than 2 MiB
 * (parse and parseFile alike, with the size), NUL bytes (a binary file), invalid UTF-8 (names the line), two items with the same
 * explicit id (names both lines), nesting deeper than 32 levels, more than 10000 items, 10000
 * headings or 100000 text blocks. Tolerated with a warning naming the line: an unknown checkbox
 * (`[?]`, `[]`), a malformed or misplaced golive marker, an unknown or invalid marker token, an
 * unclosed code fence or comment. CRLF line endings are accepted; the written form uses LF.
 * Parsing is a single pass over the lines, linear in the input size.
 */
class MarkdownChecklistParser {
public:
    static constexpr qint64 kMaxFileBytes = 2 * 1024 * 1024;
    static constexpr int kMaxItems = 10000;
    static constexpr int kMaxSections = 10000;
    static constexpr int kMaxBlocks = 100000;
    static constexpr int kMaxDepth = 32;
    static constexpr int kMaxWarnings = 100; // further warnings are counted, not listed

private:
    // "<what> is N bytes (3.0 MiB); checklists may be at most 2097152 bytes (2 MiB)."
    static Error tooLarge(const QString &what, qint64 size);

public:

    static Result<ChecklistDocument> parse(const QByteArray &markdown);
    // Refuses anything but a regular file of at most kMaxFileBytes before reading it.
    static Result<ChecklistDocument> parseFile(const QString &path);
};

} // namespace golive
