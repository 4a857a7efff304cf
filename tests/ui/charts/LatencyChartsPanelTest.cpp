#include "ui/charts/LatencyChartsPanel.h"
#include "FakeClock.h"
#include "QStringPrinter.h"
#include "ui/charts/LatencyChartView.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"
#include "ScreenshotSaver.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QComboBox>

#include <cmath>
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

namespace {

Sample failedAt(qint64 atMs, FailureKind failure, qint16 status)
{
    Sample s;
    s.atMs = atMs;
    s.latencyMs = 300;
    s.failure = failure;
    s.outcome = outcomeOf(failure);
    s.httpStatus = status;
    return s;
}

} // namespace

// At 1280×900 every legend entry is shown in full, each once, also one that appears later (the
// 429s of a burst), and none is drawn over another. The picture (the README's) shows the hour
// view after a restart: the samples recorded before it, loaded from the record, then live ones
// with a gap of failures.
TEST(LatencyChartsPanel, EveryLegendEntryIsReadableAt1280x900)
{
    test::FakeClock clock;
    MetricsStore store;
    LatencyChartsPanel panel(store, GateThresholds{}, AlertThresholds{}, clock);
    panel.resize(1280, 820); // what the Latency tab gets of a 1280×900 window
    panel.show();
    panel.setRange(ChartRange::OneHour);
    const qint64 now = clock.nowUtc().toMSecsSinceEpoch();
    const qint64 restart = now - 20 * 60'000;
    const auto wave = [](qint64 at, double base) {
        return base * (1.0 + 0.3 * std::sin(double(at) / 97'000.0)) + double(at / 1000 % 7) * 9.0;
    };
    const QString chatName = QString::fromLatin1(probename::cohereChat);
    const QString embed = QString::fromLatin1(probename::cohereEmbed);
    const QString rerank = QString::fromLatin1(probename::cohereRerank);
    const QString production = QString::fromLatin1(probename::healthProduction);
    const QString staging = QString::fromLatin1(probename::healthStaging);
    const std::pair<QString, double> probes[] = {
        {chatName, 1400}, {embed, 260}, {rerank, 180}, {production, 90}, {staging, 70}};
    // Live since the restart, every 15 s; embed answered 500 and then timed out for a minute.
    for (qint64 at = restart + 5'000; at <= now; at += 15'000) {
        for (const auto &[probe, base] : probes) {
            Sample s = failedAt(at, FailureKind::Ok, 200);
            s.latencyMs = wave(at, base);
            if (probe == embed && at > now - 9 * 60'000 && at < now - 8 * 60'000) {
                s = failedAt(at, at < now - 8 * 60'000 - 30'000 ? FailureKind::Server5xx
                                                                : FailureKind::Timeout,
                             at < now - 8 * 60'000 - 30'000 ? 500 : 0);
                s.latencyMs = s.failure == FailureKind::Timeout ? 2'000 : 120;
            }
            if (probe == production && at > now - 4 * 60'000 && at < now - 3 * 60'000) {
                s = failedAt(at, FailureKind::ReportedDegraded, 200);
                s.latencyMs = wave(at, base);
            }
            ASSERT_TRUE((store.record(probe, s)).ok());
        }
    }
    for (LatencyChartView *chart : panel.charts())
        chart->redraw();
    // The record of the 40 minutes before the restart arrives after the live samples.
    for (const auto &[probe, base] : probes) {
        std::vector<Sample> older;
        for (qint64 at = restart - 40 * 60'000; at < restart; at += 30'000) {
            Sample s = failedAt(at, FailureKind::Ok, 200);
            s.latencyMs = wave(at, base) * 1.1;
            older.push_back(s);
        }
        ASSERT_EQ(store.prependHistory(probe, older), qsizetype(older.size()));
    }
    // The 429 burst comes after the legend was first laid out.
    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE((store.record(rerank, failedAt(now - 2'000 + i, FailureKind::RateLimited, 429)))
                        .ok());
    for (LatencyChartView *chart : panel.charts())
        chart->redraw();
    QCoreApplication::sendPostedEvents();
    QApplication::processEvents();

    auto *legend = panel.findChild<QLabel *>(QStringLiteral("embedRerankChartLegend"));
    ASSERT_NE(legend, nullptr);
    const QStringList names = panel.embedRerankChart()->legendNames();
    for (const char *expected : {"embed", "embed P50", "embed P95", "rerank", "rerank P50",
                                 "rerank P95", "Gate: P95 under 500 ms", "429 rate limited",
                                 "5xx server error", "Timeout"})
        EXPECT_TRUE(names.contains(QLatin1String(expected))) << expected;
    const QString text = legend->text();
    for (const QString &name : names) {
        const QString shown =
            name.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
        EXPECT_EQ(text.count(QStringLiteral("&nbsp;") + shown + QStringLiteral("</span>")), 1)
            << name.toStdString();
    }
    // Nothing cut off: the label is as tall as its wrapped text needs, and inside the panel.
    EXPECT_TRUE(legend->isVisible());
    EXPECT_GE(legend->height(), legend->heightForWidth(legend->width()));
    EXPECT_LE(legend->geometry().bottom(), panel.height());
    EXPECT_GE(panel.embedRerankChart()->height(), 150);
    // The health chart names the 200s that reported Cohere degraded as what they were.
    EXPECT_TRUE(panel.healthChart()->legendNames().contains(
        QStringLiteral("Reported degraded or down")));
    EXPECT_FALSE(panel.healthChart()->legendNames().contains(QStringLiteral("5xx server error")));
    golive::test::savePicture(panel, "latency.png");
}
