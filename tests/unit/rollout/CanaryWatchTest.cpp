#include "src/rollout/CanaryWatch.h"
#include "FakeClock.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace golive;

namespace {

// Every sample a test feeds must be stored: a refused one would silently change the verdict.
void expectRecorded(MetricsStore &store, const QString &probe, const Sample &sample)
{
    EXPECT_TRUE(store.record(probe, sample).ok());
}

struct WatchTest : ::testing::Test {
    test::FakeClock clock;
    MetricsStore store;
    QList<Alert> alerts;
    CanarySettings settings; // seed: 10 minutes, no auto-rollback
    std::unique_ptr<CanaryWatch> watch;

    void make()
    {
        watch = std::make_unique<CanaryWatch>(
            store, [this] { return alerts; }, GateThresholds{}, settings, clock);
    }

    void recordAll(double chatMs)
    {
        const qint64 now = clock.nowUtc().toMSecsSinceEpoch();
        for (const char *probe :
             {probename::cohereChat, probename::cohereEmbed, probename::cohereRerank}) {
            Sample s;
            s.atMs = now;
            s.latencyMs =
                QLatin1String(probe) == QLatin1String(probename::cohereChat) ? chatMs : 100;
            s.httpStatus = 200;
            expectRecorded(store, QString::fromLatin1(probe), s);
        }
    }
};

Alert p1Alert()
{
    return Alert{QStringLiteral("cohere-unreachable"),
                 AlertSeverity::P1,
                 QStringLiteral("Cohere unreachable"),
                 {},
                 {},
                 {}};
}

} // namespace

TEST_F(WatchTest, RunsForTheProfilesMinutesAndAnnouncesTheWindow)
{
    make();
    QSignalSpy window(watch.get(), &CanaryWatch::windowStarted);
    QSignalSpy finished(watch.get(), &CanaryWatch::finished);
    watch->start();
    ASSERT_EQ(window.size(), 1);
    EXPECT_EQ(window.first().at(1).toDateTime(), clock.nowUtc().addSecs(600));
    recordAll(1000);
    clock.advanceSeconds(599);
    recordAll(1000);
    EXPECT_TRUE(finished.isEmpty());
    EXPECT_EQ(watch->elapsedMs(), 599'000);
    clock.advanceSeconds(1);
    recordAll(1000);
    ASSERT_EQ(finished.size(), 1);
    const auto verdict = finished.first().first().value<CanaryVerdict>();
    EXPECT_EQ(verdict.overall, CanaryVerdict::Overall::Healthy);
    EXPECT_EQ(finished.first().at(1).value<CanaryVerdict::Recommendation>(),
              CanaryVerdict::Recommendation::Promote);
    EXPECT_FALSE(watch->isWatching());
}

TEST_F(WatchTest, ReEvaluatesOnEverySampleAndAnnouncesChanges)
{
    make();
    QSignalSpy changed(watch.get(), &CanaryWatch::verdictChanged);
    watch->start();
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(changed.last().first().value<CanaryVerdict>().overall,
              CanaryVerdict::Overall::InsufficientData);
    clock.advanceSeconds(10);
    recordAll(1000);
    EXPECT_EQ(changed.last().first().value<CanaryVerdict>().overall,
              CanaryVerdict::Overall::Healthy);
    clock.advanceSeconds(10);
    recordAll(9000);
    recordAll(9000);
    EXPECT_EQ(changed.last().first().value<CanaryVerdict>().overall,
              CanaryVerdict::Overall::Unhealthy);
}

TEST_F(WatchTest, SamplesBeforeTheWatchFormTheBaselineNotTheWindow)
{
    make();
    recordAll(9000); // a slow chat before the canary does not count against it
    clock.advanceSeconds(5);
    watch->start();
    clock.advanceSeconds(5);
    recordAll(1000);
    EXPECT_EQ(watch->verdict().overall, CanaryVerdict::Overall::Healthy);
}

TEST_F(WatchTest, AP1AlertRequestsRollbackWhenAutoRollbackIsOn)
{
    settings.autoRollback = true;
    make();
    QSignalSpy rollback(watch.get(), &CanaryWatch::autoRollbackRequested);
    QSignalSpy finished(watch.get(), &CanaryWatch::finished);
    watch->start();
    recordAll(1000);
    EXPECT_TRUE(rollback.isEmpty());
    alerts << p1Alert();
    clock.advanceSeconds(1);
    recordAll(1000);
    ASSERT_EQ(rollback.size(), 1);
    EXPECT_TRUE(rollback.first().first().toString().contains("Cohere unreachable"));
    ASSERT_EQ(finished.size(), 1);
    EXPECT_EQ(finished.first().at(1).value<CanaryVerdict::Recommendation>(),
              CanaryVerdict::Recommendation::RollBack);
}

TEST_F(WatchTest, AP1AlertOnlyFailsTheVerdictWhenAutoRollbackIsOff)
{
    make();
    QSignalSpy rollback(watch.get(), &CanaryWatch::autoRollbackRequested);
    watch->start();
    alerts << p1Alert();
    recordAll(1000);
    EXPECT_TRUE(rollback.isEmpty());
    EXPECT_TRUE(watch->isWatching());
    EXPECT_EQ(watch->verdict().overall, CanaryVerdict::Overall::Unhealthy);
}

TEST_F(WatchTest, StopEndsTheWatchOnceWithTheCurrentVerdict)
{
    make();
    QSignalSpy finished(watch.get(), &CanaryWatch::finished);
    watch->start();
    watch->stop();
    watch->stop();
    EXPECT_EQ(finished.size(), 1);
}
