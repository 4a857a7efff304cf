// Real traffic (Prometheus) in the canary's verdicts: the headless comparison of `golive canary`
// and the window's watch. A failing traffic line fails the canary, too little traffic leaves it
// without enough data, a query Prometheus did not answer is "no-data": never a pass.
#include "src/rollout/CanaryComparison.h"
#include "src/rollout/CanaryStatusReport.h"
#include "src/rollout/CanaryWatch.h"
#include "FakeClock.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"

#include <QJsonArray>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace golive;

namespace {

PodView pod(const QString &name, const QString &hash, const QDateTime &since)
{
    PodView p;
    p.name = name;
    p.templateHash = hash;
    p.phase = QStringLiteral("Running");
    p.ready = true;
    p.created = since;
    p.readyChanged = since;
    return p;
}

// One canary pod on 7c9d8f against three stable pods on 5b4f6, all Ready for an hour.
RolloutSnapshot canarySnapshot(const QDateTime &now)
{
    RolloutSnapshot snapshot;
    snapshot.name = QStringLiteral("app");
    snapshot.namespaceName = QStringLiteral("shop");
    ReplicaSetView canary;
    canary.name = QStringLiteral("app-7c9d8f");
    canary.revision = 7;
    canary.templateHash = QStringLiteral("7c9d8f");
    canary.current = true;
    canary.desired = 1;
    canary.pods = {pod(QStringLiteral("app-7c9d8f-x2"), canary.templateHash, now.addSecs(-3600))};
    ReplicaSetView stable;
    stable.name = QStringLiteral("app-5b4f6");
    stable.revision = 6;
    stable.templateHash = QStringLiteral("5b4f6");
    stable.desired = 3;
    for (const char *name : {"app-5b4f6-a", "app-5b4f6-b", "app-5b4f6-c"})
        stable.pods << pod(QString::fromLatin1(name), stable.templateHash, now.addSecs(-3600));
    snapshot.replicaSets = {canary, stable};
    return snapshot;
}

// Traffic as the reader reports it: every signal with its query and a value.
VersionTraffic traffic(const QString &version, double requestsPerS, double share5xx,
                       double chatP95Ms = 250)
{
    VersionTraffic t;
    t.version = version;
    t.window = QStringLiteral("5m");
    t.matcher = QStringLiteral(R"(pod=~"%1")").arg(version);
    for (const TrafficSignal *signal : t.signalList()) {
        TrafficSignal *s = t.signalByKey(signal->key);
        s->promql = QStringLiteral("%1{%2}").arg(signal->key, t.matcher);
        s->value = 0.0;
    }
    t.requestsPerS.value = requestsPerS;
    t.error5xxShare.value = share5xx;
    t.chatP95Ms.value = chatP95Ms;
    t.embedP95Ms.value = 60;
    t.rerankP95Ms.value = 80;
    return t;
}

// Prometheus did not answer: every query failed with the transport's words.
VersionTraffic unanswered(const QString &version)
{
    VersionTraffic t = traffic(version, 0, 0);
    for (const TrafficSignal *signal : t.signalList()) {
        TrafficSignal *s = t.signalByKey(signal->key);
        s->value.reset();
        s->error = QStringLiteral("Prometheus at http://127.0.0.1:9 did not answer: connection "
                                  "refused");
    }
    return t;
}

const TrafficReason *findReason(const QList<TrafficReason> &reasons, const QString &id)
{
    for (const TrafficReason &r : reasons) {
        if (r.line.id == id)
            return &r;
    }
    return nullptr;
}

struct CanaryTrafficTest : ::testing::Test {
    test::FakeClock clock;
    CanarySettings settings; // no pod health: traffic is the evidence

    CanaryComparison judge(const VersionTraffic &canary, const VersionTraffic &stable)
    {
        CanaryComparison c = CanaryComparison::evaluate(canarySnapshot(clock.nowUtc()), {},
                                                        settings, clock.nowUtc(), false);
        c.addTraffic(TrafficVerdict::evaluate(canary, stable, {}, {}), canary);
        return c;
    }
};

} // namespace

TEST_F(CanaryTrafficTest, TheVersionsAreSelectedByTheirReplicaSetsPodsAndHash)
{
    const auto versions = CanaryComparison::trafficVersions(canarySnapshot(clock.nowUtc()));
    ASSERT_EQ(versions.size(), 2);
    EXPECT_EQ(versions[0], (VersionSelector{QStringLiteral("canary"),
                                            {QStringLiteral("app-7c9d8f-x2")},
                                            QStringLiteral("7c9d8f")}));
    EXPECT_EQ(versions[1].name, QStringLiteral("stable"));
    EXPECT_EQ(versions[1].pods.size(), 3);
    EXPECT_EQ(versions[1].podTemplateHash, QStringLiteral("5b4f6"));
    // Without a canary nothing is compared.
    RolloutSnapshot complete = canarySnapshot(clock.nowUtc());
    complete.replicaSets.removeLast();
    EXPECT_TRUE(CanaryComparison::trafficVersions(complete).isEmpty());
}

TEST_F(CanaryTrafficTest, A5xxShareFarAboveStablesFailsTheCanaryAndRecommendsRollBack)
{
    const CanaryComparison c = judge(traffic(QStringLiteral("canary"), 2.0, 0.30),
                                     traffic(QStringLiteral("stable"), 6.0, 0.0));
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Unhealthy);
    EXPECT_EQ(c.recommendation(), CanaryComparison::Recommendation::RollBack);
    const TrafficReason *share = findReason(c.trafficReasons, QStringLiteral("traffic-5xx-share"));
    ASSERT_NE(share, nullptr);
    EXPECT_EQ(share->markText(), QStringLiteral("fail"));
    EXPECT_EQ(share->line.promql, QStringLiteral(R"(error_5xx_share{pod=~"canary"})"));
    EXPECT_TRUE(share->line.text.contains(QStringLiteral("30.0 %"))) << share->line.text.toStdString();
}

TEST_F(CanaryTrafficTest, HealthyTrafficPassesAndPromotes)
{
    const CanaryComparison c = judge(traffic(QStringLiteral("canary"), 2.0, 0.0),
                                     traffic(QStringLiteral("stable"), 6.0, 0.0));
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Healthy);
    EXPECT_EQ(c.recommendation(), CanaryComparison::Recommendation::Promote);
    EXPECT_EQ(c.trafficReasons.size(), 7);
}

TEST_F(CanaryTrafficTest, TooLittleCanaryTrafficIsInsufficientDataNotHealthy)
{
    const CanaryComparison c = judge(traffic(QStringLiteral("canary"), 0.01, 0.0),
                                     traffic(QStringLiteral("stable"), 6.0, 0.0));
    EXPECT_EQ(c.overall, CanaryComparison::Overall::InsufficientData);
    EXPECT_EQ(c.recommendation(), CanaryComparison::Recommendation::Wait);
    EXPECT_EQ(findReason(c.trafficReasons, QStringLiteral("traffic-volume"))->markText(),
              QStringLiteral("insufficient"));
}

TEST_F(CanaryTrafficTest, PrometheusNotAnsweringIsNoDataNeverAPass)
{
    const CanaryComparison c =
        judge(unanswered(QStringLiteral("canary")), unanswered(QStringLiteral("stable")));
    EXPECT_EQ(c.overall, CanaryComparison::Overall::InsufficientData);
    for (const TrafficReason &r : c.trafficReasons)
        EXPECT_EQ(r.markText(), QStringLiteral("no-data")) << r.line.id.toStdString();
    EXPECT_TRUE(findReason(c.trafficReasons, QStringLiteral("traffic-volume"))
                    ->line.text.contains(QStringLiteral("did not answer")));
}

TEST_F(CanaryTrafficTest, TheReportCarriesTrafficPerVersionAndTheLinesWithTheirNumbers)
{
    CanaryStatusReport report;
    report.snapshot = canarySnapshot(clock.nowUtc());
    const VersionTraffic canary = traffic(QStringLiteral("canary"), 2.0, 0.30);
    const VersionTraffic stable = traffic(QStringLiteral("stable"), 6.0, 0.0);
    report.comparison = judge(canary, stable);
    report.canaryTraffic = canary;
    report.stableTraffic = stable;
    const QJsonObject json = report.toJsonObject();
    EXPECT_EQ(json.value("canary").toObject().value("traffic").toObject(), canary.toJson());
    EXPECT_EQ(json.value("stable").toObject().value("traffic").toObject(), stable.toJson());
    QJsonObject share;
    for (const QJsonValue &r : json.value("verdict").toObject().value("reasons").toArray()) {
        if (r.toObject().value("id") == QStringLiteral("traffic-5xx-share"))
            share = r.toObject();
    }
    EXPECT_EQ(share.value("mark").toString(), QStringLiteral("fail"));
    EXPECT_DOUBLE_EQ(share.value("value").toDouble(), 0.30);
    EXPECT_DOUBLE_EQ(share.value("threshold").toDouble(), 0.05);
    EXPECT_EQ(share.value("window").toString(), QStringLiteral("5m"));
    EXPECT_EQ(share.value("promql").toString(), QStringLiteral(R"(error_5xx_share{pod=~"canary"})"));
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(),
              QStringLiteral("unhealthy"));
    const QString text = report.toText();
    EXPECT_TRUE(text.contains(QStringLiteral("[fail] traffic-5xx-share: canary 5xx share 30.0 %")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral(R"(query: error_5xx_share{pod=~"canary"})")))
        << text.toStdString();

    // Not configured: both `traffic` objects are null.
    report.canaryTraffic.reset();
    report.stableTraffic.reset();
    const QJsonObject without = report.toJsonObject();
    EXPECT_TRUE(without.value("canary").toObject().value("traffic").isNull());
    EXPECT_TRUE(without.value("stable").toObject().value("traffic").isNull());
}

TEST_F(CanaryTrafficTest, TheWatchFailsOnAFailingTrafficLineAndAnnouncesIt)
{
    MetricsStore store;
    CanaryWatch watch(store, {}, GateThresholds{}, settings, clock);
    QSignalSpy changed(&watch, &CanaryWatch::verdictChanged);
    watch.start();
    const VersionTraffic canary = traffic(QStringLiteral("canary"), 2.0, 0.30);
    watch.setTrafficEvidence(
        TrafficVerdict::evaluate(canary, traffic(QStringLiteral("stable"), 6.0, 0.0), {}, {}),
        canary);
    EXPECT_EQ(watch.verdict().overall, CanaryVerdict::Overall::Unhealthy);
    EXPECT_EQ(watch.verdict().recommendation(), CanaryVerdict::Recommendation::RollBack);
    EXPECT_TRUE(watch.verdict().summary().contains(QStringLiteral("traffic-5xx-share")))
        << watch.verdict().summary().toStdString();
    ASSERT_FALSE(changed.isEmpty());
    EXPECT_EQ(changed.last().first().value<CanaryVerdict>().trafficReasons.size(), 7);

    // Healthy traffic on the next tick: the traffic lines pass; the probes decide the rest.
    const VersionTraffic better = traffic(QStringLiteral("canary"), 2.0, 0.0);
    watch.setTrafficEvidence(
        TrafficVerdict::evaluate(better, traffic(QStringLiteral("stable"), 6.0, 0.0), {}, {}),
        better);
    EXPECT_EQ(findReason(watch.verdict().trafficReasons, QStringLiteral("traffic-5xx-share"))->markText(),
              QStringLiteral("pass"));
    EXPECT_NE(watch.verdict().overall, CanaryVerdict::Overall::Unhealthy);
}
