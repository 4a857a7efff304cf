#include "ui/checklist/ChecklistView.h"

#include "src/checklist/Checklist.h"
#include "ui/checklist/ChecklistFilterModel.h"
#include "ui/checklist/ChecklistItemDelegate.h"
#include "ui/checklist/ChecklistItemText.h"
#include "ui/checklist/ChecklistModel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QShortcut>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace golive {

ChecklistView::ChecklistView(Checklist *checklist, QWidget *parent)
    : QWidget(parent), m_checklist(checklist), m_model(new ChecklistModel(checklist, this)),
      m_filter(new ChecklistFilterModel(this))
{
    m_filter->setSourceModel(m_model);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("checklistTree"));
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new ChecklistItemDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(ChecklistModel::ItemColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(ChecklistModel::EvidenceColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ChecklistModel::WhoColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ChecklistModel::WhenColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ChecklistModel::NoteColumn, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setColumnWidth(ChecklistModel::NoteColumn, 220);
    m_tree->expandAll();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(buildDetailPane());
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildToolbar());
    layout->addWidget(splitter, 1);

    // Re-expand after every reset and filter change, so sections never hide their items.
    connect(m_filter, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_filter, &QAbstractItemModel::layoutChanged, m_tree, &QTreeView::expandAll);
    connect(m_filter, &QAbstractItemModel::rowsInserted, m_tree, &QTreeView::expandAll);
    connect(m_model, &ChecklistModel::reasonNeeded, this, &ChecklistView::askReason);
    connect(m_model, &ChecklistModel::evidenceChanged, this, &ChecklistView::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        rebuildSectionChoices();
        refreshProgress();
        showDetails();
    });
    connect(m_checklist, &Checklist::itemStateChanged, this, [this] {
        refreshProgress();
        showDetails();
    });
    connect(m_checklist, &Checklist::tickerNameChanged, m_ticker, &QLineEdit::setText);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ChecklistView::showDetails);
    // A filter that hides the current item leaves the tree without one (or on another row): the
    // pane follows, so a note typed now never lands on an item nobody can see.
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &ChecklistView::followFilter);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ChecklistView::followFilter);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ChecklistView::followFilter);

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setWhatsThis(tr("Search the checklist"));
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    auto *editNote = new QShortcut(QKeySequence(QStringLiteral("Ctrl+E")), this);
    editNote->setWhatsThis(tr("Edit the note of the current item"));
    connect(editNote, &QShortcut::activated, this, [this] {
        if (!currentItemId().isEmpty())
            m_note->setFocus();
    });

    rebuildSectionChoices();
    refreshProgress();
    showDetails();
}

QWidget *ChecklistView::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    m_ticker = new QLineEdit(m_checklist->tickerName(), bar);
    m_ticker->setObjectName(QStringLiteral("tickerName"));
    m_ticker->setMaximumWidth(160);
    m_ticker->setToolTip(tr("The name recorded with each tick and note edit; remembered for this "
                            "release on this computer"));
    connect(m_ticker, &QLineEdit::editingFinished, this,
            [this] { m_checklist->setTickerName(m_ticker->text()); });
    auto *tickerLabel = new QLabel(tr("Ticking &as:"), bar);
    tickerLabel->setBuddy(m_ticker);
    m_tickerOrigin = new QLabel(bar);
    m_tickerOrigin->setObjectName(QStringLiteral("tickerOrigin"));
    m_tickerOrigin->setEnabled(false); // quiet grey: a remark, not a control
    m_tickerOrigin->hide();

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search items, notes, people (Ctrl+F)"));
    connect(m_search, &QLineEdit::textChanged, m_filter, &ChecklistFilterModel::setSearchText);
    // Qt shows the clear button only while there is text, and creating it looks its icon up in the
    // icon theme (~6 ms, most of what the view cost before the window appeared): so it is made on
    // the first keystroke, which looks the same.
    connect(m_search, &QLineEdit::textChanged, m_search, [search = m_search](const QString &text) {
        if (!text.isEmpty() && !search->isClearButtonEnabled())
            search->setClearButtonEnabled(true);
    });

    m_section = new QComboBox(bar);
    m_section->setObjectName(QStringLiteral("sectionFilter"));
    connect(m_section, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setSectionId(m_section->currentData().toString()); });

    m_openOnly = new QCheckBox(tr("&Open only"), bar);
    m_openOnly->setObjectName(QStringLiteral("openOnly"));
    connect(m_openOnly, &QCheckBox::toggled, m_filter, &ChecklistFilterModel::setOpenOnly);
    m_requiredOnly = new QCheckBox(tr("&Required only"), bar);
    m_requiredOnly->setObjectName(QStringLiteral("requiredOnly"));
    connect(m_requiredOnly, &QCheckBox::toggled, m_filter, &ChecklistFilterModel::setRequiredOnly);

    m_progress = new QProgressBar(bar);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setFormat(tr("%v of %m done"));
    m_progress->setMinimumWidth(160);
    m_requiredOpen = new QLabel(bar);
    m_requiredOpen->setObjectName(QStringLiteral("requiredOpen"));

    row->addWidget(tickerLabel);
    row->addWidget(m_ticker);
    row->addWidget(m_tickerOrigin);
    row->addSpacing(12);
    row->addWidget(m_search, 1);
    row->addWidget(m_section);
    row->addWidget(m_openOnly);
    row->addWidget(m_requiredOnly);
    row->addSpacing(12);
    row->addWidget(m_progress);
    row->addWidget(m_requiredOpen);
    return bar;
}

void ChecklistView::setTickerOrigin(const QString &origin)
{
    m_tickerOrigin->setText(QStringLiteral("(%1)").arg(origin));
    m_tickerOrigin->setVisible(!origin.isEmpty());
}

QWidget *ChecklistView::buildDetailPane()
{
    auto *pane = new QWidget(this);
    auto *form = new QFormLayout(pane);
    m_itemText = new QLabel(pane);
    m_itemText->setObjectName(QStringLiteral("itemText"));
    m_itemText->setWordWrap(true);
    m_itemText->setTextFormat(Qt::MarkdownText);
    m_itemText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_itemGates = new QLabel(pane);
    m_note = new QLineEdit(pane);
    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setPlaceholderText(tr("A note for this item (Ctrl+E, Enter to save)"));
    connect(m_note, &QLineEdit::returnPressed, this, [this] {
        commitNote();
        m_tree->setFocus();
    });
    connect(m_note, &QLineEdit::editingFinished, this, &ChecklistView::commitNote);
    m_history = new QListWidget(pane);
    m_history->setObjectName(QStringLiteral("history"));
    m_history->setMaximumHeight(90);
    form->addRow(tr("Item:"), m_itemText);
    form->addRow(tr("Gates:"), m_itemGates);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(tr("History:"), m_history);
    // The last evidence run's findings; a click copies "file:line" for the editor.
    m_evidence = new QListWidget(pane);
    m_evidence->setObjectName(QStringLiteral("evidenceFindings"));
    m_evidence->setMaximumHeight(110);
    connect(m_evidence, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const QString location = item->data(Qt::UserRole).toString();
        if (location.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(location);
        item->setToolTip(tr("Copied %1").arg(location));
    });
    form->addRow(tr("Evidence:"), m_evidence);
    return pane;
}

void ChecklistView::rebuildSectionChoices()
{
    const QSignalBlocker blocker(m_section);
    m_section->clear();
    m_section->addItem(tr("All sections"), QString());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex section = m_model->index(row, 0);
        m_section->addItem(section.data(ChecklistModel::SectionTitleRole).toString(),
                           section.data(ChecklistModel::SectionIdRole));
    }
    m_filter->setSectionId(QString());
}

void ChecklistView::refreshProgress()
{
    const Checklist::Progress progress = m_checklist->progress();
    m_progress->setMaximum(std::max(progress.total, 1));
    m_progress->setValue(progress.done);
    m_requiredOpen->setText(progress.requiredOpen == 0
                                ? tr("all required items done")
                                : tr("%n required open", nullptr, progress.requiredOpen));
}

void ChecklistView::askReason(const QString &itemId, const QString &evidenceResult)
{
    // Window-modal, not exec(): the GUI thread keeps running (probes, the canary) meanwhile.
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("evidenceReasonDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Tick against failing evidence"));
    dialog->setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(dialog);
    const QModelIndex index = m_model->indexOfItem(itemId);
    auto *explanation = new QLabel(
        tr("The evidence for \"%1\" (%2) says %3. Ticking it anyway is recorded with your reason, "
           "like a gate override.")
            .arg(index.data().toString(), itemId, evidenceResult),
        dialog);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);
    auto *reason = new QLineEdit(dialog);
    reason->setObjectName(QStringLiteral("evidenceReason"));
    reason->setPlaceholderText(tr("Why this item is done despite its evidence"));
    layout->addWidget(reason);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Tick with this reason"));
    ok->setEnabled(false);
    layout->addWidget(buttons);
    connect(reason, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, itemId, reason] {
        m_model->tickAgainstEvidence(itemId, reason->text());
    });
    dialog->open();
    reason->setFocus();
}

QString ChecklistView::currentItemId() const
{
    return m_tree->currentIndex().data(ChecklistModel::ItemIdRole).toString();
}

void ChecklistView::showDetails()
{
    const QString id = currentItemId();
    const QModelIndex source = m_model->indexOfItem(id);
    if (id != m_shownItemId && m_note->hasFocus()) {
        // A note being typed belongs to the item it was typed for: saved there, then the pane
        // moves on.
        const QString previous = std::exchange(m_shownItemId, QString());
        if (!previous.isEmpty())
            m_checklist->setNote(previous, m_note->text());
        m_tree->setFocus();
    }
    m_shownItemId = source.isValid() ? id : QString();
    m_note->setEnabled(source.isValid());
    m_history->clear();
    m_evidence->clear();
    if (!source.isValid()) {
        m_itemText->setText(tr("Select an item to see its history and note."));
        m_itemGates->clear();
        m_note->clear();
        return;
    }
    m_itemText->setText(source.data().toString());
    const QStringList gates = source.data(ChecklistModel::GatesRole).toStringList();
    m_itemGates->setText(source.data(ChecklistModel::RequiredRole).toBool()
                             ? tr("required for %1").arg(gates.join(QStringLiteral(", ")))
                             : tr("optional"));
    const ItemState state = m_checklist->state().value(id);
    if (!m_note->hasFocus())
        m_note->setText(state.note);
    showEvidence(source);
    for (auto it = state.history.crbegin(); it != state.history.crend(); ++it) {
        QString line;
        if (it->noteEdit) {
            line = it->note.isEmpty()
                       ? tr("%1  note cleared by %2").arg(ChecklistItemText::localTime(it->atUtc),
                                                         it->who)
                       : tr("%1  note by %2: \u201c%3\u201d")
                             .arg(ChecklistItemText::localTime(it->atUtc), it->who, it->note);
        } else {
            line = QStringLiteral("%1  %2 by %3")
                       .arg(ChecklistItemText::localTime(it->atUtc),
                            it->checked ? tr("ticked") : tr("unticked"), it->who);
            if (!it->evidence.isEmpty())
                line += tr(" (evidence: %1)").arg(it->evidence);
        }
        m_history->addItem(line);
    }
}

void ChecklistView::showEvidence(const QModelIndex &item)
{
    const QString result = item.data(ChecklistModel::EvidenceResultRole).toString();
    const QJsonObject evidence = item.data(ChecklistModel::EvidenceRole).toJsonObject();
    if (result.isEmpty()) {
        const QString notRun =
            item.siblingAtColumn(ChecklistModel::EvidenceColumn).data().toString();
        if (!notRun.isEmpty())
            m_evidence->addItem(tr("not run yet (Console › Refresh evidence, Ctrl+Shift+V)"));
        return;
    }
    m_evidence->addItem(tr("%1, checked %2").arg(result,
                                                 evidence.value(QStringLiteral("checked_at")).toString()));
    for (const QJsonValue &value : evidence.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject finding = value.toObject();
        const QString file = finding.value(QStringLiteral("file")).toString();
        const QString dir = finding.value(QStringLiteral("source_dir")).toString();
        const QString location =
            file.isEmpty() ? QString()
                           : QStringLiteral("%1%2:%3")
                                 .arg(dir.isEmpty() ? QString() : dir + QLatin1Char('/'), file)
                                 .arg(finding.value(QStringLiteral("line")).toInt());
        auto *line = new QListWidgetItem(
            location.isEmpty() ? finding.value(QStringLiteral("message")).toString()
                               : QStringLiteral("%1  %2").arg(
                                     location, finding.value(QStringLiteral("message")).toString()),
            m_evidence);
        line->setData(Qt::UserRole, location);
        if (!location.isEmpty())
            line->setToolTip(tr("Click to copy %1").arg(location));
    }
    // Sources that did not pass and have no file findings say why.
    for (const QJsonValue &value : evidence.value(QStringLiteral("details")).toArray()) {
        const QJsonObject detail = value.toObject();
        if (detail.value(QStringLiteral("result")).toString() != QLatin1String("pass") &&
            !detail.value(QStringLiteral("source")).toString().startsWith(QLatin1String("source:")))
            m_evidence->addItem(QStringLiteral("%1: %2").arg(
                detail.value(QStringLiteral("source")).toString(),
                detail.value(QStringLiteral("message")).toString()));
    }
}

void ChecklistView::followFilter()
{
    // The pane shows (and a note is saved to) the item shown as current, never a hidden one.
    const QString shown = currentItemId();
    if (shown != m_shownItemId)
        showDetails();
}

void ChecklistView::commitNote()
{
    // Saved to the item the pane shows, which is always the tree's current one.
    if (!m_shownItemId.isEmpty())
        m_checklist->setNote(m_shownItemId, m_note->text());
}

} // namespace golive
