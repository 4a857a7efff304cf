#pragma once

#include "ui/charts/PlotMapping.h"
#include "src/metrics/Sample.h"

#include <QGraphicsItem>
#include <QPen>
#include <QPolygonF>

#include <vector>

namespace golive {

// The raw latency of one probe, min/max-decimated into pixel columns, painted as polylines
// inside a QChart, broken wherever failed samples lie between two successful ones: a run of
// failures is a gap, never a diagonal that looks like a gradual rise. Not a QLineSeries on purpose: a line series rebuilds a stroked hit-test shape
// of all its points on every update, which made a live 24 h redraw of five probes cost ~8 ms
// before anything was painted (tests/bench/PERFORMANCE.md). This item only maps points, and
// only when it is about to paint.
class EnvelopeItem : public QGraphicsItem {
public:
    explicit EnvelopeItem(QGraphicsItem *parent = nullptr);

    // Successful samples in time order (DecimatedSamples::line), and the failed ones (in time
    // order) that break the line.
    void setSamples(std::vector<Sample> samples, const std::vector<Sample> &failures = {});
    const std::vector<Sample> &samples() const { return m_samples; }
    // Indexes into samples() where a new stretch of line starts after a gap (never 0).
    const std::vector<size_t> &gapStarts() const { return m_gapStarts; }

    void setMapping(const PlotMapping &mapping);
    const PlotMapping &mapping() const { return m_mapping; }

    void setPen(const QPen &pen);
    QPen pen() const { return m_pen; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget = nullptr) override;

private:
    std::vector<Sample> m_samples;
    std::vector<size_t> m_gapStarts;
    PlotMapping m_mapping;
    QPen m_pen;
    QPolygonF m_polyline;
    bool m_polylineStale = true;
};

} // namespace golive
