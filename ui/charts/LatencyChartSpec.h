#pragma once

#include <QColor>
#include <QList>
#include <QString>

namespace golive {

// What one latency chart shows: which probes (one raw line and P50/P95 lines each) and which
// horizontal threshold lines.
struct LatencyChartSpec {
    struct Probe {
        QString probeName; // as recorded in the MetricsStore (ProbeNames.h)
        QString label;     // for the legend
        QColor color;
    };
    struct Threshold {
        QString id;    // objectName of the line, e.g. "gate" or "alert"
        QString label; // legend text
        double ms = 0.0;
        bool alert = false; // red (alert) rather than the neutral gate colour
    };

    QString id; // objectName of the chart view
    QString title;
    QList<Probe> probes;
    QList<Threshold> thresholds;
};

} // namespace golive
