// LatencyChartView's hover tooltip: the details of the sample or failure marker under the mouse.
#include "ui/charts/EnvelopeItem.h"
#include "ui/charts/LatencyChartView.h"

#include <QChart>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>

namespace golive {

namespace {

// How far from a drawn point the mouse may be, in pixels: about a marker's radius.
constexpr double hoverRadius = 7.0;

QString outcomeText(const Sample &s)
{
    switch (s.failure) {
    case FailureKind::Ok:
        return QStringLiteral("healthy");
    case FailureKind::RateLimited:
        return QStringLiteral("rate limited (degraded)");
    case FailureKind::QuotaExhausted:
        return QStringLiteral("quota exhausted (degraded)");
    case FailureKind::Billing:
        return QStringLiteral("billing (down)");
    case FailureKind::EdgeForbidden:
        return QStringLiteral("forbidden by the edge (down)");
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
    case FailureKind::ReportedDegraded:
        return QStringLiteral("reported degraded by its health body");
    case FailureKind::ReportedDown:
        return QStringLiteral("reported down by its health body");
    }
    return {};
}

QString describeSample(const QString &probe, const Sample &s)
{
    const QString when = QDateTime::fromMSecsSinceEpoch(s.atMs, Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
    const QString status = s.httpStatus == 0 ? QStringLiteral("no HTTP answer")
                                             : QStringLiteral("HTTP %1").arg(s.httpStatus);
    return QStringLiteral("%1\n%2\n%3 ms · %4 · %5")
        .arg(probe, when, QString::number(s.latencyMs, 'f', 0), outcomeText(s), status);
}

} // namespace

std::optional<LatencyChartView::Tagged> LatencyChartView::nearestShown(const QPointF &chartPosition,
                                                                       double radius) const
{
    const qint64 earliest = m_mapping.timeAt(chartPosition.x() - radius);
    const qint64 latest = m_mapping.timeAt(chartPosition.x() + radius);
    std::optional<Tagged> best;
    double bestDistance = radius;
    auto consider = [&](const QString &probe, const Sample &s) {
        const QPointF at = m_mapping.map(s.atMs, s.latencyMs);
        const double distance = std::hypot(at.x() - chartPosition.x(), at.y() - chartPosition.y());
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = Tagged{probe, s};
        }
    };
    // Every list is in time order: only the points within `radius` pixels of x are looked at.
    for (size_t i = 0; i < m_probeSeries.size(); ++i) {
        const std::vector<Sample> &samples = m_probeSeries[i].raw->samples();
        auto it = std::lower_bound(samples.begin(), samples.end(), earliest,
                                   [](const Sample &s, qint64 t) { return s.atMs < t; });
        for (; it != samples.end() && it->atMs <= latest; ++it)
            consider(m_spec.probes[qsizetype(i)].probeName, *it);
    }
    // Markers are drawn on top, so they come last and win a tie.
    for (const std::vector<Tagged> &failures : m_shownFailures) {
        auto it = std::lower_bound(failures.begin(), failures.end(), earliest,
                                   [](const Tagged &t, qint64 at) { return t.sample.atMs < at; });
        for (; it != failures.end() && it->sample.atMs <= latest; ++it)
            consider(it->probe, it->sample);
    }
    return best;
}

QString LatencyChartView::tooltipAt(const QPointF &chartPosition) const
{
    const std::optional<Tagged> nearest = nearestShown(chartPosition, hoverRadius);
    return nearest ? describeSample(nearest->probe, nearest->sample) : QString();
}

void LatencyChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF chartPosition = m_chart->mapFromScene(mapToScene(event->position().toPoint()));
    const QString text = tooltipAt(chartPosition);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void LatencyChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    QToolTip::hideText();
}

} // namespace golive
