// Resident memory of a day of samples for the five charted probes with the charts open, and after
// a second day has been appended: the ring buffers and the decimated series must not grow.
#include "FakeClock.h"
#include "ui/charts/LatencyChartView.h"
#include "ui/charts/LatencyChartsPanel.h"
#include "src/metrics/MetricsStore.h"
#include "src/common/ProbeNames.h"

#include <QApplication>
#include <QFile>

#include <cstdio>

using namespace golive;

namespace {

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    constexpr qint64 daySeconds = 24 * 60 * 60;
    constexpr qint64 startMs = 1'795'000'000'000;
    const QStringList probes = {QString::fromLatin1(probename::cohereChat),
                                QString::fromLatin1(probename::cohereEmbed),
                                QString::fromLatin1(probename::cohereRerank),
                                QString::fromLatin1(probename::healthProduction),
                                QString::fromLatin1(probename::healthStaging)};

    test::FakeClock clock(QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC));
    MetricsStore store;
    LatencyChartsPanel panel(store, GateThresholds{}, AlertThresholds{}, clock);
    panel.resize(1280, 900);
    panel.setAttribute(Qt::WA_DontShowOnScreen);
    panel.show();
    panel.setRange(ChartRange::OneDay);

    auto appendDay = [&](qint64 dayIndex) {
        for (qint64 t = 0; t < daySeconds; ++t) {
            Sample s;
            s.atMs = startMs + (dayIndex * daySeconds + t) * 1000;
            s.latencyMs = 200.0 + double((t * 7919) % 900);
            s.httpStatus = 200;
            for (const QString &probe : probes)
                (void)store.record(probe, s);
        }
        clock.advanceSeconds(daySeconds);
        for (LatencyChartView *chart : panel.charts())
            chart->redraw();
        app.processEvents();
    };
    const qint64 before = residentKb();
    appendDay(0);
    const qint64 afterFirst = residentKb();
    appendDay(1);
    const qint64 afterSecond = residentKb();
    std::printf("rss_start_kb %lld\nrss_after_432000_kb %lld\nrss_after_864000_kb %lld\n",
                static_cast<long long>(before), static_cast<long long>(afterFirst),
                static_cast<long long>(afterSecond));
    return 0;
}
