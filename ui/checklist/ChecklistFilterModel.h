#pragma once

#include <QSortFilterProxyModel>

namespace golive {

// What the meeting wants to see: open items only, required items only, one section, or items
// matching a search. Sections stay visible while any of their items match.
class ChecklistFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ChecklistFilterModel(QObject *parent = nullptr);

    void setOpenOnly(bool openOnly);
    void setRequiredOnly(bool requiredOnly);
    void setSectionId(const QString &sectionId); // empty: every section
    void setSearchText(const QString &text);

    bool openOnly() const { return m_openOnly; }
    bool requiredOnly() const { return m_requiredOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool acceptsItem(const QModelIndex &item) const;

    bool m_openOnly = false;
    bool m_requiredOnly = false;
    QString m_sectionId;
    QString m_searchText;
};

} // namespace golive
