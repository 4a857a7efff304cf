#include "ui/timeline/TimelineView.h"

#include "src/release/RecordEvent.h"
#include "src/release/TimelineModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace golive {

TimelineView::TimelineView(TimelineModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_kindProxy(new QSortFilterProxyModel(this)),
      m_searchProxy(new QSortFilterProxyModel(this)), m_kind(new QComboBox(this)),
      m_search(new QLineEdit(this)), m_table(new QTableView(this)), m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("timelineView"));
    m_kind->setObjectName(QStringLiteral("timelineKindFilter"));
    m_search->setObjectName(QStringLiteral("timelineSearch"));
    m_table->setObjectName(QStringLiteral("timelineTable"));
    m_count->setObjectName(QStringLiteral("timelineCount"));

    // Probe samples arrive every few seconds and would bury the ticks, commands and alerts the
    // meeting looks for, so the default view leaves them out.
    m_kind->addItem(tr("All but probe samples"), QString::fromLatin1(allButSamples));
    m_kind->addItem(tr("All events"), QString());
    for (const char *kind :
         {recordkind::tick, recordkind::untick, recordkind::note, recordkind::gateOverride,
          recordkind::step, recordkind::commandBegun, recordkind::command, recordkind::interrupted,
          recordkind::alertFired, recordkind::alertResolved, recordkind::probeStatus,
          recordkind::probeSample, recordkind::releaseCreated})
        m_kind->addItem(QString::fromLatin1(kind), QString::fromLatin1(kind));
    m_search->setPlaceholderText(tr("Search the record…"));
    m_search->setClearButtonEnabled(true);

    m_kindProxy->setSourceModel(model);
    m_kindProxy->setFilterRole(TimelineModel::KindRole);
    m_kindProxy->setFilterKeyColumn(TimelineModel::KindColumn);
    m_searchProxy->setSourceModel(m_kindProxy);
    m_searchProxy->setFilterKeyColumn(-1);
    m_searchProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_table->setModel(m_searchProxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(TimelineModel::TimeColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TimelineModel::KindColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TimelineModel::SummaryColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TimelineModel::WhoColumn,
                                                      QHeaderView::ResizeToContents);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_kind);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, &TimelineView::applyFilter);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TimelineView::scrollToNewest);
    // The source's signals reach the proxies first (they connected in setSourceModel), so the
    // count sees the filtered rows as they now are.
    connect(model, &QAbstractItemModel::rowsInserted, this, &TimelineView::updateCount);
    connect(model, &QAbstractItemModel::modelReset, this, &TimelineView::updateCount);
    applyFilter();
}

const char *const TimelineView::allButSamples = "!probe-sample";

void TimelineView::setKindFilter(const QString &kind)
{
    const int index = m_kind->findData(kind);
    m_kind->setCurrentIndex(index < 0 ? 0 : index);
}

void TimelineView::setSearchText(const QString &text)
{
    m_search->setText(text);
}

int TimelineView::visibleRows() const
{
    return m_searchProxy->rowCount();
}

void TimelineView::applyFilter()
{
    const QString kind = m_kind->currentData().toString();
    QString kindPattern;
    if (kind == QLatin1String(allButSamples))
        kindPattern = QStringLiteral("^(?!%1$)").arg(QString::fromLatin1(recordkind::probeSample));
    else if (!kind.isEmpty())
        kindPattern = QStringLiteral("^%1$").arg(QRegularExpression::escape(kind));
    if (m_kindProxy->filterRegularExpression().pattern() != kindPattern)
        m_kindProxy->setFilterRegularExpression(kindPattern);
    if (m_searchProxy->filterRegularExpression().pattern() !=
        QRegularExpression::escape(m_search->text()))
        m_searchProxy->setFilterRegularExpression(
            QRegularExpression(QRegularExpression::escape(m_search->text()),
                               QRegularExpression::CaseInsensitiveOption));
    updateCount();
}

void TimelineView::updateCount()
{
    m_count->setText(tr("%1 of %2 events").arg(visibleRows()).arg(m_model->rowCount()));
}

void TimelineView::scrollToNewest()
{
    // Follow the live tail only when the reader is already at the bottom.
    QScrollBar *scroll = m_table->verticalScrollBar();
    if (scroll->value() >= scroll->maximum() - 1)
        m_table->scrollToBottom();
}

} // namespace golive
