#pragma once

#include "src/common/Clock.h"
#include "src/metrics/Sample.h"
#include "src/probes/ProbeResult.h"
#include "src/probes/ProbeSpec.h"

#include <QMap>
#include <QWidget>

class QGridLayout;

namespace golive {

class HealthTile;
class MetricsStore;

// A tile per probe. Fed by ProbeScheduler::probeFinished (showResult) and refreshes a probe's
// five-minute P95 from the MetricsStore whenever it records a sample for it.
class HealthPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 p95WindowMs = 5 * 60 * 1000;

    HealthPanel(const MetricsStore &metrics, const Clock &clock, QWidget *parent = nullptr);

    void setProbes(const QList<ProbeSpec> &specs);
    void showResult(const golive::ProbeResult &result);
    HealthTile *tile(const QString &probeName) const { return m_tiles.value(probeName); }

private:
    void refreshP95(const QString &probeName);

    const MetricsStore &m_metrics;
    const Clock &m_clock;
    QGridLayout *m_grid;
    QMap<QString, HealthTile *> m_tiles;
};

} // namespace golive
