#include "ui/health/HealthPanel.h"

#include "ui/health/HealthTile.h"
#include "src/metrics/MetricsStore.h"

#include <QGridLayout>

namespace golive {

namespace {
constexpr int tilesPerRow = 3;
}

HealthPanel::HealthPanel(const MetricsStore &metrics, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_metrics(metrics), m_clock(clock), m_grid(new QGridLayout(this))
{
    setObjectName(QStringLiteral("healthPanel"));
    connect(&metrics, &MetricsStore::sampleRecorded, this,
            [this](const QString &probeName, const Sample &) { refreshP95(probeName); });
}

void HealthPanel::setProbes(const QList<ProbeSpec> &specs)
{
    qDeleteAll(m_tiles);
    m_tiles.clear();
    int index = 0;
    for (const ProbeSpec &spec : specs) {
        auto *tile = new HealthTile(spec.name, this);
        m_grid->addWidget(tile, index / tilesPerRow, index % tilesPerRow);
        m_tiles.insert(spec.name, tile);
        refreshP95(spec.name);
        ++index;
    }
    m_grid->setRowStretch(m_grid->rowCount(), 1);
}

void HealthPanel::showResult(const ProbeResult &result)
{
    if (HealthTile *tile = m_tiles.value(result.name)) {
        tile->showResult(result);
        refreshP95(result.name);
    }
}

void HealthPanel::refreshP95(const QString &probeName)
{
    HealthTile *tile = m_tiles.value(probeName);
    if (!tile)
        return;
    const SampleSeries *series = m_metrics.series(probeName);
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    tile->showP95(series ? series->percentile(95, now - p95WindowMs, now) : std::nullopt);
}

} // namespace golive
