#include "ui/charts/EnvelopeItem.h"

#include <QPainter>

namespace golive {

EnvelopeItem::EnvelopeItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    // Beneath the chart's series (Qt Charts draws them at z 4 and up), above its grid (z 2).
    setZValue(3.5);
    setFlag(QGraphicsItem::ItemClipsToShape);
}

void EnvelopeItem::setSamples(std::vector<Sample> samples)
{
    m_samples = std::move(samples);
    m_polylineStale = true;
    update();
}

void EnvelopeItem::setMapping(const PlotMapping &mapping)
{
    if (mapping.plot != m_mapping.plot)
        prepareGeometryChange();
    m_mapping = mapping;
    m_polylineStale = true;
    update();
}

void EnvelopeItem::setPen(const QPen &pen)
{
    m_pen = pen;
    update();
}

QRectF EnvelopeItem::boundingRect() const
{
    return m_mapping.plot;
}

void EnvelopeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_polylineStale) {
        m_polyline.resize(qsizetype(m_samples.size()));
        for (size_t i = 0; i < m_samples.size(); ++i)
            m_polyline[qsizetype(i)] = m_mapping.map(m_samples[i].atMs, m_samples[i].latencyMs);
        m_polylineStale = false;
    }
    painter->setPen(m_pen);
    if (m_polyline.size() == 1)
        painter->drawPoint(m_polyline.first()); // a lone sample is still data
    else
        painter->drawPolyline(m_polyline);
}

} // namespace golive
