#pragma once

#include <QPointF>
#include <QRectF>
#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace golive {

// Where a (time, latency) value lands in a chart's plot area: the same linear time axis and
// linear or log10 latency axis Qt Charts uses, without going through a series. Values below a
// log axis' floor sit on the floor rather than vanishing.
struct PlotMapping {
    QRectF plot;
    qint64 fromMs = 0;
    qint64 toMs = 1;
    double yMin = 0.0;
    double yMax = 1.0;
    bool log = false;

    QPointF map(qint64 atMs, double latencyMs) const
    {
        const double span = double(std::max<qint64>(toMs - fromMs, 1));
        const double x = plot.left() + double(atMs - fromMs) / span * plot.width();
        return {x, plot.bottom() - fraction(latencyMs) * plot.height()};
    }

    // The time at a horizontal position, the inverse of map()'s x.
    qint64 timeAt(double x) const
    {
        if (plot.width() <= 0.0)
            return fromMs;
        return fromMs +
               qint64(std::llround((x - plot.left()) / plot.width() * double(toMs - fromMs)));
    }

private:
    double fraction(double y) const
    {
        if (!log)
            return yMax > yMin ? (y - yMin) / (yMax - yMin) : 0.0;
        const double low = std::log10(std::max(yMin, 1e-9));
        const double high = std::log10(std::max(yMax, 1e-9));
        const double value = std::log10(std::max(y, std::max(yMin, 1e-9)));
        return high > low ? (value - low) / (high - low) : 0.0;
    }
};

} // namespace golive
