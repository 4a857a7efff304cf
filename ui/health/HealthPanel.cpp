#include "ui/health/HealthPanel.h"

#include "src/metrics/MetricsStore.h"
#include "ui/health/HealthTile.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace golive {

namespace {
constexpr int tilesPerRow = 3;
}

HealthPanel::HealthPanel(const MetricsStore &metrics, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_metrics(metrics), m_clock(clock), m_grid(new QGridLayout),
      m_planWarnings(new QLabel(this))
{
    setObjectName(QStringLiteral("healthPanel"));
    m_planWarnings->setObjectName(QStringLiteral("planWarnings"));
    m_planWarnings->setWordWrap(true);
    m_planWarnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planWarnings->setAutoFillBackground(true);
    m_planWarnings->setMargin(6);
    QPalette palette = m_planWarnings->palette();
    palette.setColor(QPalette::Window, QColor(0xff, 0xec, 0xb3));
    palette.setColor(QPalette::WindowText, Qt::black);
    m_planWarnings->setPalette(palette);
    m_planWarnings->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_planWarnings);
    layout->addLayout(m_grid, 1);
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

void HealthPanel::setPlanWarnings(const QStringList &warnings)
{
    QStringList lines;
    for (const QString &warning : warnings)
        lines << QStringLiteral("⚠ ") + warning;
    m_planWarnings->setText(lines.join(QLatin1Char('\n')));
    m_planWarnings->setVisible(!warnings.isEmpty());
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
