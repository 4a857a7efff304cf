#pragma once

#include "src/common/Clock.h"
#include "src/metrics/Sample.h"
#include "src/probes/ProbeResult.h"
#include "src/probes/ProbeSpec.h"

#include <QMap>
#include <QWidget>

class QGridLayout;
class QLabel;

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
    // What the probe plan costs against an allowance (ProbeAllowance::warnings); hidden if none.
    void setPlanWarnings(const QStringList &warnings);
    QLabel *planWarnings() const { return m_planWarnings; }
    void showResult(const golive::ProbeResult &result);
    HealthTile *tile(const QString &probeName) const { return m_tiles.value(probeName); }

private:
    void refreshP95(const QString &probeName);

    const MetricsStore &m_metrics;
    const Clock &m_clock;
    QGridLayout *m_grid;
    QLabel *m_planWarnings;
    QMap<QString, HealthTile *> m_tiles;
};

} // namespace golive
