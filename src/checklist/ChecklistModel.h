#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/ItemState.h"

#include <QAbstractItemModel>

namespace golive {

class Clock;

// The checklist of one release as a two-level tree: sections, then their items (nested items are
// flattened under their section; DepthRole tells how far to indent them). Headings without items
// (a document title, an overview) are not rows. Owns the document and
// the tick state; every change is announced through itemStateChanged so the release can save and
// record it at once.
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

    struct Progress {
        int done = 0;
        int total = 0;
        int requiredOpen = 0;
    };

    explicit ChecklistModel(const Clock &clock, QObject *parent = nullptr);

    void reset(ChecklistDocument document, ChecklistState state);
    const ChecklistDocument &document() const { return m_document; }
    const ChecklistState &state() const { return m_state; }

    // The name recorded with each tick. Defaults to the OS user name.
    QString tickerName() const { return m_tickerName; }
    void setTickerName(const QString &name);

    // Commands. They do nothing (and return false) for unknown ids or when nothing changes.
    bool setChecked(const QString &itemId, bool checked, const QString &evidence = QString());
    bool setNote(const QString &itemId, const QString &note);

    Progress progress() const;
    Progress sectionProgress(int sectionRow) const;
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

Q_SIGNALS:
    // An item was ticked, unticked or annotated. `state` is its new state, history included.
    void itemStateChanged(const QString &itemId, const golive::ItemState &state);
    void tickerNameChanged(const QString &name);

private:
    const ChecklistSection &sectionAtRow(int row) const;
    const ChecklistItem *itemAt(const QModelIndex &index) const;
    QVariant sectionData(int sectionRow, int column, int role) const;
    QVariant itemData(const ChecklistItem &item, int column, int role) const;
    void announce(const QString &itemId);

    const Clock &m_clock;
    ChecklistDocument m_document;
    QList<int> m_sectionRows; // row -> index in m_document.sections, for sections with items
    ChecklistState m_state;
    QString m_tickerName;
};

} // namespace golive
