#pragma once

#include "src/common/Clock.h"
#include "src/config/AlertThresholds.h"
#include "src/metrics/Alert.h"
#include "src/metrics/AlertSources.h"

#include <QList>
#include <QMap>
#include <QObject>

#include <optional>
#include <utility>

namespace golive {

class MetricsStore;

// Watches the MetricsStore with the seed's six rules (AlertRule::all()) and reports each alert
// exactly once when its condition starts and once when it ends. While it is active its message
// follows the samples (alertUpdated).
//
// An alert does not flap: it resolves only once its condition has been false for the resolve
// hold (Gatus' success threshold: a number of evaluations in a row and at least a duration, one
// probe interval in the console), and never while a probe that made it fire still fails the way
// that raised it (a 5xx for the error rate, a 429 for rate limiting, any failure for the health
// checks). A condition that comes back within the hold keeps the same alert.
//
// It evaluates by itself after every recorded sample. Conditions that end with time alone (a
// window emptying, the UTC day turning) need evaluate() on a timer too; that timer belongs to the
// wiring, so tests can drive time with a fake Clock.
// How long a condition must stay false before its alert resolves.
struct ResolveHold {
    int evaluations = 2;           // false this many evaluations in a row
    qint64 minimumMs = 0;          // and for at least this long since the first false one
    bool waitForRaisingProbes = true; // and none of the probes that raised it still failing

    // Resolves at the first false evaluation (the rule tests, which test conditions only).
    static ResolveHold immediate() { return {1, 0, false}; }
    bool operator==(const ResolveHold &) const = default;
};

class AlertEngine : public QObject {
    Q_OBJECT
public:
    // Enough for a long release day of flapping alerts; older resolved ones are dropped first.
    static constexpr qsizetype maxHistory = 1000;

    AlertEngine(const MetricsStore &store, AlertThresholds thresholds, AlertSources sources,
                const Clock &clock, QObject *parent = nullptr);

    void setThresholds(const AlertThresholds &thresholds);
    void setSources(const AlertSources &sources);
    void setResolveHold(const ResolveHold &hold);
    ResolveHold resolveHold() const { return m_hold; }

    // Checks every rule now: emits alertFired for conditions that began, alertResolved for those
    // that ended, nothing for those unchanged.
    void evaluate();

    QList<Alert> activeAlerts() const; // in the seed's rule order
    QList<Alert> history() const;      // every alert fired, oldest first, resolved ones included
    // The alerts whose conditions hold now, worded from the samples as they are now, in the seed's
    // rule order; fires and resolves nothing. For a one-shot verdict (`golive check`), where an
    // alert's words from the moment it fired would describe fewer samples.
    QList<Alert> holdingNow() const;
    // The same rule decided elsewhere (Prometheus on real traffic): `firingMessage` fires the
    // rule's alert from that source (or updates its message), nullopt resolves it at once. Kept
    // apart from the probes' alert of the same rule; both are in activeAlerts() and history().
    void reportExternal(const QString &ruleId, AlertSource source,
                        const std::optional<QString> &firingMessage);

    // What people must know about the rules as configured (AlertRule::notes).
    QList<RuleNote> ruleNotes() const;

Q_SIGNALS:
    void alertFired(const golive::Alert &alert);
    void alertResolved(const golive::Alert &alert);
    // An active alert's message changed (the numbers moved); same rule and firedAt.
    void alertUpdated(const golive::Alert &alert);

private:
    // What the engine keeps about an active alert beyond the alert itself.
    struct Holding {
        int falseEvaluations = 0;
        QDateTime falseSince;       // the first false evaluation of the current streak
        QStringList raisingProbes;  // failing the rule's way when the condition last held
    };

    void remember(const Alert &alert);
    void updateInHistory(const Alert &alert);
    // The probes a rule reads whose newest sample fails the way the rule counts.
    QStringList failingProbes(const QString &ruleId) const;
    bool mayResolve(const QString &ruleId, Holding &holding, const QDateTime &now);

    const MetricsStore &m_store;
    AlertThresholds m_thresholds;
    AlertSources m_sources;
    const Clock &m_clock;
    QMap<QString, Alert> m_active; // by rule id
    QMap<std::pair<QString, AlertSource>, Alert> m_external; // reportExternal()'s active ones
    QMap<QString, Holding> m_holding; // by rule id, for the active ones
    ResolveHold m_hold;
    QList<Alert> m_history;
};

} // namespace golive
