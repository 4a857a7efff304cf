#include "checklist/ChecklistItemDelegate.h"

#include "checklist/ChecklistModel.h"

#include <QApplication>
#include <QPainter>

namespace golive {

namespace {

constexpr int indentPerLevel = 18;
constexpr int badgePadding = 4;

bool isItemColumn(const QModelIndex &index)
{
    return index.column() == ChecklistModel::ItemColumn;
}

QString badgeText()
{
    return QObject::tr("required");
}

} // namespace

void ChecklistItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                            const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(ChecklistModel::IsSectionRole).toBool())
        option->font.setBold(true);
    else if (index.data(ChecklistModel::CheckedRole).toBool() && isItemColumn(index))
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
}

void ChecklistItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    const bool required = index.data(ChecklistModel::RequiredRole).toBool() &&
                          !index.data(ChecklistModel::IsSectionRole).toBool();
    if (!isItemColumn(index) || index.data(ChecklistModel::IsSectionRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    QStyleOptionViewItem shifted(option);
    shifted.rect.adjust(index.data(ChecklistModel::DepthRole).toInt() * indentPerLevel, 0, 0, 0);
    int badgeWidth = 0;
    if (required) {
        badgeWidth = option.fontMetrics.horizontalAdvance(badgeText()) + 3 * badgePadding;
        shifted.rect.adjust(0, 0, -badgeWidth, 0);
    }
    QStyledItemDelegate::paint(painter, shifted, index);
    if (!required)
        return;

    // An open required item gets a strong badge; a ticked one a quiet outline.
    const bool open = !index.data(ChecklistModel::CheckedRole).toBool();
    const QRect badge(option.rect.right() - badgeWidth + badgePadding,
                      option.rect.top() + badgePadding / 2, badgeWidth - 2 * badgePadding,
                      option.rect.height() - badgePadding);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor accent = open ? QColor(0xc6, 0x28, 0x28) : option.palette.color(QPalette::Mid);
    painter->setPen(accent);
    painter->setBrush(open ? accent : Qt::transparent);
    painter->drawRoundedRect(badge, 4, 4);
    painter->setPen(open ? QColor(Qt::white) : option.palette.color(QPalette::Text));
    painter->drawText(badge, Qt::AlignCenter, badgeText());
    painter->restore();
}

QSize ChecklistItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
    if (isItemColumn(index))
        size.rwidth() += index.data(ChecklistModel::DepthRole).toInt() * indentPerLevel;
    return size;
}

} // namespace golive
