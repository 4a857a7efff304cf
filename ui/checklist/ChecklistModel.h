#pragma once

#include <QAbstractItemModel>
#include <QList>

namespace golive {

class Checklist;
struct ChecklistItem;
struct ChecklistSection;

// A Checklist as a two-level tree for views: sections, then their items (nested items are
// flattened under their section; DepthRole tells how far to indent them). Headings without items
// (a document title, an overview) are not rows. The checklist owns the data and the commands;
// this adapter only presents it, forwards edits to it and turns its signals into precise model
// signals.
class ChecklistModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { ItemColumn, WhoColumn, WhenColumn, NoteColumn, ColumnCount };
    enum Role {
        ItemIdRole = Qt::UserRole + 1,
        IsSectionRole,
        RequiredRole,
        GatesRole,
        DepthRole,
        CheckedRole,
        SectionIdRole,
        SectionTitleRole,
        DoneCountRole,  // sections: ticked items
        TotalCountRole, // sections: all items
    };

    // `checklist` must outlive the model.
    explicit ChecklistModel(Checklist *checklist, QObject *parent = nullptr);

    Checklist *checklist() const { return m_checklist; }
    QModelIndex indexOfItem(const QString &itemId, int column = ItemColumn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuildSectionRows();
    void showItemChange(const QString &itemId);
    const ChecklistSection &sectionAtRow(int row) const;
    const ChecklistItem *itemAt(const QModelIndex &index) const;
    QVariant sectionData(int sectionRow, int column, int role) const;
    QVariant itemData(const ChecklistItem &item, int column, int role) const;

    Checklist *m_checklist;
    QList<int> m_sectionRows; // row -> index in the document's sections, for sections with items
};

} // namespace golive
