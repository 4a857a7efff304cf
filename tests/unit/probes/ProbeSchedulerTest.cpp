#include "src/probes/ProbeScheduler.h"
#include "ProbeTestFixture.h"

using namespace golive;
using namespace golive::test;

namespace {
LoopbackResponse silence()
{
    LoopbackResponse response;
    response.delivery = LoopbackResponse::Delivery::NeverAnswer;
    return response;
}
} // namespace

class ProbeSchedulerTest : public ProbeTest {
protected:
    QString name = QString::fromLatin1(probename::healthStaging);
};

TEST_F(ProbeSchedulerTest, AProbeStillRunningWhenItsTimerFiresIsSkippedAndCounted)
{
    health.setOverride(silence());
    ProbeScheduler scheduler(*runner, {healthSpec(10'000)});
    QSignalSpy started(&scheduler, &ProbeScheduler::probeStarted);
    QSignalSpy skipped(&scheduler, &ProbeScheduler::probeSkipped);
    QSignalSpy received(&health.http(), &LoopbackHttpServer::requestReceived);

    scheduler.tick(name);
    ASSERT_TRUE(received.wait(5000));
    EXPECT_TRUE(scheduler.isRunning(name));
    scheduler.tick(name);
    scheduler.tick(name);

    EXPECT_EQ(started.size(), 1);
    EXPECT_EQ(skipped.size(), 2);
    EXPECT_EQ(scheduler.skippedCount(name), 2);
    EXPECT_FALSE(scheduler.probeNow(name));
    EXPECT_EQ(health.requests().size(), 1);
}

TEST_F(ProbeSchedulerTest, ProbeNowRunsAnIdleProbeAndReportsItsResult)
{
    ProbeScheduler scheduler(*runner, {healthSpec(), statusSpec()});
    QSignalSpy finished(&scheduler, &ProbeScheduler::probeFinished);
    EXPECT_TRUE(scheduler.probeNow(name));
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_EQ(qvariant_cast<ProbeResult>(finished.at(0).at(0)).name, name);
    EXPECT_EQ(scheduler.lastResult(name)->status, ProbeStatus::Healthy);
    EXPECT_FALSE(scheduler.probeNow(QStringLiteral("no-such-probe")));

    scheduler.probeAllNow();
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 3; }, 5000));
    EXPECT_TRUE(scheduler.lastResult(QString::fromLatin1(probename::statusPage)).has_value());
}

TEST_F(ProbeSchedulerTest, TimersFireEachProbeOnItsIntervalUntilPaused)
{
    ProbeSpec fast = healthSpec();
    fast.intervalMs = 20;
    ProbeScheduler scheduler(*runner, {fast}, [] { return 0.5; });
    QSignalSpy finished(&scheduler, &ProbeScheduler::probeFinished);
    scheduler.start();
    EXPECT_EQ(scheduler.nextDelayMs(name), 20);
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() >= 2; }, 5000));

    scheduler.pause();
    EXPECT_TRUE(scheduler.isPaused());
    EXPECT_EQ(scheduler.nextDelayMs(name), -1);
    scheduler.tick(name); // a firing that was already queued still runs, but plans nothing
    EXPECT_EQ(scheduler.nextDelayMs(name), -1);

    scheduler.resume();
    EXPECT_EQ(scheduler.nextDelayMs(name), 20);
}

TEST_F(ProbeSchedulerTest, IntervalsAreJitteredByTenPercentEitherWay)
{
    double r = 0.0;
    ProbeSpec spec = healthSpec();
    spec.intervalMs = 10'000;
    ProbeScheduler scheduler(*runner, {spec}, [&r] { return r; });
    scheduler.start();
    EXPECT_EQ(scheduler.nextDelayMs(name), 9'000);
    r = 0.999999;
    scheduler.pause();
    scheduler.resume();
    EXPECT_EQ(scheduler.nextDelayMs(name), 11'000);
    r = 0.5;
    scheduler.pause();
    scheduler.resume();
    EXPECT_EQ(scheduler.nextDelayMs(name), 10'000);
}

TEST_F(ProbeSchedulerTest, StatusChangesAreReportedOnlyWhenTheStatusChanges)
{
    ProbeScheduler scheduler(*runner, {healthSpec()});
    QSignalSpy finished(&scheduler, &ProbeScheduler::probeFinished);
    QSignalSpy changed(&scheduler, &ProbeScheduler::probeStatusChanged);

    scheduler.probeNow(name);
    ASSERT_TRUE(finished.wait(5000));
    scheduler.probeNow(name);
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_EQ(changed.size(), 0);

    health.setCohereStatus(QStringLiteral("down"));
    scheduler.probeNow(name);
    ASSERT_TRUE(finished.wait(5000));
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(changed.at(0).at(0).toString(), name);
    EXPECT_EQ(qvariant_cast<ProbeStatus>(changed.at(0).at(1)), ProbeStatus::Healthy);
    EXPECT_EQ(qvariant_cast<ProbeStatus>(changed.at(0).at(2)), ProbeStatus::Down);
}
