// LatencyChartView's look: theme from the system palette, pens, failure markers.
#include "charts/LatencyChartView.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QPainter>
#include <QPainterPath>
#include <QScatterSeries>

namespace golive {

namespace {

// Marker colours tell failure kinds apart in both themes; red is kept for what means "down".
const QColor rateLimitedColor(0xff, 0xb3, 0x00); // amber
const QColor serverErrorColor(0xe5, 0x39, 0x35); // red
const QColor timeoutColor(0x9c, 0x27, 0xb0);     // purple
const QColor otherFailureColor(0x9e, 0x9e, 0x9e);
const QColor alertColor(0xd3, 0x2f, 0x2f);

// QScatterSeries has no cross shape: paint one into an image and use it as the marker brush.
QImage crossMarker(const QColor &color, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 2.5, Qt::SolidLine, Qt::RoundCap));
    const double m = 2.0;
    painter.drawLine(QPointF(m, m), QPointF(size - m, size - m));
    painter.drawLine(QPointF(m, size - m), QPointF(size - m, m));
    return image;
}

} // namespace

void LatencyChartView::applyStyle()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    // setTheme resets every series' colours, so the pens below always follow it.
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_chart->setBackgroundRoundness(0);
    const QColor text = palette().color(QPalette::Text);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        QColor grid = text;
        grid.setAlpha(40);
        axis->setGridLineColor(grid);
    }

    for (size_t i = 0; i < m_probeSeries.size(); ++i) {
        const QColor base = m_spec.probes[qsizetype(i)].color;
        QColor raw = base;
        raw.setAlpha(dark ? 150 : 120);
        m_probeSeries[i].raw->setPen(QPen(raw, 1.0));
        m_probeSeries[i].p50->setPen(QPen(dark ? base.lighter(130) : base.darker(110), 2.0));
        m_probeSeries[i].p95->setPen(
            QPen(dark ? base.lighter(170) : base.darker(160), 2.0, Qt::DashDotLine));
    }
    for (qsizetype i = 0; i < m_thresholdSeries.size(); ++i) {
        const bool alert = m_spec.thresholds[i].alert;
        QColor gate = text;
        gate.setAlpha(170);
        m_thresholdSeries[i]->setPen(QPen(alert ? alertColor : gate, 1.5, Qt::DashLine));
    }

    const QColor outline = palette().color(QPalette::Base);
    m_rateLimited->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_rateLimited->setMarkerSize(13);
    m_rateLimited->setColor(rateLimitedColor);
    m_rateLimited->setBorderColor(outline);
    m_serverErrors->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_serverErrors->setMarkerSize(10);
    m_serverErrors->setColor(serverErrorColor);
    m_serverErrors->setBorderColor(outline);
    m_timeouts->setMarkerSize(12);
    m_timeouts->setLightMarker(crossMarker(timeoutColor, 12));
    m_timeouts->setColor(timeoutColor);
    m_otherFailures->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    m_otherFailures->setMarkerSize(9);
    m_otherFailures->setColor(otherFailureColor);
    m_otherFailures->setBorderColor(outline);

    QColor band = dark ? QColor(0x42, 0xa5, 0xf5) : QColor(0x1e, 0x88, 0xe5);
    band.setAlpha(45);
    m_canaryBand->setBrush(band);
    band.setAlpha(90);
    m_canaryBand->setPen(QPen(band, 1.0));
}

} // namespace golive
