#pragma once

#include <QString>
#include <QtGlobal>

namespace golive {

// The time ranges a latency chart shows, ending now.
enum class ChartRange { FiveMinutes, OneHour, OneDay };

constexpr qint64 chartRangeMs(ChartRange range)
{
    switch (range) {
    case ChartRange::FiveMinutes:
        return 5 * 60'000;
    case ChartRange::OneHour:
        return 60 * 60'000;
    case ChartRange::OneDay:
        return 24 * 60 * 60'000;
    }
    return 5 * 60'000;
}

inline QString chartRangeLabel(ChartRange range)
{
    switch (range) {
    case ChartRange::FiveMinutes:
        return QStringLiteral("5 min");
    case ChartRange::OneHour:
        return QStringLiteral("1 h");
    case ChartRange::OneDay:
        return QStringLiteral("24 h");
    }
    return {};
}

} // namespace golive
