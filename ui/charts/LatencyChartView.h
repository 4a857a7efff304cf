#pragma once

#include <QMap>
#include <QPen>

#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/metrics/DecimationCache.h"
#include "src/metrics/RollingPercentileCache.h"
#include "src/metrics/Sample.h"
#include "ui/charts/ChartRange.h"
#include "ui/charts/LatencyChartSpec.h"
#include "ui/charts/PlotMapping.h"

#include <QChartView>
#include <QDateTime>
#include <QSet>
#include <QTimer>

#include <optional>
#include <vector>

class QAreaSeries;
class QChart;
class QDateTimeAxis;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QValueAxis;
class QXYSeries;
class QAbstractAxis;
class QAbstractSeries;

namespace golive {

class MetricsStore;

class EnvelopeItem;

// A live latency chart of one probe family over the MetricsStore: decimated raw samples,
// rolling P50/P95 lines, gate/alert lines, failure markers per kind (429, 5xx, timeout, other,
// and "reported degraded or down" for a working call whose health body reports trouble)
// and an optional shaded canary window. Hovering near a sample or marker shows its details.
//
// New samples do not redraw at once: redraws are coalesced (at most one per 250 ms, or per pixel
// column of time on long ranges, at most 5 s) and each replaces the visible points of every
// layer in one call, so a busy probe costs the same as a quiet one and series are never cleared
// and re-added (no flicker). The raw samples are an EnvelopeItem, not a series (see there why).
class LatencyChartView : public QChartView {
    Q_OBJECT
public:
    static constexpr int redrawDelayMs = 250;
    // The rolling P50/P95 lines get a point every few pixels: they are smooth by construction
    // (windows span many columns), and each point is exact.
    static constexpr int percentilePixelStep = 3;

    LatencyChartView(const MetricsStore &store, LatencyChartSpec spec,
                     const Clock &clock = SystemClock::instance(), QWidget *parent = nullptr);

    const LatencyChartSpec &spec() const { return m_spec; }

    void setRange(ChartRange range);
    ChartRange range() const { return m_range; }

    // Paused: the x range stays where it is while samples keep arriving; resuming jumps to now.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    void setLogScale(bool logScale);
    bool isLogScale() const { return m_logScale; }

    // Shades [start, plannedEnd]; zoomToCanary() pauses and shows exactly that span.
    void setCanaryWindow(const QDateTime &start, const QDateTime &plannedEnd);
    void clearCanaryWindow();
    bool hasCanaryWindow() const { return m_canary.has_value(); }
    void zoomToCanary();

    // A line from outside the store: real traffic from Prometheus (canary and stable P95 of an
    // endpoint), on the same axes, gate lines and canary band as the probes. `points` are (UTC
    // epoch ms, ms), replaced whole on each read; a line without points leaves the legend.
    void setTrafficSeries(const QString &id, const QString &label, const QColor &colour,
                          Qt::PenStyle style, const QList<QPointF> &points);
    QLineSeries *trafficSeries(const QString &id) const { return m_trafficSeries.value(id); }

    // The chart as it looks now, as a PNG file.
    Status exportPng(const QString &path);

    // Redraws now instead of at the next coalesced redraw.
    void redraw();

    // The visible time span and the number of pixel columns the data is decimated to.
    std::pair<qint64, qint64> visibleRangeMs() const;
    int columns() const;
    QAbstractAxis *valueAxis() const;
    int redrawDelay() const { return m_redrawTimer.interval(); }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }

    // The raw samples drawn for a probe: each pixel column's fastest and slowest, in time order.
    const std::vector<Sample> &shownSamples(const QString &probeName) const;
    // Where that line is broken by failures: indexes into shownSamples() that start a new stretch.
    std::vector<size_t> shownGapStarts(const QString &probeName) const;
    // Where a value is drawn, in chart coordinates (QChart's, as plotArea()).
    QPointF positionOf(qint64 atMs, double latencyMs) const;
    // The hover text for a position in chart coordinates: the details of the drawn sample or
    // failure marker nearest to it within a few pixels, or an empty string.
    QString tooltipAt(const QPointF &chartPosition) const;

    // The legend, as rich text for a wrapping label beneath the chart (the panel shows it):
    // every line, and the failure kinds and canary window while they are in view. Qt's own
    // legend is kept hidden: beside a 220 px chart it cut entries off, and an entry shown later
    // was drawn over the others. Its markers still say which series are in view.
    QString legendHtml() const;
    // The names legendHtml() lists, in order.
    QStringList legendNames() const;

Q_SIGNALS:
    void pausedChanged(bool paused);
    void legendChanged(const QString &html);

protected:
    void changeEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct ProbeSeries {
        EnvelopeItem *raw = nullptr;
        QLineSeries *legend = nullptr; // no points: the raw layer's legend entry
        QLineSeries *p50 = nullptr;
        QLineSeries *p95 = nullptr;
        // A live redraw recomputes only the newest columns and percentile points.
        DecimationCache decimation;
        RollingPercentileCache percentiles;
    };
    struct Tagged {
        QString probe;
        Sample sample;
    };

    void buildSeries();
    void applyStyle();
    void attach(QXYSeries *series);
    void scheduleRedraw(const QString &probeName);
    void updateScrollTimer();
    void updateMapping();
    void showInLegend(QAbstractSeries *series, bool shown);
    bool isInLegend(QAbstractSeries *series) const;
    void announceLegend();
    std::optional<Tagged> nearestShown(const QPointF &chartPosition, double radius) const;

    const MetricsStore &m_store;
    LatencyChartSpec m_spec;
    const Clock &m_clock;
    QChart *m_chart;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_linearAxis;
    QLogValueAxis *m_logAxis;
    std::vector<ProbeSeries> m_probeSeries;
    QList<QLineSeries *> m_thresholdSeries;
    QMap<QString, QLineSeries *> m_trafficSeries; // setTrafficSeries(), by id
    QMap<QString, QPen> m_trafficPens;             // re-applied after a theme change
    QScatterSeries *m_rateLimited;
    QScatterSeries *m_serverErrors;
    QScatterSeries *m_timeouts;
    QScatterSeries *m_otherFailures;
    QScatterSeries *m_reported; // the body said degraded or down; not an HTTP failure
    QAreaSeries *m_canaryBand;
    static constexpr int markerKinds = 5;
    std::vector<Tagged> m_shownFailures[markerKinds]; // behind each marker series, in time order
    PlotMapping m_mapping;
    QTimer m_redrawTimer;
    QTimer m_scrollTimer;
    ChartRange m_range = ChartRange::FiveMinutes;
    bool m_paused = false;
    bool m_logScale = false;
    qint64 m_pausedFromMs = 0;
    qint64 m_pausedToMs = 0;
    std::optional<std::pair<qint64, qint64>> m_canary;
    QString m_legendHtml;
    QSet<QAbstractSeries *> m_notInLegend; // series whose legend entry is switched off
};

} // namespace golive
