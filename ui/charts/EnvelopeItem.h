#pragma once

#include "ui/charts/PlotMapping.h"
#include "src/metrics/Sample.h"

#include <QGraphicsItem>
#include <QPen>
#include <QPolygonF>

#include <vector>

namespace golive {

// The raw latency of one probe, min/max-decimated into pixel columns, painted as one polyline
// inside a QChart. Not a QLineSeries on purpose: a line series rebuilds a stroked hit-test shape
// of all its points on every update, which made a live 24 h redraw of five probes cost ~8 ms
// before anything was painted (tests/bench/PERFORMANCE.md). This item only maps points, and
// only when it is about to paint.
class EnvelopeItem : public QGraphicsItem {
public:
    explicit EnvelopeItem(QGraphicsItem *parent = nullptr);

    // Samples in time order (DecimatedSamples::line).
    void setSamples(std::vector<Sample> samples);
    const std::vector<Sample> &samples() const { return m_samples; }

    void setMapping(const PlotMapping &mapping);
    const PlotMapping &mapping() const { return m_mapping; }

    void setPen(const QPen &pen);
    QPen pen() const { return m_pen; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget = nullptr) override;

private:
    std::vector<Sample> m_samples;
    PlotMapping m_mapping;
    QPen m_pen;
    QPolygonF m_polyline;
    bool m_polylineStale = true;
};

} // namespace golive
