#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace golive {

class TimelineModel;

// The release record as a table: a kind filter, a text search, newest events appended live.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(TimelineModel *model, QWidget *parent = nullptr);

    // "" for every kind.
    // A record kind, empty for every event, or allButSamples (the default).
    void setKindFilter(const QString &kind);
    static const char *const allButSamples;
    void setSearchText(const QString &text);
    int visibleRows() const;

private:
    void applyFilter();
    void updateCount();
    void scrollToNewest();

    TimelineModel *m_model;
    QSortFilterProxyModel *m_kindProxy;
    QSortFilterProxyModel *m_searchProxy;
    QComboBox *m_kind;
    QLineEdit *m_search;
    QTableView *m_table;
    QLabel *m_count;
};

} // namespace golive
