#include "ui/alerts/AlertListView.h"

#include "src/metrics/AlertEngine.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace golive {

namespace {

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QStringLiteral("active");
}

} // namespace

AlertListView::AlertListView(QWidget *parent)
    : QWidget(parent), m_tree(new QTreeWidget(this)), m_notes(new QLabel(this))
{
    m_notes->setObjectName(QStringLiteral("alertRuleNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->hide();
    setObjectName(QStringLiteral("alertListView"));
    m_tree->setObjectName(QStringLiteral("alertTree"));
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setHeaderLabels({tr("Severity"), tr("Rule"), tr("Message"), tr("Since"), tr("Until"),
                             tr("Source")});
    m_tree->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    for (int column : {SeverityColumn, RuleColumn, SinceColumn, UntilColumn, SourceColumn})
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    layout->addWidget(m_notes);
}

void AlertListView::showNotes(const QList<RuleNote> &notes)
{
    QStringList lines;
    for (const RuleNote &note : notes)
        lines << QStringLiteral("Note on %1: %2").arg(note.ruleId, note.text);
    m_notes->setText(lines.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
}

void AlertListView::follow(const AlertEngine &engine)
{
    m_alerts = engine.history();
    rebuild();
    showNotes(engine.ruleNotes());
    connect(&engine, &AlertEngine::alertFired, this, &AlertListView::showAlert);
    connect(&engine, &AlertEngine::alertResolved, this, &AlertListView::showAlert);
    connect(&engine, &AlertEngine::alertUpdated, this, &AlertListView::showAlert);
}

void AlertListView::showAlert(const Alert &alert)
{
    auto same = std::find_if(m_alerts.begin(), m_alerts.end(), [&alert](const Alert &known) {
        return known.ruleId == alert.ruleId && known.firedAt == alert.firedAt &&
               known.source == alert.source;
    });
    if (same != m_alerts.end())
        *same = alert;
    else
        m_alerts << alert;
    rebuild();
}

void AlertListView::rebuild()
{
    QList<Alert> ordered = m_alerts;
    std::stable_sort(ordered.begin(), ordered.end(), [](const Alert &a, const Alert &b) {
        if (a.isActive() != b.isActive())
            return a.isActive();
        return a.firedAt > b.firedAt;
    });
    m_tree->clear();
    for (const Alert &alert : ordered) {
        auto *item = new QTreeWidgetItem(
            m_tree,
            {severityName(alert.severity), alert.title.isEmpty() ? alert.ruleId : alert.title,
             alert.message, timeText(alert.firedAt), timeText(alert.resolvedAt),
             sourceName(alert.source)});
        item->setData(RuleColumn, Qt::UserRole, alert.ruleId);
        item->setToolTip(MessageColumn, alert.message);
        const QColor colour = alert.severity == AlertSeverity::P1 ? QColor(0xe5, 0x39, 0x35)
                                                                  : QColor(0xff, 0xb3, 0x00);
        item->setBackground(SeverityColumn, alert.isActive() ? colour : QColor(0xe0, 0xe0, 0xe0));
        item->setForeground(SeverityColumn, Qt::black);
        if (!alert.isActive()) {
            for (int column = RuleColumn; column <= SourceColumn; ++column)
                item->setForeground(column, QColor(0x75, 0x75, 0x75));
        }
    }
}

} // namespace golive
