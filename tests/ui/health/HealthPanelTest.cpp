#include "ui/health/HealthPanel.h"
#include "FakeClock.h"
#include "FakeTeamHealthServer.h"
#include "QStringPrinter.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"
#include "src/probes/ProbeRunner.h"
#include "src/probes/ProbeScheduler.h"
#include "ui/health/HealthTile.h"

#include <QLabel>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::test;

namespace {

QString labelText(const HealthTile *tile, const char *name)
{
    const auto *label = tile->findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<missing %1>").arg(QString::fromLatin1(name));
}

QColor statusColour(const HealthTile *tile)
{
    return tile->findChild<QLabel *>(QStringLiteral("status"))->palette().color(QPalette::Window);
}

class HealthPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(health.listen());
        spec = {QString::fromLatin1(probename::healthStaging), ProbeKind::TeamHealth,
                health.healthUrl(), 10'000, 2000};
        panel.setProbes({spec,
                         {QString::fromLatin1(probename::cohereChat), ProbeKind::CohereChat,
                          QUrl(QStringLiteral("http://127.0.0.1:1/v2/chat")), 30'000, 2000}});
        panel.resize(700, 220);
    }

    FakeClock clock;
    FakeTeamHealthServer health;
    MetricsStore metrics;
    ProbeSpec spec;
    ProbeRunner runner{nullptr, &metrics, CohereProbeRequests{}, clock};
    HealthPanel panel{metrics, clock};
};

} // namespace

TEST_F(HealthPanelTest, ShowsATilePerProbeGreyUntilAResultArrives)
{
    const HealthTile *tile = panel.tile(spec.name);
    ASSERT_NE(tile, nullptr);
    ASSERT_NE(panel.tile(QString::fromLatin1(probename::cohereChat)), nullptr);
    EXPECT_EQ(labelText(tile, "status"), QStringLiteral("no result yet"));
    EXPECT_EQ(statusColour(tile), HealthTile::colourFor(std::nullopt));
    EXPECT_EQ(labelText(tile, "p95"), QStringLiteral("P95 (5 min): –"));
}

TEST_F(HealthPanelTest, TilesFollowTheSchedulersResultsAndTheMetricsP95)
{
    ProbeScheduler live(runner, {spec});
    QObject::connect(&live, &ProbeScheduler::probeFinished, &panel, &HealthPanel::showResult);
    QSignalSpy finished(&live, &ProbeScheduler::probeFinished);
    live.probeNow(spec.name);
    ASSERT_TRUE(finished.wait(5000));
    const HealthTile *tile = panel.tile(spec.name);
    EXPECT_EQ(labelText(tile, "status"), QStringLiteral("HEALTHY"));
    EXPECT_EQ(statusColour(tile), HealthTile::colourFor(ProbeStatus::Healthy));
    EXPECT_TRUE(labelText(tile, "latency").endsWith(QStringLiteral(" ms")));
    EXPECT_NE(labelText(tile, "p95"), QStringLiteral("P95 (5 min): –"));

    health.setCohereStatus(QStringLiteral("down"));
    live.probeNow(spec.name);
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_EQ(labelText(tile, "status"), QStringLiteral("DOWN"));
    EXPECT_EQ(statusColour(tile), HealthTile::colourFor(ProbeStatus::Down));
    EXPECT_EQ(tile->findChild<QLabel *>(QStringLiteral("error"))->toolTip(),
              QStringLiteral("the service reports Cohere down"));
    panel.grab().save(QStringLiteral("/tmp/golive-health-panel.png"));
}

TEST_F(HealthPanelTest, SkippedIsGreyAndALongErrorIsElidedWithTheFullTextInTheTooltip)
{
    ProbeResult skipped;
    skipped.name = QString::fromLatin1(probename::cohereChat);
    skipped.kind = ProbeKind::CohereChat;
    skipped.status = ProbeStatus::Skipped;
    skipped.error = QStringLiteral("no API key: set CO_API_KEY or store one in the console");
    skipped.at = clock.nowUtc();
    panel.showResult(skipped);
    const HealthTile *tile = panel.tile(skipped.name);
    EXPECT_EQ(statusColour(tile), HealthTile::colourFor(ProbeStatus::Skipped));
    const auto *error = tile->findChild<QLabel *>(QStringLiteral("error"));
    EXPECT_EQ(error->toolTip(), skipped.error);

    ProbeResult down = skipped;
    down.status = ProbeStatus::Down;
    down.error = QStringLiteral("unexpected response: ") + QString(300, QLatin1Char('x'));
    panel.showResult(down);
    EXPECT_EQ(error->toolTip(), down.error);
    EXPECT_LT(error->text().size(), down.error.size());
    EXPECT_TRUE(error->text().endsWith(QStringLiteral("…")));
}

TEST_F(HealthPanelTest, P95CoversOnlyTheLastFiveMinutes)
{
    Sample slow;
    slow.atMs = clock.nowUtc().toMSecsSinceEpoch();
    slow.latencyMs = 9000;
    ASSERT_FALSE(metrics.record(spec.name, slow).failed());
    EXPECT_EQ(labelText(panel.tile(spec.name), "p95"), QStringLiteral("P95 (5 min): 9000 ms"));

    clock.advanceSeconds(6 * 60);
    Sample fast;
    fast.atMs = clock.nowUtc().toMSecsSinceEpoch();
    fast.latencyMs = 120;
    ASSERT_FALSE(metrics.record(spec.name, fast).failed());
    EXPECT_EQ(labelText(panel.tile(spec.name), "p95"), QStringLiteral("P95 (5 min): 120 ms"));
}

TEST_F(HealthPanelTest, SlowIsAmberNamingTheGateAndUnknownIsGrey)
{
    ProbeResult slow;
    slow.name = QString::fromLatin1(probename::cohereChat);
    slow.kind = ProbeKind::CohereChat;
    slow.status = ProbeStatus::Slow;
    slow.latencyMs = 7012;
    slow.error = QStringLiteral("slow: answered in 7012 ms, above its gate gates.chat_p95_ms "
                                "(5000 ms)");
    slow.at = clock.nowUtc();
    panel.showResult(slow);
    const HealthTile *tile = panel.tile(slow.name);
    EXPECT_EQ(labelText(tile, "status"), QStringLiteral("SLOW"));
    const QColor amber = statusColour(tile);
    EXPECT_EQ(amber, HealthTile::colourFor(ProbeStatus::Slow));
    EXPECT_NE(amber, HealthTile::colourFor(ProbeStatus::Healthy));
    EXPECT_NE(amber, HealthTile::colourFor(ProbeStatus::Down));
    EXPECT_GT(amber.red(), amber.blue()); // amber, not grey
    EXPECT_TRUE(tile->findChild<QLabel *>(QStringLiteral("error"))
                    ->toolTip()
                    .contains(QStringLiteral("gates.chat_p95_ms")));

    ProbeResult unknown = slow;
    unknown.status = ProbeStatus::Unknown;
    panel.showResult(unknown);
    EXPECT_EQ(labelText(tile, "status"), QStringLiteral("UNKNOWN"));
    EXPECT_EQ(statusColour(tile), HealthTile::colourFor(std::nullopt)); // grey, like no result
}

TEST_F(HealthPanelTest, APlanThatOutrunsAnAllowanceIsWarnedAboveTheTiles)
{
    EXPECT_TRUE(panel.planWarnings()->isHidden());
    panel.setPlanWarnings({QStringLiteral("probing command-a-reasoning-08-2025 every 30 s is "
                                          "~86,400 calls a month; it is limited to 1,000")});
    EXPECT_FALSE(panel.planWarnings()->isHidden());
    EXPECT_TRUE(panel.planWarnings()->text().contains(QStringLiteral("~86,400 calls a month")));
    panel.grab().save(QStringLiteral("/tmp/golive-health-plan-warning.png"));
    panel.setPlanWarnings({});
    EXPECT_TRUE(panel.planWarnings()->isHidden());
}
