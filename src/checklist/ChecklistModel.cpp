#include "src/checklist/ChecklistModel.h"

#include "src/common/Clock.h"

#include <pwd.h>
#include <unistd.h>

namespace golive {

namespace {

// internalId 0 marks a section row; items carry their section row + 1.
constexpr quintptr sectionMarker = 0;

QString osUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("LOGNAME");
    if (name.isEmpty()) {
        // Services and containers often run without USER; the account database still knows.
        if (const passwd *account = ::getpwuid(::getuid()))
            name = QString::fromLocal8Bit(account->pw_name);
    }
    return name.isEmpty() ? QStringLiteral("unknown") : name;
}

QString localTimeText(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

ChecklistModel::ChecklistModel(const Clock &clock, QObject *parent)
    : QAbstractItemModel(parent), m_clock(clock), m_tickerName(osUserName())
{
}

void ChecklistModel::reset(ChecklistDocument document, ChecklistState state)
{
    beginResetModel();
    m_document = std::move(document);
    m_state = std::move(state);
    m_sectionRows.clear();
    for (int i = 0; i < m_document.sections.size(); ++i) {
        if (!m_document.sections.at(i).items.isEmpty())
            m_sectionRows.append(i);
    }
    endResetModel();
}

void ChecklistModel::setTickerName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed == m_tickerName)
        return;
    m_tickerName = trimmed;
    Q_EMIT tickerNameChanged(m_tickerName);
}

bool ChecklistModel::setChecked(const QString &itemId, bool checked, const QString &evidence)
{
    if (!m_document.findItem(itemId))
        return false;
    ItemState &state = m_state[itemId];
    if (state.checked == checked && evidence.isEmpty())
        return false;
    const QDateTime now = m_clock.nowUtc();
    state.checked = checked;
    state.who = m_tickerName;
    state.atUtc = now;
    if (checked)
        state.evidence = evidence;
    else
        state.evidence.clear();
    state.history.append(TickRecord{checked, m_tickerName, now, state.note, state.evidence});
    announce(itemId);
    return true;
}

bool ChecklistModel::setNote(const QString &itemId, const QString &note)
{
    if (!m_document.findItem(itemId))
        return false;
    ItemState &state = m_state[itemId];
    if (state.note == note)
        return false;
    state.note = note;
    announce(itemId);
    return true;
}

void ChecklistModel::announce(const QString &itemId)
{
    const QModelIndex first = indexOfItem(itemId, ItemColumn);
    Q_EMIT dataChanged(first, first.siblingAtColumn(NoteColumn));
    const QModelIndex section = first.parent();
    Q_EMIT dataChanged(section, section.siblingAtColumn(NoteColumn));
    Q_EMIT itemStateChanged(itemId, m_state.value(itemId));
}

ChecklistModel::Progress ChecklistModel::progress() const
{
    Progress total;
    for (int row = 0; row < m_sectionRows.size(); ++row) {
        const Progress section = sectionProgress(row);
        total.done += section.done;
        total.total += section.total;
        total.requiredOpen += section.requiredOpen;
    }
    return total;
}

ChecklistModel::Progress ChecklistModel::sectionProgress(int sectionRow) const
{
    Progress progress;
    for (const ChecklistItem &item : sectionAtRow(sectionRow).items) {
        const bool checked = m_state.value(item.id).checked;
        ++progress.total;
        progress.done += checked ? 1 : 0;
        progress.requiredOpen += (item.required && !checked) ? 1 : 0;
    }
    return progress;
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
    return m_document.sections.at(m_sectionRows.at(row));
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
    const Progress progress = sectionProgress(sectionRow);
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
    const ItemState state = m_state.value(item.id);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ItemColumn:
            return item.text;
        case WhoColumn:
            return state.who;
        case WhenColumn:
            return localTimeText(state.atUtc);
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
    case Qt::ToolTipRole: {
        QString tip = item.text;
        if (item.required)
            tip += tr("\nRequired for: %1").arg(item.gates.join(QStringLiteral(", ")));
        if (!state.evidence.isEmpty())
            tip += tr("\nEvidence: %1").arg(state.evidence);
        if (state.atUtc.isValid())
            tip += tr("\n%1 by %2 at %3 UTC")
                       .arg(state.checked ? tr("Ticked") : tr("Unticked"), state.who,
                            state.atUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        return tip;
    }
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
    default:
        return {};
    }
}

bool ChecklistModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const ChecklistItem *item = itemAt(index);
    if (!item)
        return false;
    if (role == Qt::CheckStateRole && index.column() == ItemColumn)
        return setChecked(item->id, value.toInt() == Qt::Checked);
    if (role == Qt::EditRole && index.column() == NoteColumn)
        return setNote(item->id, value.toString());
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
