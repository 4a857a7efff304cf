#include "ui/checklist/ChecklistFilterModel.h"

#include "ui/checklist/ChecklistModel.h"

namespace golive {

ChecklistFilterModel::ChecklistFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // A section row passes when one of its items does (see filterAcceptsRow).
    setRecursiveFilteringEnabled(true);
    // Ticking changes what "open only" shows; re-filter on every change.
    setDynamicSortFilter(true);
}

void ChecklistFilterModel::setOpenOnly(bool openOnly)
{
    m_openOnly = openOnly;
    invalidateFilter();
}

void ChecklistFilterModel::setRequiredOnly(bool requiredOnly)
{
    m_requiredOnly = requiredOnly;
    invalidateFilter();
}

void ChecklistFilterModel::setSectionId(const QString &sectionId)
{
    m_sectionId = sectionId;
    invalidateFilter();
}

void ChecklistFilterModel::setSearchText(const QString &text)
{
    m_searchText = text.trimmed();
    invalidateFilter();
}

bool ChecklistFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(ChecklistModel::IsSectionRole).toBool())
        return false; // shown through recursive filtering when an item matches
    return acceptsItem(index);
}

bool ChecklistFilterModel::acceptsItem(const QModelIndex &item) const
{
    if (m_openOnly && item.data(ChecklistModel::CheckedRole).toBool())
        return false;
    if (m_requiredOnly && !item.data(ChecklistModel::RequiredRole).toBool())
        return false;
    if (!m_sectionId.isEmpty() && item.parent().data(ChecklistModel::SectionIdRole) != m_sectionId)
        return false;
    if (!m_searchText.isEmpty()) {
        const QString haystack =
            item.data(Qt::DisplayRole).toString() + QLatin1Char('\n') +
            item.siblingAtColumn(ChecklistModel::NoteColumn).data().toString() + QLatin1Char('\n') +
            item.siblingAtColumn(ChecklistModel::WhoColumn).data().toString();
        if (!haystack.contains(m_searchText, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace golive
