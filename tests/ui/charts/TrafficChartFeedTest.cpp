// The latency charts' canary and stable lines from a real Prometheus: per-pod series in the
// documented metric names, the versions selected by their pods as the rollout's snapshot names
// them, P95 per endpoint from query_range drawn beside the probe lines.
#include "ui/charts/TrafficChartFeed.h"
#include "CohereTrafficExporter.h"
#include "FakeClock.h"
#include "RealPrometheus.h"
#include "src/metrics/MetricsStore.h"
#include "src/rollout/RolloutController.h"
#include "src/rollout/RunbookLoader.h"
#include "src/traffic/PrometheusClient.h"
#include "ui/charts/LatencyChartView.h"
#include "ui/charts/LatencyChartsPanel.h"

#include <QLineSeries>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;
using test::CohereTrafficExporter;
using test::PodTraffic;
using test::RealPrometheus;

namespace {

ReplicaSetView replicaSet(const QString &hash, int revision, bool current, const QStringList &pods)
{
    ReplicaSetView rs;
    rs.name = QStringLiteral("app-") + hash;
    rs.templateHash = hash;
    rs.revision = revision;
    rs.current = current;
    rs.desired = int(pods.size());
    rs.ready = int(pods.size());
    for (const QString &name : pods) {
        PodView pod;
        pod.name = name;
        pod.templateHash = hash;
        pod.phase = QStringLiteral("Running");
        pod.ready = true;
        rs.pods << pod;
    }
    return rs;
}

double lastValue(LatencyChartView *chart, const QString &id)
{
    QLineSeries *line = chart->trafficSeries(id);
    return line && !line->points().isEmpty() ? line->points().last().y() : -1.0;
}

} // namespace

TEST(TrafficChartFeedTest, CanaryAndStableP95FromPrometheusAreDrawnOnTheLatencyCharts)
{
    const QStringList stablePods{QStringLiteral("app-5b4f6-aaaaa"),
                                 QStringLiteral("app-5b4f6-bbbbb")};
    const QString canaryPod = QStringLiteral("app-7c9d8-ccccc");
    CohereTrafficExporter exporter;
    ASSERT_TRUE(exporter.listen());
    PodTraffic normal;
    normal.chatOk = 10;
    normal.chatLatencyS = 0.2;
    normal.embedOk = 5;
    for (const QString &pod : stablePods)
        exporter.setPod(pod, normal);
    PodTraffic slow = normal;
    slow.chatLatencyS = 2.0; // the canary's chat calls take 2 s
    exporter.setPod(canaryPod, slow);
    RealPrometheus prometheus;
    QString error;
    ASSERT_TRUE(prometheus.start({exporter.target()}, {}, &error)) << error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return exporter.scrapes() >= 4; }, 60'000))
        << prometheus.log().toStdString();
    ASSERT_TRUE(prometheus.waitForValue(
        QStringLiteral("count(count_over_time(cohere_requests_total[5m]) >= 3)"), 1, 30'000));

    Profile profile; // no deployment: the snapshot below stands for the cluster's answer
    profile.prometheus.url = prometheus.url();
    MetricsStore store;
    RolloutController rollout(profile, RunbookLoader::bundledDefault().value(), store,
                              [] { return QList<Alert>(); });
    LatencyChartsPanel charts(store, profile.gates, profile.alerts);
    charts.resize(1100, 900);
    charts.show();
    QNetworkAccessManager network;
    PrometheusClient client(network, profile.prometheus);
    TrafficChartFeed feed(client, rollout, charts);
    QSignalSpy shown(&feed, &TrafficChartFeed::shown);

    RolloutSnapshot snapshot;
    snapshot.name = QStringLiteral("app");
    snapshot.namespaceName = QStringLiteral("shop");
    snapshot.replicaSets = {replicaSet(QStringLiteral("7c9d8"), 7, true, {canaryPod}),
                            replicaSet(QStringLiteral("5b4f6"), 6, false, stablePods)};
    Q_EMIT rollout.snapshotRead(snapshot);
    ASSERT_EQ(feed.versions().size(), 2);
    ASSERT_TRUE(shown.wait(30'000));

    // Every chat call of the canary took 2 s: its P95 interpolates in the (1 s, 2.5 s] bucket;
    // stable's in (0.1 s, 0.25 s].
    EXPECT_NEAR(lastValue(charts.chatChart(), QStringLiteral("traffic/canary/chat")), 2425, 1);
    EXPECT_NEAR(lastValue(charts.chatChart(), QStringLiteral("traffic/stable/chat")), 242.5, 1);
    EXPECT_GT(lastValue(charts.embedRerankChart(), QStringLiteral("traffic/canary/embed")), 0);
    EXPECT_GT(lastValue(charts.embedRerankChart(), QStringLiteral("traffic/stable/embed")), 0);
    // Neither version calls rerank: no line, and no legend entry for it.
    EXPECT_EQ(lastValue(charts.embedRerankChart(), QStringLiteral("traffic/canary/rerank")), -1.0);
    EXPECT_FALSE(charts.embedRerankChart()->legendNames().contains(
        QStringLiteral("canary rerank P95 (Prometheus)")));
    EXPECT_TRUE(charts.chatChart()->legendNames().contains(
        QStringLiteral("canary chat P95 (Prometheus)")));
    if (const QByteArray dir = qgetenv("GOLIVE_PANEL_PNG_DIR"); !dir.isEmpty()) {
        // Let the charts' pending layout and scene updates run so the picture shows the lines.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        (void)charts.exportPng(QString::fromLocal8Bit(dir) +
                               QStringLiteral("/latency-canary-vs-stable.png"));
    }

    // The rollout completes: no canary, the lines empty out.
    RolloutSnapshot done = snapshot;
    done.replicaSets.removeLast();
    Q_EMIT rollout.snapshotRead(done);
    EXPECT_TRUE(feed.versions().isEmpty());
    EXPECT_EQ(lastValue(charts.chatChart(), QStringLiteral("traffic/canary/chat")), -1.0);
}
