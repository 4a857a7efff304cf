#include "charts/LatencyChartView.h"

#include "common/AtomicFile.h"
#include "metrics/Decimator.h"
#include "metrics/LatencyWindowStats.h"
#include "metrics/MetricsStore.h"
#include "metrics/RollingPercentileCache.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QChart>
#include <QCursor>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace golive {

namespace {

QList<QPointF> toPoints(const std::vector<Sample> &samples)
{
    QList<QPointF> points;
    points.reserve(qsizetype(samples.size()));
    for (const Sample &s : samples)
        points.append(QPointF(double(s.atMs), s.latencyMs));
    return points;
}

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

QString outcomeText(const Sample &s)
{
    switch (s.failure) {
    case FailureKind::Ok:
        return QStringLiteral("healthy");
    case FailureKind::RateLimited:
        return QStringLiteral("rate limited (degraded)");
    case FailureKind::Auth:
        return QStringLiteral("key refused (down)");
    case FailureKind::ClientError:
        return QStringLiteral("request refused (down)");
    case FailureKind::Server5xx:
        return QStringLiteral("server error (down)");
    case FailureKind::Timeout:
        return QStringLiteral("timed out (down)");
    case FailureKind::Network:
        return QStringLiteral("network error (down)");
    case FailureKind::BadBody:
        return QStringLiteral("unreadable answer (down)");
    }
    return {};
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
      m_otherFailures(new QScatterSeries), m_canaryBand(new QAreaSeries)
{
    setObjectName(m_spec.id);
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    m_chart->setTitle(m_spec.title);
    m_chart->legend()->setAlignment(Qt::AlignRight);
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
    m_canaryBand->attachAxis(m_timeAxis);
    m_canaryBand->attachAxis(m_linearAxis);

    for (const LatencyChartSpec::Probe &probe : m_spec.probes) {
        ProbeSeries s{new QLineSeries, new QLineSeries, new QLineSeries};
        s.raw->setObjectName(probe.probeName + QStringLiteral("/raw"));
        s.raw->setName(probe.label);
        s.p50->setObjectName(probe.probeName + QStringLiteral("/p50"));
        s.p50->setName(probe.label + QStringLiteral(" P50"));
        s.p95->setObjectName(probe.probeName + QStringLiteral("/p95"));
        s.p95->setName(probe.label + QStringLiteral(" P95"));
        for (QLineSeries *line : {s.raw, s.p50, s.p95})
            attach(line);
        m_probeSeries.push_back(s);
        m_percentileCaches.emplace_back();
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
        {m_otherFailures, "Other failure"}};
    const char *ids[] = {"failures/429", "failures/5xx", "failures/timeout", "failures/other"};
    int i = 0;
    for (auto [series, name] : failures) {
        series->setObjectName(QString::fromLatin1(ids[i++]));
        series->setName(QString::fromLatin1(name));
        attach(series);
    }
    for (const ProbeSeries &s : m_probeSeries) {
        connect(s.raw, &QXYSeries::hovered, this,
                [this, raw = s.raw](const QPointF &p, bool on) { showTooltip(raw, p, on); });
    }
    for (QScatterSeries *series : {m_rateLimited, m_serverErrors, m_timeouts, m_otherFailures}) {
        connect(series, &QXYSeries::hovered, this,
                [this, series](const QPointF &p, bool on) { showTooltip(series, p, on); });
    }
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
    redraw();
}

void LatencyChartView::clearCanaryWindow()
{
    m_canary.reset();
    m_canaryBand->setVisible(false);
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
    const qint64 window = LatencyWindowStats::rollingWindowFor(to - from);
    double top = 0.0;
    double bottom = std::numeric_limits<double>::max();
    auto extend = [&](double y) {
        top = std::max(top, y);
        bottom = std::min(bottom, y);
    };
    std::vector<Tagged> failures[4];

    for (size_t i = 0; i < m_probeSeries.size(); ++i) {
        const ProbeSeries &s = m_probeSeries[i];
        const QString &probe = m_spec.probes[qsizetype(i)].probeName;
        const SampleSeries *series = m_store.series(probe);
        std::vector<Tagged> &shown = m_shown[s.raw];
        shown.clear();
        if (series == nullptr) {
            s.raw->clear();
            s.p50->clear();
            s.p95->clear();
            continue;
        }
        const DecimatedSamples d = Decimator::decimate(*series, from, to, cols);
        s.raw->replace(toPoints(d.line));
        shown.reserve(d.line.size());
        for (const Sample &sample : d.line) {
            shown.push_back({probe, sample});
            extend(sample.latencyMs);
        }
        for (const Sample &f : d.failures) {
            const int kind = f.failure == FailureKind::RateLimited ? 0
                             : f.failure == FailureKind::Server5xx ? 1
                             : f.failure == FailureKind::Timeout   ? 2
                                                                   : 3;
            failures[kind].push_back({probe, f});
            extend(f.latencyMs);
        }
        QList<QPointF> p50;
        QList<QPointF> p95;
        const auto lines = m_percentileCaches[i].points(*series, from, to, cols, window);
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

    QScatterSeries *targets[] = {m_rateLimited, m_serverErrors, m_timeouts, m_otherFailures};
    for (int k = 0; k < 4; ++k) {
        std::vector<Tagged> &list = failures[k];
        std::stable_sort(list.begin(), list.end(), [](const Tagged &a, const Tagged &b) {
            return a.sample.atMs < b.sample.atMs;
        });
        QList<QPointF> points;
        points.reserve(qsizetype(list.size()));
        for (const Tagged &t : list)
            points.append(QPointF(double(t.sample.atMs), t.sample.latencyMs));
        targets[k]->replace(points);
        m_shown[targets[k]] = std::move(list);
    }

    for (qsizetype i = 0; i < m_thresholdSeries.size(); ++i) {
        const double y = m_spec.thresholds[i].ms;
        m_thresholdSeries[i]->replace({QPointF(double(from), y), QPointF(double(to), y)});
        extend(y);
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
}

std::optional<Sample> LatencyChartView::sampleAt(const QXYSeries *series,
                                                 const QPointF &point) const
{
    const auto it = m_shown.constFind(series);
    if (it == m_shown.constEnd() || it->empty())
        return std::nullopt;
    const std::vector<Tagged> &list = *it;
    const qint64 x = qint64(std::llround(point.x()));
    auto pos = std::lower_bound(list.begin(), list.end(), x,
                                [](const Tagged &t, qint64 v) { return t.sample.atMs < v; });
    // The nearest neighbour in time, then in latency among equal times.
    const Tagged *best = nullptr;
    auto consider = [&](const Tagged &t) {
        auto distance = [&](const Tagged &c) {
            return std::pair{std::llabs(c.sample.atMs - x),
                             std::abs(c.sample.latencyMs - point.y())};
        };
        if (best == nullptr || distance(t) < distance(*best))
            best = &t;
    };
    for (auto c = pos; c != list.end() && c - pos < 4; ++c)
        consider(*c);
    for (auto c = pos; c != list.begin() && pos - c < 4;)
        consider(*--c);
    return best->sample;
}

QString LatencyChartView::describe(const QXYSeries *series, const QPointF &point) const
{
    const auto it = m_shown.constFind(series);
    const std::optional<Sample> s = sampleAt(series, point);
    if (!s)
        return {};
    QString probe;
    for (const Tagged &t : *it) {
        if (t.sample == *s) {
            probe = t.probe;
            break;
        }
    }
    const QString when = QDateTime::fromMSecsSinceEpoch(s->atMs, Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
    const QString status = s->httpStatus == 0 ? QStringLiteral("no HTTP answer")
                                              : QStringLiteral("HTTP %1").arg(s->httpStatus);
    return QStringLiteral("%1\n%2\n%3 ms · %4 · %5")
        .arg(probe, when, QString::number(s->latencyMs, 'f', 0), outcomeText(*s), status);
}

void LatencyChartView::showTooltip(const QXYSeries *series, const QPointF &point, bool hovering)
{
    if (!hovering) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), describe(series, point), this);
}

Status LatencyChartView::exportPng(const QString &path)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!grab().save(&buffer, "PNG"))
        return Error{QStringLiteral("io"), QStringLiteral("Could not render the chart as PNG.")};
    return writeFileAtomically(path, bytes);
}

void LatencyChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
}

} // namespace golive
