#include "ui/charts/EnvelopeItem.h"

#include <QPainter>

namespace golive {

EnvelopeItem::EnvelopeItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    // Beneath the chart's series (Qt Charts draws them at z 4 and up), above its grid (z 2).
    setZValue(3.5);
    setFlag(QGraphicsItem::ItemClipsToShape);
}

void EnvelopeItem::setSamples(std::vector<Sample> samples, const std::vector<Sample> &failures)
{
    m_samples = std::move(samples);
    // Both lists are in time order: one pass finds the first failure after each sample.
    m_gapStarts.clear();
    size_t f = 0;
    for (size_t i = 1; i < m_samples.size(); ++i) {
        while (f < failures.size() && failures[f].atMs <= m_samples[i - 1].atMs)
            ++f;
        if (f < failures.size() && failures[f].atMs < m_samples[i].atMs)
            m_gapStarts.push_back(i);
    }
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
    qsizetype start = 0;
    const auto drawStretch = [&](qsizetype end) {
        if (end - start == 1)
            painter->drawPoint(m_polyline.at(start)); // a lone sample is still data
        else if (end - start > 1)
            painter->drawPolyline(m_polyline.constData() + start, int(end - start));
        start = end;
    };
    for (const size_t gap : m_gapStarts)
        drawStretch(qsizetype(gap));
    drawStretch(m_polyline.size());
}

} // namespace golive
