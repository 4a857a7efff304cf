#include "src/release/SvgLatencyChart.h"

#include <QStringList>

#include <algorithm>

namespace golive {

namespace {

constexpr double left = 64;
constexpr double right = 16;
constexpr double top = 28;
constexpr double bottom = 32;

QString number(double value)
{
    return QString::number(value, 'f', 1);
}

QString formatMs(double ms)
{
    return ms >= 1000 ? QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'g', 3)
                      : QStringLiteral("%1 ms").arg(qRound(ms));
}

} // namespace

QString SvgLatencyChart::render(const ProbeDigest &probe, std::optional<double> gateMs)
{
    const double plotWidth = width - left - right;
    const double plotHeight = height - top - bottom;
    double maxMs = gateMs.value_or(0);
    for (const LatencyPoint &point : probe.points)
        maxMs = std::max(maxMs, point.latencyMs);
    maxMs = std::max(1.0, maxMs * 1.1);

    qint64 t0 = 0;
    qint64 span = 1;
    if (!probe.points.isEmpty()) {
        t0 = probe.points.first().atUtc.toMSecsSinceEpoch();
        span = std::max<qint64>(1, probe.points.last().atUtc.toMSecsSinceEpoch() - t0);
    }
    const auto x = [&](const LatencyPoint &point) {
        if (probe.points.size() < 2)
            return left + plotWidth / 2;
        return left + plotWidth * double(point.atUtc.toMSecsSinceEpoch() - t0) / double(span);
    };
    const auto y = [&](double ms) { return top + plotHeight * (1.0 - ms / maxMs); };

    QString title = probe.name.toHtmlEscaped();
    QStringList svg;
    svg << QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" "
                          "viewBox=\"0 0 %1 %2\" role=\"img\" aria-label=\"%3 latency\" "
                          "font-family=\"sans-serif\" font-size=\"11\">")
               .arg(width)
               .arg(height)
               .arg(title);
    svg << QStringLiteral("<title>%1 latency</title>").arg(title);
    svg << QStringLiteral("<text x=\"%1\" y=\"16\" fill=\"currentColor\" font-weight=\"bold\">"
                          "%2 — P50 %3, P95 %4, %5 samples, %6 failed</text>")
               .arg(number(left), title, formatMs(probe.p50Ms), formatMs(probe.p95Ms))
               .arg(probe.points.size())
               .arg(probe.failures);
    // Axes and a few gridlines with their values.
    svg << QStringLiteral("<g stroke=\"currentColor\" stroke-opacity=\"0.25\">");
    for (int i = 0; i <= 4; ++i) {
        const double ms = maxMs * i / 4.0;
        svg << QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\"/>")
                   .arg(number(left), number(y(ms)), number(left + plotWidth));
    }
    svg << QStringLiteral("</g>");
    svg << QStringLiteral("<g fill=\"currentColor\" text-anchor=\"end\">");
    for (int i = 0; i <= 4; ++i) {
        const double ms = maxMs * i / 4.0;
        svg << QStringLiteral("<text x=\"%1\" y=\"%2\">%3</text>")
                   .arg(number(left - 6), number(y(ms) + 4), formatMs(ms));
    }
    svg << QStringLiteral("</g>");
    if (!probe.points.isEmpty()) {
        const QString from = probe.points.first().atUtc.toString(QStringLiteral("HH:mm:ss"));
        const QString to = probe.points.last().atUtc.toString(QStringLiteral("HH:mm:ss"));
        svg << QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"currentColor\">%3 UTC</text>")
                   .arg(number(left), number(height - 10), from);
        svg << QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"currentColor\" "
                              "text-anchor=\"end\">%3 UTC</text>")
                   .arg(number(left + plotWidth), number(height - 10), to);
    }
    if (gateMs) {
        svg << QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#c77c00\" "
                              "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
                   .arg(number(left), number(y(*gateMs)), number(left + plotWidth));
        svg << QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"#c77c00\" text-anchor=\"end\">"
                              "gate %3</text>")
                   .arg(number(left + plotWidth), number(y(*gateMs) - 4), formatMs(*gateMs));
    }
    QStringList points;
    for (const LatencyPoint &point : probe.points)
        points << number(x(point)) + QLatin1Char(',') + number(y(point.latencyMs));
    if (!points.isEmpty())
        svg << QStringLiteral("<polyline fill=\"none\" stroke=\"#2b7bb9\" stroke-width=\"1.5\" "
                              "points=\"%1\"/>")
                   .arg(points.join(QLatin1Char(' ')));
    for (const LatencyPoint &point : probe.points) {
        if (!point.failed)
            continue;
        const double cx = x(point);
        const double cy = y(point.latencyMs);
        svg << QStringLiteral("<path d=\"M%1 %2 L%3 %4 M%1 %4 L%3 %2\" stroke=\"#d33\" "
                              "stroke-width=\"2\"><title>failed at %5</title></path>")
                   .arg(number(cx - 4), number(cy - 4), number(cx + 4), number(cy + 4),
                        point.atUtc.toString(Qt::ISODate));
    }
    svg << QStringLiteral("</svg>");
    return svg.join(QLatin1Char('\n'));
}

} // namespace golive
