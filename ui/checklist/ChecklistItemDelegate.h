#pragma once

#include <QStyledItemDelegate>

namespace golive {

// Draws checklist rows: nested items indented, `inline code` in the fixed-width font, required
// items with a "required" badge, sections in bold with their progress. It only draws; the model
// decides what is required.
class ChecklistItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // Clicks are hit-tested against the rect the row is drawn in (indented for nested items), so
    // the check box reacts where it is drawn.
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    // Where an item row is drawn: `option` indented by the item's depth.
    static QStyleOptionViewItem indented(const QStyleOptionViewItem &option,
                                         const QModelIndex &index);
    // The row with its text, `inline code` in the fixed-width font (splitInlineCode).
    void paintItemText(QPainter *painter, const QStyleOptionViewItem &option,
                       const QModelIndex &index) const;
};

} // namespace golive
