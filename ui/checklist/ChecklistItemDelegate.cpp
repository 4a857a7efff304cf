#include "ui/checklist/ChecklistItemDelegate.h"

#include "ui/checklist/ChecklistModel.h"
#include "ui/checklist/InlineCodeText.h"

#include <QApplication>
#include <QFontDatabase>
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

// Draws `text` into `rect` with its `inline code` runs in the fixed-width font, as the Markdown
// the checklist came from would render. Elides at the right edge.
void drawWithInlineCode(QPainter *painter, const QRect &rect, const QString &text,
                        const QFont &font)
{
    QFont code = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    code.setPointSizeF(font.pointSizeF());
    int x = rect.left();
    for (const TextRun &run : splitInlineCode(text)) {
        painter->setFont(run.code ? code : font);
        const QFontMetrics metrics(painter->font());
        const int room = rect.right() - x;
        const int width = metrics.horizontalAdvance(run.text);
        if (width > room) {
            painter->drawText(QRect(x, rect.top(), room, rect.height()),
                              Qt::AlignLeft | Qt::AlignVCenter,
                              metrics.elidedText(run.text, Qt::ElideRight, room));
            return;
        }
        painter->drawText(QRect(x, rect.top(), width, rect.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, run.text);
        x += width;
    }
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

    QStyleOptionViewItem shifted = indented(option, index);
    int badgeWidth = 0;
    if (required) {
        badgeWidth = option.fontMetrics.horizontalAdvance(badgeText()) + 3 * badgePadding;
        shifted.rect.adjust(0, 0, -badgeWidth, 0);
    }
    paintItemText(painter, shifted, index);
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

void ChecklistItemDelegate::paintItemText(QPainter *painter, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    QStyleOptionViewItem item(option);
    initStyleOption(&item, index);
    const QString text = item.text;
    if (!text.contains(QLatin1Char('`'))) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The style draws the row (selection, check box); the text is ours.
    item.text.clear();
    const QWidget *widget = item.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget)
                               .adjusted(margin, 0, -margin, 0);
    painter->save();
    const bool selected = item.state & QStyle::State_Selected;
    painter->setPen(item.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    drawWithInlineCode(painter, textRect, text, item.font);
    painter->restore();
}

QStyleOptionViewItem ChecklistItemDelegate::indented(const QStyleOptionViewItem &option,
                                                     const QModelIndex &index)
{
    QStyleOptionViewItem shifted(option);
    if (isItemColumn(index) && !index.data(ChecklistModel::IsSectionRole).toBool())
        shifted.rect.adjust(index.data(ChecklistModel::DepthRole).toInt() * indentPerLevel, 0, 0,
                            0);
    return shifted;
}

bool ChecklistItemDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                        const QStyleOptionViewItem &option,
                                        const QModelIndex &index)
{
    return QStyledItemDelegate::editorEvent(event, model, indented(option, index), index);
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
