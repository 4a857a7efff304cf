#pragma once

#include <QAbstractItemModel>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>

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
    // The evidence column sits beside the tick: people see what was proven before they tick.
    enum Column { ItemColumn, EvidenceColumn, WhoColumn, WhenColumn, NoteColumn, ColumnCount };
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
        EvidenceResultRole, // items: "pass", "fail", "unknown", "stale", or empty (no evidence)
        EvidenceRole,       // items: the recorded evidence item (QJsonObject), empty if none
    };

    // `checklist` must outlive the model.
    explicit ChecklistModel(Checklist *checklist, QObject *parent = nullptr);

    Checklist *checklist() const { return m_checklist; }
    QModelIndex indexOfItem(const QString &itemId, int column = ItemColumn) const;

    // The last evidence run's items by id (EvidenceReport JSON / the record's `evidence` event)
    // and when evidence counts as stale: checked more than `maxAgeMinutes` before `now`.
    void setEvidence(const QMap<QString, QJsonObject> &items, const QDateTime &now,
                     int maxAgeMinutes);
    // "pass", "fail", "unknown", "stale" (older than the profile's age), or empty: no evidence.
    QString evidenceResult(const QString &itemId) const;
    // Ticks `itemId` although its evidence fails, once a person gave `reason` (see reasonNeeded).
    bool tickAgainstEvidence(const QString &itemId, const QString &reason);

Q_SIGNALS:
    // A tick of an item whose evidence fails was asked for: it was not ticked. Whoever shows the
    // model asks for a reason and calls tickAgainstEvidence(), or leaves it unticked.
    void reasonNeeded(const QString &itemId, const QString &evidenceResult);
    // setEvidence() replaced the evidence (the column has been told through dataChanged).
    void evidenceChanged();
    // The tick against failing evidence, with its reason, just before the tick: for the record.
    void tickedAgainstEvidence(const QString &itemId, const QString &evidenceResult,
                               const QString &reason);

public:

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
    QMap<QString, QJsonObject> m_evidence;
    QDateTime m_evidenceNow;
    int m_evidenceMaxAgeMinutes = 60;
};

} // namespace golive
