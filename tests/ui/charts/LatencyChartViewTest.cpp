#include "ui/charts/LatencyChartView.h"
#include "FakeClock.h"
#include "QStringPrinter.h"
#include "ScreenshotSaver.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"
#include "ui/charts/EnvelopeItem.h"
#include "ui/charts/LatencyChartsPanel.h"
#include "ui/charts/PlotMapping.h"

#include <QAbstractButton>
#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <memory>

using namespace golive;

namespace {

const QString chat = QString::fromLatin1(probename::cohereChat);

Sample sampleAt(qint64 atMs, double latencyMs, FailureKind failure = FailureKind::Ok,
                qint16 status = 200)
{
    Sample s;
    s.atMs = atMs;
    s.latencyMs = latencyMs;
    s.failure = failure;
    s.outcome = outcomeOf(failure);
    s.httpStatus = status;
    return s;
}

class LatencyChartViewTest : public ::testing::Test {
protected:
    LatencyChartViewTest()
    {
        m_panel = std::make_unique<LatencyChartsPanel>(m_store, GateThresholds{}, AlertThresholds{},
                                                       m_clock);
        m_panel->resize(1000, 900);
        m_panel->show();
        m_chart = m_panel->chatChart();
    }

    qint64 nowMs() const { return m_clock.nowUtc().toMSecsSinceEpoch(); }

    // One chat sample a second for `seconds`, ending now.
    void feedChat(int seconds, double latencyMs = 400)
    {
        for (int i = seconds; i > 0; --i)
            ASSERT_TRUE(
                (m_store.record(chat, sampleAt(nowMs() - i * 1000, latencyMs + i % 7))).ok());
    }

    template <typename T = QXYSeries> T *series(LatencyChartView *view, const QString &name)
    {
        const auto all = view->chart()->series();
        for (QAbstractSeries *s : all) {
            if (s->objectName() == name)
                return qobject_cast<T *>(s);
        }
        return nullptr;
    }

    std::pair<qint64, qint64> axisRange(LatencyChartView *view)
    {
        return {view->timeAxis()->min().toMSecsSinceEpoch(),
                view->timeAxis()->max().toMSecsSinceEpoch()};
    }

    test::FakeClock m_clock;
    MetricsStore m_store;
    std::unique_ptr<LatencyChartsPanel> m_panel;
    LatencyChartView *m_chart = nullptr;
};

} // namespace

TEST_F(LatencyChartViewTest, ChatChartDrawsDecimatedSamplesPercentilesAndThresholds)
{
    m_panel->setRange(ChartRange::OneDay);
    for (int i = 86'400; i > 0; i -= 5)
        ASSERT_TRUE((m_store.record(chat, sampleAt(nowMs() - i * 1000, 300 + (i % 97)))).ok());
    m_chart->redraw();

    // The raw samples: each pixel column's fastest and slowest.
    const std::vector<Sample> &raw = m_chart->shownSamples(chat);
    EXPECT_GT(qsizetype(raw.size()), m_chart->columns());
    EXPECT_LE(qsizetype(raw.size()), 2 * (m_chart->columns() + 1));
    EXPECT_EQ(std::max_element(raw.begin(), raw.end(),
                               [](auto &a, auto &b) { return a.latencyMs < b.latencyMs; })
                  ->latencyMs,
              300 + 96);
    // The percentile lines: a point every few pixels.
    const qsizetype p95Points = series(m_chart, chat + "/p95")->count();
    EXPECT_GE(p95Points, m_chart->columns() / LatencyChartView::percentilePixelStep - 1);
    EXPECT_LE(p95Points, m_chart->columns() / LatencyChartView::percentilePixelStep + 2);
    EXPECT_EQ(series(m_chart, chat + "/p50")->count(), p95Points);
    // The raw layer has its own legend entry.
    auto *legend = series(m_chart, chat + "/raw");
    ASSERT_NE(legend, nullptr);
    EXPECT_EQ(m_chart->chart()->legend()->markers(legend).size(), 1);

    auto *gate = series(m_chart, "gate");
    auto *alert = series(m_chart, "alert");
    ASSERT_NE(gate, nullptr);
    ASSERT_NE(alert, nullptr);
    for (const QPointF &p : gate->points())
        EXPECT_EQ(p.y(), 5000);
    for (const QPointF &p : alert->points())
        EXPECT_EQ(p.y(), 10000);
    EXPECT_EQ(alert->pen().style(), Qt::DashLine);
    EXPECT_EQ(series(m_panel->embedRerankChart(), "gate")->points().first().y(), 500);
}

TEST_F(LatencyChartViewTest, NewSamplesRedrawOnceAfterAShortDelayNotPerSample)
{
    feedChat(10);
    m_chart->redraw();
    QSignalSpy replaced(series(m_chart, chat + "/p95"), &QXYSeries::pointsReplaced);
    m_clock.advanceSeconds(30);
    for (int i = 0; i < 30; ++i)
        ASSERT_TRUE((m_store.record(chat, sampleAt(nowMs() - 30'000 + i * 1000, 700))).ok());
    EXPECT_EQ(replaced.count(), 0) << "appending must not re-render at once";
    ASSERT_TRUE(QTest::qWaitFor([&] { return replaced.count() == 1; }, 2000)) << replaced.count();
    EXPECT_EQ(axisRange(m_chart).second, nowMs());
}

TEST_F(LatencyChartViewTest, RangeSwitchChangesTheTimeAxis)
{
    for (auto [range, ms] : {std::pair{ChartRange::FiveMinutes, 300'000LL},
                             std::pair{ChartRange::OneHour, 3'600'000LL},
                             std::pair{ChartRange::OneDay, 86'400'000LL}}) {
        m_panel->setRange(range);
        const auto [from, to] = axisRange(m_chart);
        EXPECT_EQ(to - from, ms);
        EXPECT_EQ(to, nowMs());
    }
}

TEST_F(LatencyChartViewTest, PausedViewStaysPutWhileSamplesArrive)
{
    feedChat(60);
    m_panel->setPaused(true);
    const auto before = axisRange(m_chart);
    m_clock.advanceSeconds(90);
    feedChat(90, 900);
    m_chart->redraw();
    EXPECT_EQ(axisRange(m_chart), before);
    EXPECT_EQ(m_store.series(chat)->size(), 150);

    m_panel->setPaused(false);
    EXPECT_EQ(axisRange(m_chart).second, nowMs());
}

TEST_F(LatencyChartViewTest, FailuresLandInTheirOwnMarkerSeries)
{
    feedChat(20);
    m_clock.advanceSeconds(10);
    const qint64 t = nowMs() - 5'000;
    ASSERT_TRUE((m_store.record(chat, sampleAt(t, 80, FailureKind::RateLimited, 429))).ok());
    ASSERT_TRUE((m_store.record(chat, sampleAt(t + 1, 120, FailureKind::RateLimited, 429))).ok());
    ASSERT_TRUE((m_store.record(chat, sampleAt(t + 2, 300, FailureKind::Server5xx, 503))).ok());
    ASSERT_TRUE((m_store.record(chat, sampleAt(t + 3, 20'000, FailureKind::Timeout, 0))).ok());
    ASSERT_TRUE((m_store.record(chat, sampleAt(t + 4, 5, FailureKind::Network, 0))).ok());
    m_chart->redraw();
    QApplication::processEvents(); // lays out the plot area that hovering maps into

    auto *rateLimited = series<QScatterSeries>(m_chart, "failures/429");
    ASSERT_NE(rateLimited, nullptr);
    EXPECT_EQ(rateLimited->points(), (QList<QPointF>{{double(t), 80}, {double(t + 1), 120}}));
    EXPECT_EQ(rateLimited->markerShape(), QScatterSeries::MarkerShapeTriangle);
    EXPECT_EQ(series(m_chart, "failures/5xx")->points(), (QList<QPointF>{{double(t + 2), 300}}));
    EXPECT_EQ(series(m_chart, "failures/timeout")->points(),
              (QList<QPointF>{{double(t + 3), 20'000}}));
    EXPECT_EQ(series(m_chart, "failures/other")->points(), (QList<QPointF>{{double(t + 4), 5}}));
    // Failures are markers, not part of the latency line.
    for (const Sample &s : m_chart->shownSamples(chat))
        EXPECT_EQ(s.failure, FailureKind::Ok);
    // Each kind has its own legend entry.
    EXPECT_EQ(m_chart->chart()->legend()->markers(rateLimited).size(), 1);

    // Hovering a marker names it; a few pixels off still finds it; empty space shows nothing.
    const QPointF marker = m_chart->positionOf(t + 1, 120);
    const QString tip = m_chart->tooltipAt(marker);
    EXPECT_TRUE(tip.contains("rate limited")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("HTTP 429")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("120 ms")) << tip.toStdString();
    EXPECT_TRUE(tip.contains(chat)) << tip.toStdString();
    const QString timeoutTip =
        m_chart->tooltipAt(m_chart->positionOf(t + 3, 20'000) + QPointF(3, -4));
    EXPECT_TRUE(timeoutTip.contains("timed out")) << timeoutTip.toStdString();
    EXPECT_TRUE(m_chart->tooltipAt(m_chart->positionOf(t - 60'000, 15'000)).isEmpty());
}

// A health endpoint that answered 200 with "Cohere degraded" is no 429: its marker and legend
// entry must say what happened, and the 429 markers must stay for real rate limits.
TEST_F(LatencyChartViewTest, AHealthBodyReportingDegradedIsNotDrawnAsA429)
{
    const QString production = QString::fromLatin1(probename::healthProduction);
    LatencyChartView *health = m_panel->healthChart();
    const qint64 t = nowMs() - 5'000;
    ASSERT_TRUE(
        (m_store.record(production, sampleAt(t, 140, FailureKind::ReportedDegraded, 200))).ok());
    ASSERT_TRUE(
        (m_store.record(production, sampleAt(t + 1, 150, FailureKind::ReportedDown, 200))).ok());
    health->redraw();
    QApplication::processEvents();

    EXPECT_TRUE(series(health, "failures/429")->points().isEmpty());
    EXPECT_TRUE(series(health, "failures/5xx")->points().isEmpty());
    auto *reported = series<QScatterSeries>(health, "failures/reported");
    ASSERT_NE(reported, nullptr);
    EXPECT_EQ(reported->points(), (QList<QPointF>{{double(t), 140}, {double(t + 1), 150}}));
    EXPECT_EQ(reported->name(), QStringLiteral("Reported degraded or down"));
    // The legend (beneath the chart) names what is drawn, and not a 429.
    EXPECT_TRUE(health->legendNames().contains(QStringLiteral("Reported degraded or down")));
    EXPECT_FALSE(health->legendNames().contains(QStringLiteral("429 rate limited")));
    EXPECT_TRUE(health->legendHtml().contains(QStringLiteral("Reported&nbsp;degraded")));

    const QString tip = health->tooltipAt(health->positionOf(t, 140));
    EXPECT_TRUE(tip.contains("reported degraded")) << tip.toStdString();
    EXPECT_FALSE(tip.contains("rate limited")) << tip.toStdString();
}

TEST_F(LatencyChartViewTest, TheLegendNamesOnlyTheFailureKindsAndCanaryInView)
{
    auto legendShows = [&](const QString &name) {
        return m_chart->legendNames().contains(series<QAbstractSeries>(m_chart, name)->name());
    };
    feedChat(60);
    m_chart->redraw();
    EXPECT_FALSE(legendShows("failures/429"));
    EXPECT_FALSE(legendShows("failures/timeout"));
    EXPECT_FALSE(legendShows("canaryBand"));
    EXPECT_TRUE(legendShows(chat + "/p95"));

    ASSERT_TRUE(
        (m_store.record(chat, sampleAt(nowMs() - 500, 90, FailureKind::RateLimited, 429))).ok());
    m_chart->redraw();
    EXPECT_TRUE(legendShows("failures/429"));
    EXPECT_FALSE(legendShows("failures/timeout"));

    m_panel->setCanaryWindow(m_clock.nowUtc().addSecs(-30), m_clock.nowUtc().addSecs(570));
    EXPECT_TRUE(legendShows("canaryBand"));
    m_panel->clearCanaryWindow();
    EXPECT_FALSE(legendShows("canaryBand"));

    // Five minutes later the 429 has scrolled out of view, and out of the legend.
    m_clock.advanceSeconds(400);
    m_chart->redraw();
    EXPECT_FALSE(legendShows("failures/429"));
}

TEST_F(LatencyChartViewTest, HoveringARawSampleDescribesIt)
{
    feedChat(60, 400);
    m_chart->redraw();
    QApplication::processEvents(); // lays out the plot area that hovering maps into
    const Sample drawn = m_chart->shownSamples(chat).at(10);
    const QString tip = m_chart->tooltipAt(m_chart->positionOf(drawn.atMs, drawn.latencyMs));
    EXPECT_TRUE(tip.contains(QString::number(drawn.latencyMs, 'f', 0) + " ms"))
        << tip.toStdString();
    EXPECT_TRUE(tip.contains("healthy")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("HTTP 200")) << tip.toStdString();
}

TEST_F(LatencyChartViewTest, TheRawSamplesArePaintedWhereTheAxesSayTheyAre)
{
    // 400 ms every second and one 2 s spike: P50 and P95 stay at 400 ms, so only the raw layer
    // reaches up to the spike.
    const qint64 spikeAt = nowMs() - 60'000;
    for (int i = 120; i > 0; --i) {
        const qint64 t = nowMs() - i * 1000;
        ASSERT_TRUE((m_store.record(chat, sampleAt(t, t == spikeAt ? 2'000 : 400))).ok());
    }
    m_chart->redraw();
    QApplication::processEvents(); // let the chart lay out its plot area
    const QImage image = m_chart->grab().toImage();
    const QColor probeColor = m_chart->spec().probes.first().color;
    auto drawnNear = [&](qint64 atMs, double latencyMs) {
        const QPointF inChart = m_chart->positionOf(atMs, latencyMs);
        const QPoint inView = m_chart->mapFromScene(m_chart->chart()->mapToScene(inChart));
        for (int dx = -1; dx <= 1; ++dx) {
            const QColor c = image.pixelColor((inView + QPoint(dx, 0)) * image.devicePixelRatio());
            // The raw line is translucent over the background: its hue survives.
            if (std::abs(c.hslHue() - probeColor.hslHue()) < 20 && c.hslSaturation() > 40)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(drawnNear(spikeAt, 1'990));
    EXPECT_FALSE(drawnNear(spikeAt, 3'000)) << "nothing above the spike";
    EXPECT_FALSE(drawnNear(spikeAt + 30'000, 1'990)) << "the spike is not drawn elsewhere";
}

TEST_F(LatencyChartViewTest, ExportWritesANonEmptyPng)
{
    feedChat(120);
    m_chart->redraw();
    QTemporaryDir dir;
    const QString chartPath = dir.filePath("chat.png");
    ASSERT_TRUE((m_chart->exportPng(chartPath)).ok());
    QImage image(chartPath, "PNG");
    EXPECT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), m_chart->width() * int(m_chart->devicePixelRatio()));

    const QString panelPath = dir.filePath("panel.png");
    ASSERT_TRUE((m_panel->exportPng(panelPath)).ok());
    EXPECT_FALSE(QImage(panelPath, "PNG").isNull());

    // A path under a regular file cannot be written.
    const Status refused = m_chart->exportPng(dir.filePath("chat.png/inside.png"));
    ASSERT_TRUE(refused.failed());
    EXPECT_FALSE(refused->message.isEmpty());
}

TEST_F(LatencyChartViewTest, CanaryWindowIsShadedAndCanBeZoomedTo)
{
    feedChat(120);
    auto *band = series<QAreaSeries>(m_chart, "canaryBand");
    ASSERT_NE(band, nullptr);
    EXPECT_FALSE(band->isVisible());

    const QDateTime start = m_clock.nowUtc().addSecs(-100);
    const QDateTime plannedEnd = start.addSecs(600);
    m_panel->setCanaryWindow(start, plannedEnd);
    EXPECT_TRUE(band->isVisible());
    ASSERT_EQ(band->upperSeries()->count(), 2);
    EXPECT_EQ(band->upperSeries()->at(0).x(), double(start.toMSecsSinceEpoch()));
    EXPECT_EQ(band->upperSeries()->at(1).x(), double(plannedEnd.toMSecsSinceEpoch()));
    EXPECT_GT(band->upperSeries()->at(0).y(), band->lowerSeries()->at(0).y());

    m_panel->zoomToCanary();
    EXPECT_EQ(axisRange(m_chart),
              std::pair(start.toMSecsSinceEpoch(), plannedEnd.toMSecsSinceEpoch()));
    EXPECT_TRUE(m_chart->isPaused());
    auto *pause = m_panel->findChild<QAbstractButton *>("pauseButton");
    ASSERT_NE(pause, nullptr);
    EXPECT_TRUE(pause->isChecked());
}

TEST_F(LatencyChartViewTest, LogScaleSwapsTheLatencyAxis)
{
    feedChat(60);
    m_panel->setLogScale(true);
    QApplication::processEvents(); // lays out the plot area for the new axis
    EXPECT_EQ(m_chart->valueAxis()->type(), QAbstractAxis::AxisTypeLogValue);
    const auto attached = series(m_chart, chat + "/p95")->attachedAxes();
    EXPECT_TRUE(attached.contains(m_chart->valueAxis()));
    // The raw layer follows: each decade is the same height.
    const double y100 = m_chart->positionOf(nowMs(), 100).y();
    const double y1000 = m_chart->positionOf(nowMs(), 1000).y();
    const double y10000 = m_chart->positionOf(nowMs(), 10'000).y();
    EXPECT_NEAR(y100 - y1000, y1000 - y10000, 0.01);
    EXPECT_GT(y100 - y1000, 10.0);
    m_panel->setLogScale(false);
    EXPECT_EQ(m_chart->valueAxis()->type(), QAbstractAxis::AxisTypeValue);
}

TEST_F(LatencyChartViewTest, DarkPaletteChoosesTheDarkTheme)
{
    QPalette dark = m_chart->palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    m_chart->setPalette(dark);
    EXPECT_EQ(m_chart->chart()->theme(), QChart::ChartThemeDark);
    EXPECT_EQ(m_chart->renderHints() & QPainter::Antialiasing, QPainter::Antialiasing);
}

// A run of failures between two healthy stretches is a gap in the raw line, not a diagonal from
// the last good sample to the next that reads as a gradual rise.
TEST_F(LatencyChartViewTest, AGapOfFailedSamplesBreaksTheLine)
{
    const qint64 t = nowMs() - 120'000;
    for (int i = 0; i < 20; ++i)
        ASSERT_TRUE((m_store.record(chat, sampleAt(t + i * 1000, 300))).ok());
    for (int i = 20; i < 40; ++i)
        ASSERT_TRUE((m_store.record(chat, sampleAt(t + i * 1000, 10'000, FailureKind::Timeout, 0)))
                        .ok());
    for (int i = 40; i < 60; ++i)
        ASSERT_TRUE((m_store.record(chat, sampleAt(t + i * 1000, 2'000))).ok());
    m_chart->redraw();

    const std::vector<Sample> &shown = m_chart->shownSamples(chat);
    const std::vector<size_t> gaps = m_chart->shownGapStarts(chat);
    ASSERT_EQ(gaps.size(), 1u);
    ASSERT_LT(gaps.front(), shown.size());
    EXPECT_EQ(shown[gaps.front() - 1].latencyMs, 300) << "the line ends at the last good sample";
    EXPECT_EQ(shown[gaps.front()].latencyMs, 2'000) << "and starts again after the failures";
    EXPECT_GT(shown[gaps.front()].atMs, t + 39'000);
    golive::test::savePicture(*m_chart, "latency-gap.png");

}

// What the envelope paints: two stretches with nothing between them, where a diagonal used to be.
TEST(EnvelopeItemPainting, NothingIsPaintedAcrossAGapOfFailures)
{
    EnvelopeItem item;
    item.setPen(QPen(Qt::black, 1.0));
    PlotMapping mapping;
    mapping.plot = QRectF(0, 0, 200, 100);
    mapping.fromMs = 0;
    mapping.toMs = 200;
    mapping.yMin = 0;
    mapping.yMax = 100;
    item.setMapping(mapping);
    std::vector<Sample> failures;
    for (qint64 at = 60; at <= 140; at += 10)
        failures.push_back(sampleAt(at, 99, FailureKind::Server5xx, 503));
    item.setSamples({sampleAt(10, 10), sampleAt(50, 10), sampleAt(150, 90), sampleAt(190, 90)},
                    failures);

    QImage image(200, 100, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        item.paint(&painter, nullptr);
    }
    const auto inked = [&image](int x, int y) {
        for (int dy = -2; dy <= 2; ++dy) {
            if (image.pixelColor(x, y + dy).lightness() < 128)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(inked(30, 90)) << "the stretch before the failures";
    EXPECT_TRUE(inked(170, 10)) << "the stretch after them";
    EXPECT_FALSE(inked(100, 50)) << "a diagonal across the gap";
}

TEST_F(LatencyChartViewTest, SamplesFromBeforeARestartAreInTheHourAndDayViews)
{
    // The live series starts now; the record held the two hours before the restart.
    ASSERT_TRUE((m_store.record(chat, sampleAt(nowMs(), 420))).ok());
    std::vector<Sample> older;
    for (int i = 120; i > 0; --i)
        older.push_back(sampleAt(nowMs() - i * 60'000, 500 + i));
    older.push_back(sampleAt(nowMs() - 30'000, 1'900, FailureKind::Server5xx, 503));
    std::sort(older.begin(), older.end(),
              [](const Sample &a, const Sample &b) { return a.atMs < b.atMs; });
    m_chart->setRange(ChartRange::OneHour);
    const size_t before = m_chart->shownSamples(chat).size();
    EXPECT_EQ(m_store.prependHistory(chat, older), qsizetype(older.size()));
    EXPECT_GT(m_chart->shownSamples(chat).size(), before + 50) << "the hour before is shown";
    EXPECT_FALSE(series(m_chart, "failures/5xx")->points().isEmpty());
    m_chart->setRange(ChartRange::OneDay);
    EXPECT_GE(m_chart->shownSamples(chat).size(), 100u);
    EXPECT_EQ(m_store.series(chat)->last()->latencyMs, 420) << "the live sample stays newest";
}

// Real traffic from Prometheus beside the probes: a canary and a stable P95 line on the same
// axes; the axis grows to show them, the legend names them while they are in view, and a line
// without points leaves the legend.
TEST_F(LatencyChartViewTest, TrafficLinesFromPrometheusAreDrawnBesideTheProbes)
{
    feedChat(60);
    QList<QPointF> canary;
    QList<QPointF> stable;
    for (int i = 60; i >= 0; i -= 5) {
        canary << QPointF(double(nowMs() - i * 1000), 12'000);
        stable << QPointF(double(nowMs() - i * 1000), 250);
    }
    m_chart->setTrafficSeries(QStringLiteral("traffic/canary/chat"),
                              QStringLiteral("canary chat P95 (Prometheus)"), Qt::red,
                              Qt::SolidLine, canary);
    m_chart->setTrafficSeries(QStringLiteral("traffic/stable/chat"),
                              QStringLiteral("stable chat P95 (Prometheus)"), Qt::darkGreen,
                              Qt::DashDotLine, stable);
    QLineSeries *line = m_chart->trafficSeries(QStringLiteral("traffic/canary/chat"));
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->points(), canary);
    EXPECT_TRUE(m_chart->legendNames().contains(QStringLiteral("canary chat P95 (Prometheus)")));
    EXPECT_TRUE(m_chart->legendNames().contains(QStringLiteral("stable chat P95 (Prometheus)")));
    // The 12 s canary line is in view: the latency axis reaches above it.
    auto *axis = qobject_cast<QValueAxis *>(m_chart->valueAxis());
    ASSERT_NE(axis, nullptr);
    EXPECT_GE(axis->max(), 12'000);
    // Same id again replaces the line; no points: it leaves the legend.
    m_chart->setTrafficSeries(QStringLiteral("traffic/canary/chat"),
                              QStringLiteral("canary chat P95 (Prometheus)"), Qt::red,
                              Qt::SolidLine, {});
    EXPECT_FALSE(m_chart->legendNames().contains(QStringLiteral("canary chat P95 (Prometheus)")));
    EXPECT_EQ(m_chart->chart()->series().count(line), 1);
}
