// Renders the charts panel fed with an hour of synthetic probe results (a 429 burst, a latency
// spike, a few 5xx and timeouts, a canary window) to a PNG: for README screenshots and for
// looking at the charts without a running rollout.
//   charts_snapshot OUT.png [light|dark]
#include "FakeClock.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"
#include "ui/charts/LatencyChartsPanel.h"

#include <QApplication>
#include <QPalette>

#include <cmath>
#include <cstdio>
#include <random>

using namespace golive;

namespace {

Sample make(qint64 atMs, double latencyMs, FailureKind failure = FailureKind::Ok)
{
    Sample s;
    s.atMs = atMs;
    s.latencyMs = latencyMs;
    s.failure = failure;
    s.outcome = outcomeOf(failure);
    s.httpStatus = failure == FailureKind::Ok            ? 200
                   : failure == FailureKind::RateLimited ? 429
                   : failure == FailureKind::Server5xx   ? 503
                                                         : 0;
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: charts_snapshot OUT.png [light|dark]\n");
        return 2;
    }
    if (argc > 2 && QByteArray(argv[2]) == "dark") {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Button, QColor(0x3c, 0x3c, 0x3c));
        dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        QApplication::setPalette(dark);
    }
    test::FakeClock clock(QDateTime(QDate(2026, 11, 24), QTime(11, 0), Qt::UTC));
    const qint64 now = clock.nowUtc().toMSecsSinceEpoch();
    MetricsStore store;
    std::mt19937 random(5);
    std::lognormal_distribution<double> jitter(0.0, 0.25);
    const QString chat = QString::fromLatin1(probename::cohereChat);
    const QString embed = QString::fromLatin1(probename::cohereEmbed);
    const QString rerank = QString::fromLatin1(probename::cohereRerank);
    const QString prod = QString::fromLatin1(probename::healthProduction);
    const QString staging = QString::fromLatin1(probename::healthStaging);

    for (qint64 s = 3600; s > 0; s -= 5) {
        const qint64 t = now - s * 1000;
        const qint64 minute = (3600 - s) / 60;
        // Chat: ~900 ms, a spike to 12 s around minute 38, a 429 burst at minute 22.
        double chatMs = 900 * jitter(random);
        if (minute >= 37 && minute <= 40)
            chatMs = 3000 + 9000 * std::sin(double(minute - 37 + (s % 60) / 60.0) / 4 * M_PI);
        FailureKind chatFailure = FailureKind::Ok;
        if (minute == 22 && s % 10 == 0)
            chatFailure = FailureKind::RateLimited, chatMs = 90 * jitter(random);
        if (s == 1200)
            chatFailure = FailureKind::Timeout, chatMs = 20'000;
        (void)store.record(chat, make(t, chatMs, chatFailure));
        (void)store.record(embed,
                           make(t, 180 * jitter(random),
                                s == 2100 || s == 2095 ? FailureKind::Server5xx : FailureKind::Ok));
        (void)store.record(rerank, make(t, 260 * jitter(random)));
        (void)store.record(
            prod, make(t, 45 * jitter(random), s == 900 ? FailureKind::Timeout : FailureKind::Ok));
        (void)store.record(staging, make(t, 70 * jitter(random)));
    }

    LatencyChartsPanel panel(store, GateThresholds{}, AlertThresholds{}, clock);
    panel.resize(1280, 1000);
    panel.setAttribute(Qt::WA_DontShowOnScreen);
    panel.show();
    panel.setRange(ChartRange::OneHour);
    panel.setCanaryWindow(clock.nowUtc().addSecs(-8 * 60), clock.nowUtc().addSecs(2 * 60));
    app.processEvents();
    if (const Status failed = panel.exportPng(QString::fromLocal8Bit(argv[1])); failed.failed()) {
        std::fprintf(stderr, "%s\n", qPrintable(failed->message));
        return 1;
    }
    return 0;
}
