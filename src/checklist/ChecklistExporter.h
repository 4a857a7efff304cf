#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/ItemState.h"

#include <QByteArray>
#include <QString>

namespace golive {

// The checklist as it stands in a release, as Markdown for the meeting notes:
//   - [x] Using production API key — alice, 2026-11-24 14:03 UTC: from the vault <!-- golive: ...
//   -->
//   - [ ] Billing alerts configured — waiting for finance
// Ticked items carry who and when (UTC, to the minute) and the note if there is one; open items
// show only their note. Sections and other blocks are kept, and every item gets its id written
// into its golive marker, so importing the export gives the same items, ticked as in the state.
class ChecklistExporter {
public:
    static QByteArray toMarkdown(const ChecklistDocument &document, const ChecklistState &state);
    // " — alice, 2026-11-24 14:03 UTC: note" or "" when there is nothing to say.
    static QString annotation(const ItemState &state);
};

} // namespace golive
