#include "ui/charts/TrafficChartFeed.h"

#include "src/rollout/CanaryComparison.h"
#include "src/rollout/RolloutController.h"
#include "ui/charts/LatencyChartView.h"
#include "ui/charts/LatencyChartsPanel.h"

#include <algorithm>

namespace golive {

namespace {

const QColor canaryColour(0xe6, 0x51, 0x00);
const QColor stableColour(0x00, 0x89, 0x7b);

} // namespace

TrafficChartFeed::TrafficChartFeed(PrometheusClient &prometheus, RolloutController &rollout,
                                   LatencyChartsPanel &charts, QObject *parent)
    : QObject(parent), m_rollout(rollout), m_charts(charts), m_reader(prometheus)
{
    connect(&m_reader, &TrafficHistoryReader::finished, this, &TrafficChartFeed::show);
    connect(&m_rollout, &RolloutController::snapshotRead, this,
            [this](const Result<RolloutSnapshot> &snapshot) {
                if (!snapshot)
                    return; // the last known versions stay until the cluster answers again
                const auto versions = CanaryComparison::trafficVersions(snapshot.value());
                const bool changed = versions != m_versions;
                m_versions = versions;
                if (changed)
                    refresh();
            });
    m_timer.setInterval(refreshMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // The cluster is asked about once a minute: a canary appears without anyone opening
        // the Rollout tab.
        if (m_ticks++ % 4 == 0 && m_rollout.hasDeployment())
            m_rollout.refreshSnapshot();
        refresh();
    });
    m_timer.start();
}

void TrafficChartFeed::refresh()
{
    if (m_versions.isEmpty()) {
        show({});
        return;
    }
    if (m_reader.isRunning())
        return;
    const qint64 rangeMs = chartRangeMs(m_charts.chatChart()->range());
    const QDateTime to = QDateTime::currentDateTimeUtc();
    // About 120 points across the chart, never finer than 5 s.
    const int stepS = int(std::max<qint64>(rangeMs / 1000 / 120, 5));
    m_reader.read(m_versions, to.addMSecs(-rangeMs), to, stepS);
}

void TrafficChartFeed::show(const QList<TrafficHistory> &history)
{
    // Every line is set, with no points when its version or endpoint has none.
    for (const QString &version : {QStringLiteral("canary"), QStringLiteral("stable")}) {
        for (const QString &endpoint :
             {QStringLiteral("chat"), QStringLiteral("embed"), QStringLiteral("rerank")}) {
            QList<QPointF> points;
            for (const TrafficHistory &h : history) {
                if (h.version == version && h.endpoint == endpoint) {
                    for (const auto &[atMs, ms] : h.pointsMs)
                        points.append(QPointF(double(atMs), ms));
                }
            }
            LatencyChartView *chart = endpoint == QLatin1String("chat") ? m_charts.chatChart()
                                                                         : m_charts.embedRerankChart();
            // Canary solid, stable dash-dot; rerank dotted beside embed on its shared chart.
            const Qt::PenStyle style = endpoint == QLatin1String("rerank") ? Qt::DotLine
                                       : version == QLatin1String("stable") ? Qt::DashDotLine
                                                                            : Qt::SolidLine;
            chart->setTrafficSeries(
                QStringLiteral("traffic/%1/%2").arg(version, endpoint),
                QStringLiteral("%1 %2 P95 (Prometheus)").arg(version, endpoint),
                version == QLatin1String("canary") ? canaryColour : stableColour,
                style, points);
        }
    }
    Q_EMIT shown(history);
}

} // namespace golive
