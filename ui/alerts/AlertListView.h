#pragma once

#include "src/metrics/Alert.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace golive {

class AlertEngine;

// Active and resolved alerts: severity, rule, message, since, until. Active ones first, newest
// first within each group. Fed by AlertEngine::alertFired / alertResolved (or showAlert).
class AlertListView : public QWidget {
    Q_OBJECT
public:
    // Source: "probes" (golive's own) or "Prometheus" (the rule on the application's real traffic).
    enum Column { SeverityColumn, RuleColumn, MessageColumn, SinceColumn, UntilColumn, SourceColumn };

    explicit AlertListView(QWidget *parent = nullptr);

    // Shows the engine's history and follows its signals.
    void follow(const AlertEngine &engine);
    // Adds the alert, or updates the one with the same rule and firing time (resolution).
    void showAlert(const golive::Alert &alert);

    QTreeWidget *tree() const { return m_tree; }
    // What the rules cannot see (AlertEngine::ruleNotes), under the list; hidden if none.
    QLabel *notes() const { return m_notes; }
    void showNotes(const QList<golive::RuleNote> &notes);
    QList<Alert> alerts() const { return m_alerts; }

private:
    void rebuild();

    QTreeWidget *m_tree;
    QLabel *m_notes;
    QList<Alert> m_alerts;
};

} // namespace golive
