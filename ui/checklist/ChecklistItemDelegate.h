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

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    // The row with its text, `inline code` in the fixed-width font (splitInlineCode).
    void paintItemText(QPainter *painter, const QStyleOptionViewItem &option,
                       const QModelIndex &index) const;
};

} // namespace golive
