#pragma once

#include "src/common/Clock.h"
#include "src/config/AlertThresholds.h"
#include "src/metrics/Alert.h"
#include "src/metrics/AlertSources.h"

#include <QList>
#include <QMap>
#include <QObject>

namespace golive {

class MetricsStore;

// Watches the MetricsStore with the seed's six rules (AlertRule::all()) and reports each alert
// exactly once when its condition starts and once when it ends.
//
// It evaluates by itself after every recorded sample. Conditions that end with time alone (a
// window emptying, the UTC day turning) need evaluate() on a timer too; that timer belongs to the
// wiring, so tests can drive time with a fake Clock.
class AlertEngine : public QObject {
    Q_OBJECT
public:
    // Enough for a long release day of flapping alerts; older resolved ones are dropped first.
    static constexpr qsizetype maxHistory = 1000;

    AlertEngine(const MetricsStore &store, AlertThresholds thresholds, AlertSources sources,
                const Clock &clock, QObject *parent = nullptr);

    void setThresholds(const AlertThresholds &thresholds);
    void setSources(const AlertSources &sources);

    // Checks every rule now: emits alertFired for conditions that began, alertResolved for those
    // that ended, nothing for those unchanged.
    void evaluate();

    QList<Alert> activeAlerts() const; // in the seed's rule order
    QList<Alert> history() const;      // every alert fired, oldest first, resolved ones included
    // The alerts whose conditions hold now, worded from the samples as they are now, in the seed's
    // rule order; fires and resolves nothing. For a one-shot verdict (`golive check`), where an
    // alert's words from the moment it fired would describe fewer samples.
    QList<Alert> holdingNow() const;
    // What people must know about the rules as configured (AlertRule::notes).
    QList<RuleNote> ruleNotes() const;

Q_SIGNALS:
    void alertFired(const golive::Alert &alert);
    void alertResolved(const golive::Alert &alert);

private:
    void remember(const Alert &alert);

    const MetricsStore &m_store;
    AlertThresholds m_thresholds;
    AlertSources m_sources;
    const Clock &m_clock;
    QMap<QString, Alert> m_active; // by rule id
    QList<Alert> m_history;
};

} // namespace golive
