#include "src/metrics/AlertEngine.h"

#include "src/metrics/AlertRule.h"
#include "src/metrics/MetricsStore.h"

#include <algorithm>
#include <utility>

namespace golive {

AlertEngine::AlertEngine(const MetricsStore &store, AlertThresholds thresholds,
                         AlertSources sources, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_thresholds(std::move(thresholds)),
      m_sources(std::move(sources)), m_clock(clock)
{
    connect(&store, &MetricsStore::sampleRecorded, this, &AlertEngine::evaluate);
}

void AlertEngine::setThresholds(const AlertThresholds &thresholds)
{
    m_thresholds = thresholds;
}

void AlertEngine::setSources(const AlertSources &sources)
{
    m_sources = sources;
}

void AlertEngine::setResolveHold(const ResolveHold &hold)
{
    m_hold = hold;
}

namespace {

// Which newest samples keep an alert from resolving: the failures its rule counts.
bool failsTheRulesWay(const QString &ruleId, FailureKind failure)
{
    if (failure == FailureKind::Ok)
        return false;
    if (ruleId == QLatin1String(ruleid::cohereUnreachable))
        return outcomeOf(failure) == Outcome::Down;
    if (ruleId == QLatin1String(ruleid::highErrorRate))
        return failure == FailureKind::Server5xx;
    if (ruleId == QLatin1String(ruleid::rateLimited))
        return failure == FailureKind::RateLimited;
    if (ruleId == QLatin1String(ruleid::authFailure))
        return failure == FailureKind::Auth;
    return false; // latency and budget: no probe is "down" for them
}

} // namespace

QStringList AlertEngine::failingProbes(const QString &ruleId) const
{
    QStringList names = ruleId == QLatin1String(ruleid::cohereUnreachable)
                            ? m_sources.healthProbes
                            : QStringList();
    if (names.isEmpty()) {
        for (const PricedProbe &probe : m_sources.cohereProbes)
            names << probe.probeName;
    }
    QStringList failing;
    for (const QString &name : std::as_const(names)) {
        const SampleSeries *series = m_store.series(name);
        const std::optional<Sample> last = series ? series->last() : std::nullopt;
        if (last && failsTheRulesWay(ruleId, last->failure))
            failing << name;
    }
    return failing;
}

bool AlertEngine::mayResolve(const QString &ruleId, Holding &holding, const QDateTime &now)
{
    // Never while a probe that raised it is still failing the rule's way: the hold starts only
    // once they have all recovered.
    if (m_hold.waitForRaisingProbes) {
        const QStringList stillFailing = failingProbes(ruleId);
        const bool raiserDown =
            std::any_of(holding.raisingProbes.cbegin(), holding.raisingProbes.cend(),
                        [&](const QString &probe) { return stillFailing.contains(probe); });
        if (raiserDown) {
            holding.falseEvaluations = 0;
            holding.falseSince = {};
            return false;
        }
    }
    if (holding.falseEvaluations++ == 0)
        holding.falseSince = now;
    return holding.falseEvaluations >= m_hold.evaluations &&
           holding.falseSince.msecsTo(now) >= m_hold.minimumMs;
}

void AlertEngine::evaluate()
{
    const QDateTime now = m_clock.nowUtc();
    const AlertContext context{m_store, m_thresholds, m_sources, now, now.toMSecsSinceEpoch()};
    for (const AlertRule &rule : AlertRule::all()) {
        const QString id = QString::fromLatin1(rule.id);
        const std::optional<QString> firing = rule.check(context);
        const auto active = m_active.find(id);
        if (firing && active == m_active.end()) {
            const Alert alert{id, rule.severity, QString::fromLatin1(rule.title), *firing, now, {}};
            m_active.insert(id, alert);
            m_holding.insert(id, Holding{0, {}, failingProbes(id)});
            remember(alert);
            Q_EMIT alertFired(alert);
        } else if (firing) {
            Holding &holding = m_holding[id];
            holding.falseEvaluations = 0;
            holding.falseSince = {};
            for (const QString &probe : failingProbes(id)) {
                if (!holding.raisingProbes.contains(probe))
                    holding.raisingProbes << probe;
            }
            if (active->message != *firing) {
                active->message = *firing;
                updateInHistory(*active);
                Q_EMIT alertUpdated(*active);
            }
        } else if (active != m_active.end() && mayResolve(id, m_holding[id], now)) {
            Alert alert = *active;
            m_active.erase(active);
            m_holding.remove(id);
            alert.resolvedAt = now;
            updateInHistory(alert);
            Q_EMIT alertResolved(alert);
        }
    }
}

void AlertEngine::reportExternal(const QString &ruleId, AlertSource source,
                                 const std::optional<QString> &firingMessage)
{
    const auto rule = std::find_if(AlertRule::all().cbegin(), AlertRule::all().cend(),
                                   [&ruleId](const AlertRule &r) {
                                       return ruleId == QLatin1String(r.id);
                                   });
    if (rule == AlertRule::all().cend())
        return;
    const auto key = std::pair{ruleId, source};
    const auto active = m_external.find(key);
    const QDateTime now = m_clock.nowUtc();
    if (firingMessage && active == m_external.end()) {
        Alert alert{ruleId, rule->severity, QString::fromLatin1(rule->title), *firingMessage, now,
                    {}};
        alert.source = source;
        m_external.insert(key, alert);
        remember(alert);
        Q_EMIT alertFired(alert);
    } else if (firingMessage) {
        if (active->message != *firingMessage) {
            active->message = *firingMessage;
            updateInHistory(*active);
            Q_EMIT alertUpdated(*active);
        }
    } else if (active != m_external.end()) {
        Alert alert = *active;
        m_external.erase(active);
        alert.resolvedAt = now;
        updateInHistory(alert);
        Q_EMIT alertResolved(alert);
    }
}

void AlertEngine::updateInHistory(const Alert &alert)
{
    for (auto it = m_history.rbegin(); it != m_history.rend(); ++it) {
        if (it->ruleId == alert.ruleId && it->firedAt == alert.firedAt &&
            it->source == alert.source) {
            *it = alert;
            return;
        }
    }
}

QList<Alert> AlertEngine::holdingNow() const
{
    const QDateTime now = m_clock.nowUtc();
    const AlertContext context{m_store, m_thresholds, m_sources, now, now.toMSecsSinceEpoch()};
    QList<Alert> holding;
    for (const AlertRule &rule : AlertRule::all()) {
        const std::optional<QString> firing = rule.check(context);
        if (!firing)
            continue;
        const QString id = QString::fromLatin1(rule.id);
        const Alert alert{id, rule.severity, QString::fromLatin1(rule.title), *firing, now, {}};
        holding.append(alert);
    }
    return holding;
}

void AlertEngine::remember(const Alert &alert)
{
    m_history.append(alert);
    while (m_history.size() > maxHistory) {
        const auto resolved = std::find_if(m_history.begin(), m_history.end(),
                                           [](const Alert &a) { return !a.isActive(); });
        if (resolved == m_history.end())
            break;
        m_history.erase(resolved);
    }
}

QList<Alert> AlertEngine::activeAlerts() const
{
    QList<Alert> alerts;
    for (const AlertRule &rule : AlertRule::all()) {
        const QString id = QString::fromLatin1(rule.id);
        const auto it = m_active.constFind(id);
        if (it != m_active.constEnd())
            alerts.append(*it);
        const auto external = m_external.constFind(std::pair{id, AlertSource::Prometheus});
        if (external != m_external.constEnd())
            alerts.append(*external);
    }
    return alerts;
}

QList<Alert> AlertEngine::history() const
{
    return m_history;
}

QList<RuleNote> AlertEngine::ruleNotes() const
{
    return AlertRule::notes(m_thresholds, m_sources);
}

} // namespace golive
