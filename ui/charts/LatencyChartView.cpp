#include "ui/charts/LatencyChartView.h"
#include "src/common/ErrorKind.h"

#include "src/common/AtomicFile.h"
#include "src/metrics/DecimationCache.h"
#include "src/metrics/LatencyWindowStats.h"
#include "src/metrics/MetricsStore.h"
#include "src/metrics/RollingPercentileCache.h"
#include "ui/charts/EnvelopeItem.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QChart>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace golive {

namespace {

// The next of 1, 2, 2.5, 5 x 10^k at or above `value`: five even tick steps with round labels.
double niceCeiling(double value)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= value)
            return step * magnitude;
    }
    return 10.0 * magnitude;
}

// Which marker series draws a failure, in the order of the series in the constructor. A 429 and a
// body that reports "degraded" are both degraded, but only the first is a rate limit.
int markerKindOf(FailureKind failure)
{
    switch (failure) {
    case FailureKind::RateLimited:
    case FailureKind::QuotaExhausted:
        return 0;
    case FailureKind::Server5xx:
        return 1;
    case FailureKind::Timeout:
        return 2;
    case FailureKind::ReportedDegraded:
    case FailureKind::ReportedDown:
        return 4;
    default:
        return 3;
    }
}

} // namespace

// Times on the axis, never dates: a release happens today, and the ticks must stay short.
static QString timeAxisFormat(ChartRange range)
{
    return range == ChartRange::OneDay ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
}

LatencyChartView::LatencyChartView(const MetricsStore &store, LatencyChartSpec spec,
                                   const Clock &clock, QWidget *parent)
    : QChartView(parent), m_store(store), m_spec(std::move(spec)), m_clock(clock),
      m_chart(new QChart), m_timeAxis(new QDateTimeAxis), m_linearAxis(new QValueAxis),
      m_logAxis(new QLogValueAxis), m_rateLimited(new QScatterSeries),
      m_serverErrors(new QScatterSeries), m_timeouts(new QScatterSeries),
      m_otherFailures(new QScatterSeries), m_reported(new QScatterSeries),
      m_canaryBand(new QAreaSeries)
{
    setObjectName(m_spec.id);
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    setMouseTracking(true); // hover tooltips without a pressed button
    m_chart->setTitle(m_spec.title);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setVisible(false); // legendHtml() under the chart instead
    m_chart->setMargins(QMargins(4, 4, 4, 4));

    m_timeAxis->setObjectName(QStringLiteral("timeAxis"));
    m_timeAxis->setFormat(timeAxisFormat(m_range));
    m_linearAxis->setObjectName(QStringLiteral("latencyAxis"));
    m_linearAxis->setTitleText(QStringLiteral("ms"));
    m_linearAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_logAxis->setObjectName(QStringLiteral("latencyLogAxis"));
    m_logAxis->setTitleText(QStringLiteral("ms (log)"));
    m_logAxis->setLabelFormat(QStringLiteral("%g"));
    m_logAxis->setBase(10);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_linearAxis, Qt::AlignLeft);
    m_logAxis->setParent(this); // kept detached until the log scale is switched on

    buildSeries();
    applyStyle();

    m_redrawTimer.setSingleShot(true);
    connect(&m_redrawTimer, &QTimer::timeout, this, &LatencyChartView::redraw);
    connect(&m_scrollTimer, &QTimer::timeout, this, &LatencyChartView::redraw);
    connect(&m_store, &MetricsStore::sampleRecorded, this,
            [this](const QString &probeName, const Sample &) { scheduleRedraw(probeName); });
    // Samples from before a restart arrived: older columns changed, so their caches go.
    connect(&m_store, &MetricsStore::historyLoaded, this, [this](const QString &probeName) {
        for (qsizetype i = 0; i < m_spec.probes.size(); ++i) {
            if (m_spec.probes[i].probeName != probeName)
                continue;
            m_probeSeries[size_t(i)].decimation = DecimationCache();
            m_probeSeries[size_t(i)].percentiles = RollingPercentileCache();
            redraw();
        }
    });
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        updateMapping();
        updateScrollTimer(); // a column's worth of time depends on the plot's width
    });
    updateScrollTimer();
    redraw();
}

void LatencyChartView::buildSeries()
{
    // The canary band first so that it is drawn beneath the data.
    auto *upper = new QLineSeries(m_canaryBand);
    auto *lower = new QLineSeries(m_canaryBand);
    m_canaryBand->setUpperSeries(upper);
    m_canaryBand->setLowerSeries(lower);
    m_canaryBand->setObjectName(QStringLiteral("canaryBand"));
    m_canaryBand->setName(QStringLiteral("Canary window"));
    m_canaryBand->setVisible(false);
    m_chart->addSeries(m_canaryBand);
    showInLegend(m_canaryBand, false);
    m_canaryBand->attachAxis(m_timeAxis);
    m_canaryBand->attachAxis(m_linearAxis);

    for (const LatencyChartSpec::Probe &probe : m_spec.probes) {
        ProbeSeries s{
            new EnvelopeItem(m_chart), new QLineSeries, new QLineSeries, new QLineSeries, {}, {}};
        s.legend->setObjectName(probe.probeName + QStringLiteral("/raw"));
        s.legend->setName(probe.label);
        s.p50->setObjectName(probe.probeName + QStringLiteral("/p50"));
        s.p50->setName(probe.label + QStringLiteral(" P50"));
        s.p95->setObjectName(probe.probeName + QStringLiteral("/p95"));
        s.p95->setName(probe.label + QStringLiteral(" P95"));
        for (QLineSeries *line : {s.legend, s.p50, s.p95})
            attach(line);
        m_probeSeries.push_back(std::move(s));
    }
    for (const LatencyChartSpec::Threshold &t : m_spec.thresholds) {
        auto *line = new QLineSeries;
        line->setObjectName(t.id);
        line->setName(t.label);
        attach(line);
        m_thresholdSeries.append(line);
    }
    const std::pair<QScatterSeries *, const char *> failures[] = {
        {m_rateLimited, "429 rate limited"},
        {m_serverErrors, "5xx server error"},
        {m_timeouts, "Timeout"},
        {m_otherFailures, "Other failure"},
        {m_reported, "Reported degraded or down"}};
    const char *ids[] = {"failures/429", "failures/5xx", "failures/timeout", "failures/other",
                         "failures/reported"};
    int i = 0;
    for (auto [series, name] : failures) {
        series->setObjectName(QString::fromLatin1(ids[i++]));
        series->setName(QString::fromLatin1(name));
        attach(series);
    }
}

void LatencyChartView::setTrafficSeries(const QString &id, const QString &label,
                                        const QColor &colour, Qt::PenStyle style,
                                        const QList<QPointF> &points)
{
    QLineSeries *line = m_trafficSeries.value(id);
    if (!line) {
        line = new QLineSeries;
        line->setObjectName(id);
        attach(line);
        m_trafficSeries.insert(id, line);
    }
    line->setName(label);
    QPen pen(colour, 2.0, style);
    m_trafficPens.insert(id, pen);
    line->setPen(pen);
    line->replace(points);
    redraw();
}

void LatencyChartView::attach(QXYSeries *series)
{
    m_chart->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(valueAxis());
}

QAbstractAxis *LatencyChartView::valueAxis() const
{
    return m_logScale ? static_cast<QAbstractAxis *>(m_logAxis) : m_linearAxis;
}

void LatencyChartView::scheduleRedraw(const QString &probeName)
{
    if (m_paused || m_redrawTimer.isActive())
        return;
    const bool mine = std::any_of(m_spec.probes.begin(), m_spec.probes.end(),
                                  [&](const auto &p) { return p.probeName == probeName; });
    if (mine)
        m_redrawTimer.start();
}

void LatencyChartView::updateScrollTimer()
{
    // A redraw moves the view by about one pixel column of time; redrawing more often shows
    // nothing new, and a 24 h redraw is not free (see tests/bench/PERFORMANCE.md). So new samples
    // wait for at least redrawDelayMs, at most 5 s, and a quiet live view still scrolls.
    const qint64 column = chartRangeMs(m_range) / std::max(1, columns());
    m_redrawTimer.setInterval(int(std::clamp<qint64>(column, redrawDelayMs, 5'000)));
    m_scrollTimer.setInterval(int(std::clamp<qint64>(column, 1'000, 60'000)));
    if (m_paused)
        m_scrollTimer.stop();
    else
        m_scrollTimer.start();
}

int LatencyChartView::columns() const
{
    const int plotWidth = int(m_chart->plotArea().width());
    return std::max(plotWidth > 0 ? plotWidth : width() - 160, 100);
}

std::pair<qint64, qint64> LatencyChartView::visibleRangeMs() const
{
    if (m_paused)
        return {m_pausedFromMs, m_pausedToMs};
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    return {now - chartRangeMs(m_range), now};
}

void LatencyChartView::setRange(ChartRange range)
{
    const qint64 span = chartRangeMs(range);
    m_range = range;
    if (m_paused) // keep the right edge where the person left it
        m_pausedFromMs = m_pausedToMs - span;
    m_timeAxis->setFormat(timeAxisFormat(range));
    updateScrollTimer();
    redraw();
}

void LatencyChartView::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    if (paused)
        std::tie(m_pausedFromMs, m_pausedToMs) = visibleRangeMs();
    m_paused = paused;
    updateScrollTimer();
    redraw();
    Q_EMIT pausedChanged(paused);
}

void LatencyChartView::setLogScale(bool logScale)
{
    if (logScale == m_logScale)
        return;
    QAbstractAxis *from = valueAxis();
    m_logScale = logScale;
    QAbstractAxis *to = valueAxis();
    m_chart->addAxis(to, Qt::AlignLeft);
    for (QAbstractSeries *series : m_chart->series()) {
        series->detachAxis(from);
        series->attachAxis(to);
    }
    m_chart->removeAxis(from);
    from->setParent(this);
    applyStyle();
    redraw();
}

void LatencyChartView::setCanaryWindow(const QDateTime &start, const QDateTime &plannedEnd)
{
    qint64 a = start.toMSecsSinceEpoch();
    qint64 b = plannedEnd.toMSecsSinceEpoch();
    if (b < a)
        std::swap(a, b);
    m_canary = std::pair{a, b};
    m_canaryBand->setVisible(true);
    showInLegend(m_canaryBand, true);
    redraw();
}

void LatencyChartView::clearCanaryWindow()
{
    m_canary.reset();
    m_canaryBand->setVisible(false);
    showInLegend(m_canaryBand, false);
    redraw();
}

void LatencyChartView::zoomToCanary()
{
    if (!m_canary)
        return;
    const bool wasPaused = m_paused;
    m_paused = true;
    std::tie(m_pausedFromMs, m_pausedToMs) = *m_canary;
    updateScrollTimer();
    redraw();
    if (!wasPaused)
        Q_EMIT pausedChanged(true);
}

void LatencyChartView::redraw()
{
    m_redrawTimer.stop();
    const auto [from, to] = visibleRangeMs();
    const int cols = columns();
    const int percentileCols = std::max(cols / percentilePixelStep, 1);
    const qint64 window = LatencyWindowStats::rollingWindowFor(to - from);
    double top = 0.0;
    double bottom = std::numeric_limits<double>::max();
    auto extend = [&](double y) {
        top = std::max(top, y);
        bottom = std::min(bottom, y);
    };
    for (std::vector<Tagged> &list : m_shownFailures)
        list.clear();

    for (size_t i = 0; i < m_probeSeries.size(); ++i) {
        ProbeSeries &s = m_probeSeries[i];
        const QString &probe = m_spec.probes[qsizetype(i)].probeName;
        const SampleSeries *series = m_store.series(probe);
        if (series == nullptr) {
            s.raw->setSamples({});
            s.p50->clear();
            s.p95->clear();
            continue;
        }
        DecimatedSamples d = s.decimation.decimate(*series, from, to, cols);
        for (const Sample &sample : d.line)
            extend(sample.latencyMs);
        s.raw->setSamples(std::move(d.line), d.failures);
        for (const Sample &f : d.failures) {
            m_shownFailures[markerKindOf(f.failure)].push_back({probe, f});
            extend(f.latencyMs);
        }
        QList<QPointF> p50;
        QList<QPointF> p95;
        const auto lines = s.percentiles.points(*series, from, to, percentileCols, window);
        p50.reserve(qsizetype(lines.size()));
        p95.reserve(qsizetype(lines.size()));
        for (const PercentilePoint &p : lines) {
            p50.append(QPointF(double(p.atMs), p.p50));
            p95.append(QPointF(double(p.atMs), p.p95));
            extend(p.p95);
        }
        s.p50->replace(p50);
        s.p95->replace(p95);
    }

    QScatterSeries *targets[markerKinds] = {m_rateLimited, m_serverErrors, m_timeouts,
                                            m_otherFailures, m_reported};
    for (int k = 0; k < markerKinds; ++k) {
        std::vector<Tagged> &list = m_shownFailures[k];
        std::stable_sort(list.begin(), list.end(), [](const Tagged &a, const Tagged &b) {
            return a.sample.atMs < b.sample.atMs;
        });
        QList<QPointF> points;
        points.reserve(qsizetype(list.size()));
        for (const Tagged &t : list)
            points.append(QPointF(double(t.sample.atMs), t.sample.latencyMs));
        targets[k]->replace(points);
        // The legend explains what is drawn: a failure kind appears in it while it is in view.
        showInLegend(targets[k], !points.isEmpty());
    }

    for (qsizetype i = 0; i < m_thresholdSeries.size(); ++i) {
        const double y = m_spec.thresholds[i].ms;
        m_thresholdSeries[i]->replace({QPointF(double(from), y), QPointF(double(to), y)});
        extend(y);
    }

    for (QLineSeries *line : std::as_const(m_trafficSeries)) {
        bool inView = false;
        for (const QPointF &p : line->points()) {
            if (p.x() >= double(from) && p.x() <= double(to)) {
                extend(p.y());
                inView = true;
            }
        }
        showInLegend(line, inView);
    }

    const double yMax = niceCeiling(std::max(top * 1.08, 10.0));
    if (m_canary) {
        const double a = double(m_canary->first);
        const double b = double(m_canary->second);
        const double floor = m_logScale ? 1.0 : 0.0;
        m_canaryBand->upperSeries()->replace({QPointF(a, yMax), QPointF(b, yMax)});
        m_canaryBand->lowerSeries()->replace({QPointF(a, floor), QPointF(b, floor)});
    }

    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from, Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(to, Qt::UTC));
    if (m_logScale) {
        const double low = bottom == std::numeric_limits<double>::max() ? 1.0 : bottom;
        m_logAxis->setRange(
            std::max(1.0, std::pow(10.0, std::floor(std::log10(std::max(low, 1.0))))), yMax);
    } else {
        m_linearAxis->setRange(0.0, yMax);
        m_linearAxis->setTickCount(6);
    }
    updateMapping();
    announceLegend();
}

void LatencyChartView::showInLegend(QAbstractSeries *series, bool shown)
{
    if (shown)
        m_notInLegend.remove(series);
    else
        m_notInLegend.insert(series);
    for (QLegendMarker *marker : m_chart->legend()->markers(series)) {
        if (marker->isVisible() != shown)
            marker->setVisible(shown);
    }
}

bool LatencyChartView::isInLegend(QAbstractSeries *series) const
{
    // Kept here rather than read from the (hidden) legend's markers, whose items are not visible.
    return !m_chart->legend()->markers(series).isEmpty() && !m_notInLegend.contains(series);
}

namespace {

// One legend entry: a glyph in the series' colour, then its name, kept on one line.
QString legendEntry(const QString &glyph, const QColor &colour, const QString &name)
{
    return QStringLiteral("<span style=\"white-space:nowrap\"><span style=\"color:%1\">"
                          "%2</span>&nbsp;%3</span>")
        .arg(colour.name(), glyph, name.toHtmlEscaped().replace(QLatin1Char(' '),
                                                                 QStringLiteral("&nbsp;")));
}

} // namespace

QStringList LatencyChartView::legendNames() const
{
    QStringList names;
    for (QAbstractSeries *series : m_chart->series()) {
        if (isInLegend(series))
            names << series->name();
    }
    return names;
}

QString LatencyChartView::legendHtml() const
{
    // Glyphs that look like what is drawn: lines, dashes, the failure markers' shapes.
    const auto glyphFor = [this](QAbstractSeries *series) -> QString {
        if (series == m_canaryBand)
            return QStringLiteral("\u2588");
        if (series == m_rateLimited)
            return QStringLiteral("\u25B2");
        if (series == m_serverErrors)
            return QStringLiteral("\u25CF");
        if (series == m_timeouts)
            return QStringLiteral("\u2716");
        if (series == m_otherFailures)
            return QStringLiteral("\u25C6");
        if (series == m_reported)
            return QStringLiteral("\u25A0");
        const auto *line = qobject_cast<QLineSeries *>(series);
        if (line && line->pen().style() == Qt::DashLine)
            return QStringLiteral("\u2504\u2504");
        return QStringLiteral("\u2501\u2501");
    };
    QStringList entries;
    for (QAbstractSeries *series : m_chart->series()) {
        if (!isInLegend(series))
            continue;
        QColor colour;
        if (series == m_canaryBand)
            colour = m_canaryBand->brush().color();
        else if (auto *scatter = qobject_cast<QScatterSeries *>(series))
            colour = scatter->color();
        else if (auto *line = qobject_cast<QLineSeries *>(series))
            colour = line->pen().color();
        colour.setAlpha(255);
        entries << legendEntry(glyphFor(series), colour, series->name());
    }
    return entries.join(QStringLiteral(" &nbsp; "));
}

void LatencyChartView::announceLegend()
{
    const QString html = legendHtml();
    if (html == m_legendHtml)
        return;
    m_legendHtml = html;
    Q_EMIT legendChanged(html);
}

void LatencyChartView::updateMapping()
{
    const auto [from, to] = visibleRangeMs();
    m_mapping.plot = m_chart->plotArea();
    m_mapping.fromMs = from;
    m_mapping.toMs = to;
    m_mapping.log = m_logScale;
    m_mapping.yMin = m_logScale ? m_logAxis->min() : m_linearAxis->min();
    m_mapping.yMax = m_logScale ? m_logAxis->max() : m_linearAxis->max();
    for (const ProbeSeries &s : m_probeSeries)
        s.raw->setMapping(m_mapping);
}

const std::vector<Sample> &LatencyChartView::shownSamples(const QString &probeName) const
{
    static const std::vector<Sample> none;
    for (qsizetype i = 0; i < m_spec.probes.size(); ++i) {
        if (m_spec.probes[i].probeName == probeName)
            return m_probeSeries[size_t(i)].raw->samples();
    }
    return none;
}

std::vector<size_t> LatencyChartView::shownGapStarts(const QString &probeName) const
{
    for (qsizetype i = 0; i < m_spec.probes.size(); ++i) {
        if (m_spec.probes[i].probeName == probeName)
            return m_probeSeries[size_t(i)].raw->gapStarts();
    }
    return {};
}

QPointF LatencyChartView::positionOf(qint64 atMs, double latencyMs) const
{
    return m_mapping.map(atMs, latencyMs);
}

Status LatencyChartView::exportPng(const QString &path)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!grab().save(&buffer, "PNG"))
        return Error{errorkind::io, QStringLiteral("Could not render the chart as PNG.")};
    return writeFileAtomically(path, bytes);
}

void LatencyChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyStyle();
        announceLegend();
    }
}

} // namespace golive
