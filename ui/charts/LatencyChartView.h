#pragma once

#include "charts/ChartRange.h"
#include "charts/LatencyChartSpec.h"
#include "common/Clock.h"
#include "common/Error.h"
#include "metrics/RollingPercentileCache.h"
#include "metrics/Sample.h"

#include <QChartView>
#include <QDateTime>
#include <QHash>
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

namespace golive {

class MetricsStore;

// A live latency chart of one probe family over the MetricsStore: decimated raw samples,
// rolling P50/P95 lines, gate/alert lines, failure markers per kind (429, 5xx, timeout, other)
// and an optional shaded canary window.
//
// New samples do not redraw at once: redraws are coalesced (at most one per 250 ms, or per pixel
// column of time on long ranges, at most 5 s) and each
// replaces the visible points of every series in one call, so a busy probe costs the same as a
// quiet one and series are never cleared and re-added (no flicker).
class LatencyChartView : public QChartView {
    Q_OBJECT
public:
    static constexpr int redrawDelayMs = 250;

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

    // The sample behind a point of a raw or failure series, for the hover tooltip.
    std::optional<Sample> sampleAt(const QXYSeries *series, const QPointF &point) const;
    QString describe(const QXYSeries *series, const QPointF &point) const;

Q_SIGNALS:
    void pausedChanged(bool paused);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct ProbeSeries {
        QLineSeries *raw = nullptr;
        QLineSeries *p50 = nullptr;
        QLineSeries *p95 = nullptr;
    };
    struct Tagged {
        QString probe;
        Sample sample;
    };

    void buildSeries();
    void applyStyle();
    void attach(QXYSeries *series);
    void scheduleRedraw(const QString &probeName);
    void showTooltip(const QXYSeries *series, const QPointF &point, bool hovering);
    void updateScrollTimer();

    const MetricsStore &m_store;
    LatencyChartSpec m_spec;
    const Clock &m_clock;
    QChart *m_chart;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_linearAxis;
    QLogValueAxis *m_logAxis;
    std::vector<ProbeSeries> m_probeSeries;
    std::vector<RollingPercentileCache> m_percentileCaches; // one per probe, as m_probeSeries
    QList<QLineSeries *> m_thresholdSeries;
    QScatterSeries *m_rateLimited;
    QScatterSeries *m_serverErrors;
    QScatterSeries *m_timeouts;
    QScatterSeries *m_otherFailures;
    QAreaSeries *m_canaryBand;
    QHash<const QXYSeries *, std::vector<Tagged>> m_shown; // the samples behind each point
    QTimer m_redrawTimer;
    QTimer m_scrollTimer;
    ChartRange m_range = ChartRange::FiveMinutes;
    bool m_paused = false;
    bool m_logScale = false;
    qint64 m_pausedFromMs = 0;
    qint64 m_pausedToMs = 0;
    std::optional<std::pair<qint64, qint64>> m_canary;
};

} // namespace golive
