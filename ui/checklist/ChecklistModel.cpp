#include "ui/checklist/ChecklistModel.h"

#include "src/checklist/Checklist.h"
#include "ui/checklist/ChecklistItemText.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>

namespace golive {

namespace {

// internalId 0 marks a section row; items carry their section row + 1.
constexpr quintptr sectionMarker = 0;

} // namespace

ChecklistModel::ChecklistModel(Checklist *checklist, QObject *parent)
    : QAbstractItemModel(parent), m_checklist(checklist)
{
    rebuildSectionRows();
    connect(m_checklist, &Checklist::documentAboutToChange, this, &ChecklistModel::beginResetModel);
    connect(m_checklist, &Checklist::documentChanged, this, [this] {
        rebuildSectionRows();
        endResetModel();
    });
    connect(m_checklist, &Checklist::itemStateChanged, this, &ChecklistModel::showItemChange);
}

void ChecklistModel::rebuildSectionRows()
{
    m_sectionRows.clear();
    const QList<ChecklistSection> &sections = m_checklist->document().sections;
    for (int i = 0; i < sections.size(); ++i) {
        if (!sections.at(i).items.isEmpty())
            m_sectionRows.append(i);
    }
}

void ChecklistModel::showItemChange(const QString &itemId)
{
    // The item's row, and its section's (progress and "required open" changed with it).
    const QModelIndex first = indexOfItem(itemId, ItemColumn);
    Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    const QModelIndex section = first.parent();
    Q_EMIT dataChanged(section, section.siblingAtColumn(ColumnCount - 1));
}

void ChecklistModel::setEvidence(const QMap<QString, QJsonObject> &items, const QDateTime &now,
                                 int maxAgeMinutes)
{
    m_evidence = items;
    m_evidenceNow = now;
    m_evidenceMaxAgeMinutes = maxAgeMinutes;
    for (int s = 0; s < m_sectionRows.size(); ++s) {
        const int count = int(sectionAtRow(s).items.size());
        if (count > 0)
            Q_EMIT dataChanged(createIndex(0, EvidenceColumn, quintptr(s + 1)),
                               createIndex(count - 1, EvidenceColumn, quintptr(s + 1)));
    }
    Q_EMIT evidenceChanged();
}

QString ChecklistModel::evidenceResult(const QString &itemId) const
{
    const auto it = m_evidence.constFind(itemId);
    if (it == m_evidence.cend())
        return {};
    const QDateTime checkedAt =
        QDateTime::fromString(it->value(QStringLiteral("checked_at")).toString(), Qt::ISODate);
    // Same rule as EvidenceReport::isStale (the ui does not reach into src/evidence for it).
    if (!checkedAt.isValid() ||
        checkedAt.secsTo(m_evidenceNow) > qint64(m_evidenceMaxAgeMinutes) * 60)
        return QStringLiteral("stale");
    return it->value(QStringLiteral("result")).toString();
}

bool ChecklistModel::tickAgainstEvidence(const QString &itemId, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return false;
    Q_EMIT tickedAgainstEvidence(itemId, evidenceResult(itemId), reason.trimmed());
    return m_checklist->tick(itemId);
}

QModelIndex ChecklistModel::indexOfItem(const QString &itemId, int column) const
{
    for (int s = 0; s < m_sectionRows.size(); ++s) {
        const auto &items = sectionAtRow(s).items;
        for (int i = 0; i < items.size(); ++i) {
            if (items.at(i).id == itemId)
                return createIndex(i, column, quintptr(s + 1));
        }
    }
    return {};
}

QModelIndex ChecklistModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, sectionMarker);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ChecklistModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == sectionMarker)
        return {};
    return createIndex(int(child.internalId() - 1), 0, sectionMarker);
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_sectionRows.size());
    if (parent.internalId() != sectionMarker || parent.column() != 0)
        return 0;
    return int(sectionAtRow(parent.row()).items.size());
}

int ChecklistModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const ChecklistSection &ChecklistModel::sectionAtRow(int row) const
{
    return m_checklist->document().sections.at(m_sectionRows.at(row));
}

const ChecklistItem *ChecklistModel::itemAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == sectionMarker)
        return nullptr;
    return &sectionAtRow(int(index.internalId() - 1)).items.at(index.row());
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (const ChecklistItem *item = itemAt(index))
        return itemData(*item, index.column(), role);
    return sectionData(index.row(), index.column(), role);
}

QVariant ChecklistModel::sectionData(int sectionRow, int column, int role) const
{
    const ChecklistSection &section = sectionAtRow(sectionRow);
    const Checklist::Progress progress = m_checklist->progress(section);
    switch (role) {
    case Qt::DisplayRole:
        if (column != ItemColumn)
            return {};
        return QStringLiteral("%1   %2/%3")
            .arg(section.title.isEmpty() ? tr("(untitled)") : section.title)
            .arg(progress.done)
            .arg(progress.total);
    case IsSectionRole:
        return true;
    case SectionIdRole:
        return section.id;
    case SectionTitleRole:
        return section.title;
    case DoneCountRole:
        return progress.done;
    case TotalCountRole:
        return progress.total;
    case RequiredRole:
        return progress.requiredOpen > 0;
    default:
        return {};
    }
}

QVariant ChecklistModel::itemData(const ChecklistItem &item, int column, int role) const
{
    const ItemState state = m_checklist->state().value(item.id);
    if (column == EvidenceColumn) {
        const QString result = evidenceResult(item.id);
        switch (role) {
        case Qt::DisplayRole:
            // Text first: the colour only repeats what the word says.
            if (result.isEmpty())
                return item.evidence.isEmpty() ? QString() : tr("not run");
            return result;
        case Qt::ForegroundRole:
            if (result == QLatin1String("pass"))
                return QBrush(QColor(0x1e, 0x7d, 0x32));
            if (result == QLatin1String("fail"))
                return QBrush(QColor(0xc6, 0x28, 0x28));
            if (result == QLatin1String("stale") || result == QLatin1String("unknown"))
                return QBrush(QColor(0x9a, 0x67, 0x00));
            return {};
        case Qt::ToolTipRole:
            return item.evidence.isEmpty()
                       ? QVariant()
                       : QVariant(tr("Evidence: %1").arg(item.evidence.join(QStringLiteral(", "))));
        case EvidenceResultRole:
            return result;
        case EvidenceRole:
            return m_evidence.value(item.id);
        case ItemIdRole:
            return item.id;
        case IsSectionRole:
            return false;
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ItemColumn:
            return item.text;
        case WhoColumn:
            return state.who;
        case WhenColumn:
            return ChecklistItemText::localTime(state.atUtc);
        case NoteColumn:
            return state.note;
        }
        return {};
    case Qt::EditRole:
        return column == NoteColumn ? QVariant(state.note)
                                    : itemData(item, column, Qt::DisplayRole);
    case Qt::CheckStateRole:
        if (column != ItemColumn)
            return {};
        return state.checked ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        return ChecklistItemText::toolTip(item, state);
    case ItemIdRole:
        return item.id;
    case IsSectionRole:
        return false;
    case RequiredRole:
        return item.required;
    case GatesRole:
        return item.gates;
    case DepthRole:
        return item.depth;
    case CheckedRole:
        return state.checked;
    case EvidenceResultRole:
        return evidenceResult(item.id);
    case EvidenceRole:
        return m_evidence.value(item.id);
    default:
        return {};
    }
}

bool ChecklistModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const ChecklistItem *item = itemAt(index);
    if (!item)
        return false;
    if (role == Qt::CheckStateRole && index.column() == ItemColumn) {
        if (value.toInt() != Qt::Checked)
            return m_checklist->untick(item->id);
        const QString evidence = evidenceResult(item->id);
        if (evidence == QLatin1String("fail") &&
            !m_checklist->state().value(item->id).checked) {
            // Failing evidence is never ticked past silently: a reason first.
            Q_EMIT reasonNeeded(item->id, evidence);
            return false;
        }
        return m_checklist->tick(item->id);
    }
    if (role == Qt::EditRole && index.column() == NoteColumn)
        return m_checklist->setNote(item->id, value.toString());
    return false;
}

Qt::ItemFlags ChecklistModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (!itemAt(index))
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == ItemColumn)
        flags |= Qt::ItemIsUserCheckable;
    if (index.column() == NoteColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ItemColumn:
        return tr("Item");
    case EvidenceColumn:
        return tr("Evidence");
    case WhoColumn:
        return tr("Who");
    case WhenColumn:
        return tr("When");
    case NoteColumn:
        return tr("Note");
    }
    return {};
}

} // namespace golive
