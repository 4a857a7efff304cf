#pragma once

#include "src/traffic/TrafficHistoryReader.h"

#include <QObject>
#include <QTimer>

namespace golive {

class LatencyChartsPanel;
class PrometheusClient;
class RolloutController;

// Feeds the latency charts the canary's and stable's P95 per endpoint from Prometheus
// (query_range over the charts' range) while a canary is out: chat on the chat chart, embed and
// rerank on the embed/rerank chart, beside the probe lines, under the same gate lines and canary
// band. The versions come from the rollout's snapshots (their pods); without a canary the lines
// are emptied and leave the legend.
class TrafficChartFeed : public QObject {
    Q_OBJECT
public:
    static constexpr int refreshMs = 15'000;

    TrafficChartFeed(PrometheusClient &prometheus, RolloutController &rollout,
                     LatencyChartsPanel &charts, QObject *parent = nullptr);

    // Reads now (a read in progress is left to finish).
    void refresh();
    const QList<VersionSelector> &versions() const { return m_versions; }

Q_SIGNALS:
    void shown(const QList<golive::TrafficHistory> &history);

private:
    void show(const QList<TrafficHistory> &history);

    RolloutController &m_rollout;
    LatencyChartsPanel &m_charts;
    TrafficHistoryReader m_reader;
    QTimer m_timer;
    QList<VersionSelector> m_versions;
    int m_ticks = 0;
};

} // namespace golive
