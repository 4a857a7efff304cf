// LatencyChartView's look: theme from the system palette, pens, failure markers.
#include "ui/charts/EnvelopeItem.h"
#include "ui/charts/LatencyChartView.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QPainter>
#include <QPainterPath>
#include <QScatterSeries>

#include <cmath>

namespace golive {

namespace {

// Marker colours tell failure kinds apart in both themes; red is kept for what means "down".
const QColor rateLimitedColor(0xff, 0xb3, 0x00); // amber
const QColor serverErrorColor(0xe5, 0x39, 0x35); // red
const QColor timeoutColor(0x9c, 0x27, 0xb0);     // purple
const QColor otherFailureColor(0x9e, 0x9e, 0x9e);
const QColor reportedColor(0x29, 0x79, 0xff); // blue: the call worked, its body reported trouble
const QColor alertColor(0xd3, 0x2f, 0x2f);

enum class Marker { Triangle, Circle, Cross, Diamond, Square };

// Failure markers are pre-rendered images ("light markers"): Qt Charts paints those directly,
// while its shaped markers are one QGraphicsItem per point, which made a day with a few thousand
// failures cost ~20 ms per redraw. The images also give us a cross, which it has no shape for.
QImage markerImage(Marker shape, const QColor &color, const QColor &outline, int size,
                   qreal devicePixelRatio)
{
    const int pixels = int(std::ceil(size * devicePixelRatio));
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(0, 0, size, size).adjusted(1, 1, -1, -1);
    painter.setPen(QPen(outline, 1.0));
    painter.setBrush(color);
    switch (shape) {
    case Marker::Triangle:
        painter.drawPolygon(
            QPolygonF({QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()}));
        break;
    case Marker::Circle:
        painter.drawEllipse(box);
        break;
    case Marker::Diamond:
        painter.drawPolygon(QPolygonF(
            {QPointF(box.center().x(), box.top()), QPointF(box.right(), box.center().y()),
             QPointF(box.center().x(), box.bottom()), QPointF(box.left(), box.center().y())}));
        break;
    case Marker::Square:
        painter.drawRect(box.adjusted(1, 1, -1, -1));
        break;
    case Marker::Cross:
        painter.setPen(QPen(color, 2.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(box.adjusted(1, 1, -1, -1).topLeft(),
                         box.adjusted(1, 1, -1, -1).bottomRight());
        painter.drawLine(box.adjusted(1, 1, -1, -1).bottomLeft(),
                         box.adjusted(1, 1, -1, -1).topRight());
        break;
    }
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

    // The raw envelope is 1 px and faint, so the eye reads the percentile lines first and the
    // spread second.
    for (size_t i = 0; i < m_probeSeries.size(); ++i) {
        const QColor base = m_spec.probes[qsizetype(i)].color;
        QColor raw = base;
        raw.setAlpha(dark ? 150 : 120);
        m_probeSeries[i].raw->setPen(QPen(raw, 1.0));
        m_probeSeries[i].legend->setPen(QPen(raw, 1.0));
        // P95 is what the gates judge: bold and solid. P50 thin and dashed (a 1 px dashed line
        // takes Qt's fast cosmetic path; a 2 px dashed one cost ~10 ms per 24 h redraw).
        m_probeSeries[i].p95->setPen(QPen(dark ? base.lighter(150) : base.darker(150), 2.0));
        m_probeSeries[i].p50->setPen(
            QPen(dark ? base.lighter(120) : base.darker(105), 1.0, Qt::DashLine));
    }
    for (qsizetype i = 0; i < m_thresholdSeries.size(); ++i) {
        const bool alert = m_spec.thresholds[i].alert;
        QColor gate = text;
        gate.setAlpha(170);
        m_thresholdSeries[i]->setPen(QPen(alert ? alertColor : gate, 1.5, Qt::DashLine));
    }

    for (auto it = m_trafficPens.cbegin(); it != m_trafficPens.cend(); ++it) {
        if (QLineSeries *line = m_trafficSeries.value(it.key()))
            line->setPen(it.value());
    }

    const QColor outline = palette().color(QPalette::Base);
    const qreal dpr = devicePixelRatioF();
    const struct {
        QScatterSeries *series;
        Marker shape;
        QScatterSeries::MarkerShape legendShape;
        QColor color;
        int size;
    } markers[] = {
        {m_rateLimited, Marker::Triangle, QScatterSeries::MarkerShapeTriangle, rateLimitedColor,
         13},
        {m_serverErrors, Marker::Circle, QScatterSeries::MarkerShapeCircle, serverErrorColor, 10},
        {m_timeouts, Marker::Cross, QScatterSeries::MarkerShapeRectangle, timeoutColor, 12},
        {m_otherFailures, Marker::Diamond, QScatterSeries::MarkerShapeRotatedRectangle,
         otherFailureColor, 10},
        {m_reported, Marker::Square, QScatterSeries::MarkerShapeRectangle, reportedColor, 10},
    };
    for (const auto &m : markers) {
        m.series->setMarkerShape(m.legendShape);
        m.series->setMarkerSize(m.size);
        m.series->setColor(m.color);
        m.series->setBorderColor(outline);
        m.series->setLightMarker(markerImage(m.shape, m.color, outline, m.size, dpr));
    }

    QColor band = dark ? QColor(0x42, 0xa5, 0xf5) : QColor(0x1e, 0x88, 0xe5);
    band.setAlpha(45);
    m_canaryBand->setBrush(band);
    band.setAlpha(90);
    m_canaryBand->setPen(QPen(band, 1.0));
}

} // namespace golive
