#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QTreeView;

namespace golive {

class Checklist;
class ChecklistFilterModel;
class ChecklistModel;

// The checklist as the meeting uses it: tick with a click or Space, a note per item, who is
// ticking, progress, filters and search. Fully usable from the keyboard:
//   Space tick/untick · Ctrl+F search · Ctrl+E edit the note · Alt+A ticking as · Alt+O open
//   only · Alt+R required only · Alt+N note
class ChecklistView : public QWidget {
    Q_OBJECT
public:
    // `checklist` must outlive the view.
    explicit ChecklistView(Checklist *checklist, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    ChecklistModel *model() const { return m_model; }
    ChecklistFilterModel *filterModel() const { return m_filter; }
    // Says next to *Ticking as* where the name came from ("remembered for this release").
    void setTickerOrigin(const QString &origin);

private:
    QWidget *buildToolbar();
    QWidget *buildDetailPane();
    void rebuildSectionChoices();
    void refreshProgress();
    void showDetails();
    void commitNote();
    void followFilter();
    QString currentItemId() const;
    // Ticking an item whose evidence fails: a reason first (cancel leaves it unticked).
    void showEvidence(const QModelIndex &item);
    void askReason(const QString &itemId, const QString &evidenceResult);

    Checklist *m_checklist;
    ChecklistModel *m_model;
    ChecklistFilterModel *m_filter;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_ticker = nullptr;
    QLabel *m_tickerOrigin = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_section = nullptr;
    QCheckBox *m_openOnly = nullptr;
    QCheckBox *m_requiredOnly = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_requiredOpen = nullptr;
    QLabel *m_itemText = nullptr;
    QLabel *m_itemGates = nullptr;
    QLineEdit *m_note = nullptr;
    QListWidget *m_history = nullptr;
    QListWidget *m_evidence = nullptr;
    QString m_shownItemId; // the item the detail pane shows (empty: none)
};

} // namespace golive
