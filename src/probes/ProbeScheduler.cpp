#include "src/probes/ProbeScheduler.h"

#include "src/probes/ProbeRun.h"
#include "src/probes/ProbeRunner.h"

#include <QRandomGenerator>

namespace golive {

ProbeScheduler::ProbeScheduler(ProbeRunner &runner, QList<ProbeSpec> specs, RandomSource random,
                               QObject *parent)
    : QObject(parent), m_runner(runner), m_specs(std::move(specs)), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    for (const ProbeSpec &spec : std::as_const(m_specs)) {
        auto slot = std::make_unique<Slot>();
        slot->spec = spec;
        slot->timer = std::make_unique<QTimer>();
        slot->timer->setSingleShot(true);
        const QString name = spec.name;
        connect(slot->timer.get(), &QTimer::timeout, this, [this, name] { tick(name); });
        m_slots.push_back(std::move(slot));
    }
}

ProbeScheduler::~ProbeScheduler()
{
    for (auto &slot : m_slots) {
        if (slot->run) {
            slot->run->disconnect(this);
            slot->run->cancel();
        }
    }
}

void ProbeScheduler::start()
{
    m_started = true;
    m_paused = false;
    for (auto &slot : m_slots)
        schedule(*slot);
}

void ProbeScheduler::pause()
{
    m_paused = true;
    for (auto &slot : m_slots)
        slot->timer->stop();
}

void ProbeScheduler::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (!m_started)
        return;
    for (auto &slot : m_slots)
        schedule(*slot);
}

bool ProbeScheduler::isRunning(const QString &name) const
{
    const Slot *slot = slotFor(name);
    return slot && slot->run;
}

bool ProbeScheduler::probeNow(const QString &name)
{
    Slot *slot = slotFor(name);
    if (!slot || slot->run)
        return false;
    launch(*slot);
    return true;
}

void ProbeScheduler::probeAllNow()
{
    for (auto &slot : m_slots) {
        if (!slot->run)
            launch(*slot);
    }
}

void ProbeScheduler::tick(const QString &name)
{
    Slot *slot = slotFor(name);
    if (!slot)
        return;
    if (slot->run) {
        ++slot->skipped;
        Q_EMIT probeSkipped(name, slot->skipped);
    } else {
        launch(*slot);
    }
    if (m_started && !m_paused)
        schedule(*slot);
}

int ProbeScheduler::skippedCount(const QString &name) const
{
    const Slot *slot = slotFor(name);
    return slot ? slot->skipped : 0;
}

int ProbeScheduler::nextDelayMs(const QString &name) const
{
    const Slot *slot = slotFor(name);
    return slot && slot->timer->isActive() ? slot->timer->interval() : -1;
}

std::optional<ProbeResult> ProbeScheduler::lastResult(const QString &name) const
{
    const Slot *slot = slotFor(name);
    return slot ? slot->last : std::nullopt;
}

ProbeScheduler::Slot *ProbeScheduler::slotFor(const QString &name)
{
    for (auto &slot : m_slots) {
        if (slot->spec.name == name)
            return slot.get();
    }
    return nullptr;
}

const ProbeScheduler::Slot *ProbeScheduler::slotFor(const QString &name) const
{
    return const_cast<ProbeScheduler *>(this)->slotFor(name);
}

int ProbeScheduler::jitteredInterval(const ProbeSpec &spec)
{
    const double r = qBound(0.0, m_random(), 1.0);
    const double factor = 1.0 + (2.0 * r - 1.0) * jitterFraction;
    return qMax(1, int(qRound64(spec.intervalMs * factor)));
}

void ProbeScheduler::schedule(Slot &slot)
{
    slot.timer->start(jitteredInterval(slot.spec));
}

void ProbeScheduler::launch(Slot &slot)
{
    ProbeRun *run = m_runner.run(slot.spec);
    slot.run = run;
    connect(run, &ProbeRun::finished, this, &ProbeScheduler::onFinished);
    Q_EMIT probeStarted(slot.spec.name);
}

void ProbeScheduler::onFinished(const ProbeResult &result)
{
    Slot *slot = slotFor(result.name);
    if (!slot)
        return;
    slot->run = nullptr;
    const std::optional<ProbeResult> previous = slot->last;
    slot->last = result;
    Q_EMIT probeFinished(result);
    if (previous && previous->status != result.status)
        Q_EMIT probeStatusChanged(result.name, previous->status, result.status, result);
}

} // namespace golive
