#include "ui/charts/LatencyChartsPanel.h"
#include "FakeClock.h"
#include "QStringPrinter.h"
#include "ui/charts/LatencyChartView.h"
#include "src/metrics/MetricsStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>

#include <gtest/gtest.h>

using namespace golive;

TEST(LatencyChartsPanel, ShowsOneChartPerProbeFamily)
{
    test::FakeClock clock;
    MetricsStore store;
    LatencyChartsPanel panel(store, GateThresholds{}, AlertThresholds{}, clock);
    ASSERT_EQ(panel.charts().size(), 3);
    EXPECT_EQ(panel.chatChart()->spec().probes.size(), 1);
    EXPECT_EQ(panel.embedRerankChart()->spec().probes.size(), 2);
    // The team's endpoint through the load balancer, and each pod's through the API server, one
    // series per version of the rollout.
    QStringList health;
    for (const LatencyChartSpec::Probe &probe : panel.healthChart()->spec().probes)
        health << probe.probeName + QLatin1Char('=') + probe.label;
    EXPECT_EQ(health, (QStringList{"health-production=production", "health-staging=staging",
                                   "pod-health-canary=canary", "pod-health-stable=stable"}));
}

TEST(LatencyChartsPanel, SharedControlsDriveEveryChart)
{
    test::FakeClock clock;
    MetricsStore store;
    LatencyChartsPanel panel(store, GateThresholds{}, AlertThresholds{}, clock);

    auto *range = panel.findChild<QComboBox *>("rangeSelector");
    ASSERT_NE(range, nullptr);
    range->setCurrentIndex(range->findText("1 h"));
    for (LatencyChartView *chart : panel.charts())
        EXPECT_EQ(chart->range(), ChartRange::OneHour);

    auto *pause = panel.findChild<QPushButton *>("pauseButton");
    pause->click();
    for (LatencyChartView *chart : panel.charts())
        EXPECT_TRUE(chart->isPaused());
    EXPECT_EQ(pause->text(), "Resume");
    pause->click();
    for (LatencyChartView *chart : panel.charts())
        EXPECT_FALSE(chart->isPaused());

    auto *zoom = panel.findChild<QPushButton *>("zoomCanaryButton");
    EXPECT_FALSE(zoom->isEnabled()) << "nothing to zoom to before a canary starts";
    panel.setCanaryWindow(clock.nowUtc(), clock.nowUtc().addSecs(600));
    EXPECT_TRUE(zoom->isEnabled());
}

TEST(LatencyChartsPanel, GateLinesFollowTheProfile)
{
    test::FakeClock clock;
    MetricsStore store;
    GateThresholds gates;
    gates.embedP95Ms = 400;
    gates.rerankP95Ms = 800;
    LatencyChartsPanel panel(store, gates, AlertThresholds{}, clock);
    const auto &thresholds = panel.embedRerankChart()->spec().thresholds;
    ASSERT_EQ(thresholds.size(), 2);
    EXPECT_EQ(thresholds[0].ms, 400);
    EXPECT_EQ(thresholds[1].ms, 800);
}
