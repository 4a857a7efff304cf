#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/ItemState.h"
#include "src/common/Error.h"

#include <QStringList>

namespace golive {

class Checklist;

// Which required items still block a gated rollout step. The release state is the only truth:
// an item ticked in the Markdown source but not in the state is still open.
class ChecklistGate {
public:
    // Ids of the required items of that gate that are not ticked in the state, in document order.
    static QStringList openRequiredItems(const ChecklistDocument &document,
                                         const ChecklistState &state, const QString &gate);
    // The gate query every gated path asks (the rollout panel, `golive run`, `golive check`): the
    // open required items of that gate in a release's checklist, or, when there is no release
    // (nullptr), in the bundled checklist with nothing ticked.
    static Result<QStringList> openRequiredItemsOf(const Checklist *releaseChecklist,
                                                   const QString &gate);
    // Each id as people read it: "Production key in use (prod-key)" (the item's first line, then
    // its id), from the release's checklist or, without one, the bundled checklist. An id the
    // document does not know stays as it is.
    static QStringList describeItems(const Checklist *releaseChecklist, const QStringList &ids);
    static QString describeItem(const ChecklistDocument &document, const QString &id);
    // Every gate named by a required item, in order of first appearance.
    static QStringList gateNames(const ChecklistDocument &document);
};

} // namespace golive
