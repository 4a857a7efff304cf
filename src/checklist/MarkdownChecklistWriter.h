#pragma once

#include "src/checklist/ChecklistDocument.h"

#include <QByteArray>

namespace golive {

// Writes a checklist document back as Markdown (UTF-8, LF line endings) in the format described
// in MarkdownChecklistParser.h. Items are written as "- [ ] text" indented two spaces per level,
// with their golive marker at the end of the first line; headings, tables, code fences and other
// blocks come out verbatim, one blank line apart. Parsing the result gives back the same sections,
// items (ids, text, depth, required, gates) and blocks.
class MarkdownChecklistWriter {
public:
    static QByteArray write(const ChecklistDocument &document);
};

} // namespace golive
