#include "src/metrics/AlertEngine.h"

#include "src/metrics/AlertRule.h"
#include "src/metrics/MetricsStore.h"

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
            remember(alert);
            Q_EMIT alertFired(alert);
        } else if (!firing && active != m_active.end()) {
            Alert alert = *active;
            m_active.erase(active);
            alert.resolvedAt = now;
            for (auto it = m_history.rbegin(); it != m_history.rend(); ++it) {
                if (it->ruleId == id && it->isActive()) {
                    it->resolvedAt = now;
                    break;
                }
            }
            Q_EMIT alertResolved(alert);
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
        const auto it = m_active.constFind(QString::fromLatin1(rule.id));
        if (it != m_active.constEnd())
            alerts.append(*it);
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
