#pragma once

#include "src/release/RecordDigest.h"

#include <QString>

#include <optional>

namespace golive {

// A probe's latency over the release as SVG text (the core has no QtGui to paint images with):
// every sample on a polyline, the gate's latency limit as a dashed line, failed samples marked
// with red crosses. Text and axes use currentColor so the chart follows the page's colours.
class SvgLatencyChart {
public:
    static constexpr int width = 720;
    static constexpr int height = 220;
    static QString render(const ProbeDigest &probe, std::optional<double> gateMs);
};

} // namespace golive
