// The canary against stable, from the cluster's view: pod states, readiness against the grace
// period (the injectable clock moves time), health failure share and latency with their
// tolerances, and "insufficient data" / "no canary" that are never a pass.
#include "src/rollout/CanaryComparison.h"
#include "src/rollout/CanaryWatch.h"
#include "FakeClock.h"
#include "src/metrics/MetricsStore.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace golive;
using Mark = CanaryReason::Mark;

namespace {

PodView pod(const QString &name, const QString &hash, bool ready, const QDateTime &since,
            int restarts = 0, const QString &reason = {})
{
    PodView p;
    p.name = name;
    p.templateHash = hash;
    p.phase = QStringLiteral("Running");
    p.ready = ready;
    p.restarts = restarts;
    p.reason = reason;
    p.created = since;
    p.readyChanged = since;
    return p;
}

struct ComparisonTest : ::testing::Test {
    test::FakeClock clock;
    CanarySettings settings;
    RolloutSnapshot snapshot;
    QList<PodHealthSample> samples;

    void SetUp() override
    {
        settings.podHealth = {8080, QStringLiteral("/api/health")};
        snapshot.name = QStringLiteral("app");
        snapshot.namespaceName = QStringLiteral("shop");
        ReplicaSetView canary;
        canary.name = QStringLiteral("app-7c9d8f");
        canary.revision = 7;
        canary.templateHash = QStringLiteral("7c9d8f");
        canary.images = {QStringLiteral("example/app:v3")};
        canary.current = true;
        canary.desired = 1;
        canary.pods = {pod(QStringLiteral("app-7c9d8f-x2"), canary.templateHash, true,
                           clock.nowUtc())};
        ReplicaSetView stable;
        stable.name = QStringLiteral("app-5b4f6");
        stable.revision = 6;
        stable.templateHash = QStringLiteral("5b4f6");
        stable.images = {QStringLiteral("example/app:v2")};
        stable.desired = 3;
        for (const char *name : {"app-5b4f6-a", "app-5b4f6-b", "app-5b4f6-c"})
            stable.pods << pod(QString::fromLatin1(name), stable.templateHash, true,
                               clock.nowUtc().addSecs(-3600));
        snapshot.replicaSets = {canary, stable};
    }

    ReplicaSetView &canary() { return snapshot.replicaSets[0]; }

    void answer(const QString &podName, PodVersion version, PodHealthSample::Status status,
                qint64 latencyMs, int times = 1)
    {
        for (int i = 0; i < times; ++i) {
            PodHealthSample s;
            s.pod = podName;
            s.version = version;
            s.atMs = clock.nowUtc().toMSecsSinceEpoch();
            s.status = status;
            s.httpStatus = status == PodHealthSample::Status::Healthy ? 200 : 503;
            s.latencyMs = latencyMs;
            s.failure = status == PodHealthSample::Status::Healthy ? FailureKind::Ok
                                                                   : FailureKind::Server5xx;
            samples << s;
        }
    }

    void stableHealthy(int rounds, qint64 latencyMs = 100)
    {
        for (const PodView &p : snapshot.replicaSets[1].pods)
            answer(p.name, PodVersion::Stable, PodHealthSample::Status::Healthy, latencyMs, rounds);
    }

    CanaryComparison evaluate() const
    {
        return CanaryComparison::evaluate(snapshot, samples, settings, clock.nowUtc());
    }
};

const CanaryReason *find(const CanaryComparison &c, const char *id)
{
    for (const CanaryReason &r : c.reasons) {
        if (r.id == QLatin1String(id))
            return &r;
    }
    return nullptr;
}

} // namespace

TEST_F(ComparisonTest, AHealthyCanaryWithEnoughAnswersIsPromoted)
{
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Healthy,
           110, 3);
    stableHealthy(3);
    const CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Healthy);
    EXPECT_EQ(toString(c.recommendation()), QStringLiteral("promote"));
    ASSERT_NE(find(c, "canary-health-failures"), nullptr);
    EXPECT_TRUE(find(c, "canary-health-failures")
                    ->text.startsWith(QStringLiteral("canary health failures 0/3 (0.0 %) vs "
                                                     "stable 0/9 (0.0 %), tolerance 5 percentage "
                                                     "points")))
        << find(c, "canary-health-failures")->text.toStdString();
    EXPECT_EQ(find(c, "canary-health-latency")->text,
              QStringLiteral("canary health latency median 110 ms <= stable 100 ms × 2 = 200 ms "
                             "(3 canary, 9 stable samples)"));
}

TEST_F(ComparisonTest, ACrashLoopingCanaryPodFailsAtOnceNamingPodReasonRestartsAndAge)
{
    canary().pods[0] = pod(QStringLiteral("app-7c9-x2"), QStringLiteral("7c9d8f"), false,
                           clock.nowUtc(), 4, QStringLiteral("CrashLoopBackOff"));
    clock.advanceSeconds(180);
    const CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Unhealthy);
    EXPECT_EQ(toString(c.recommendation()), QStringLiteral("roll-back"));
    EXPECT_EQ(find(c, "canary-pods")->mark, Mark::Fail);
    EXPECT_EQ(find(c, "canary-pods")->text,
              QStringLiteral("canary pod app-7c9-x2 CrashLoopBackOff, 4 restarts in 3 min"));
}

TEST_F(ComparisonTest, ANotReadyCanaryPodIsWaitedForDuringTheGraceThenFails)
{
    settings.graceSeconds = 60;
    canary().pods[0].ready = false;
    canary().pods[0].readyChanged = clock.nowUtc();
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Healthy,
           100, 3);
    stableHealthy(3);
    clock.advanceSeconds(59);
    CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::InsufficientData);
    EXPECT_EQ(find(c, "canary-ready")->mark, Mark::NoData);
    EXPECT_EQ(find(c, "canary-ready")->text,
              QStringLiteral("canary pod app-7c9d8f-x2 not Ready for 59 s, within the grace 60 s"));
    clock.advanceSeconds(2);
    c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Unhealthy);
    EXPECT_EQ(find(c, "canary-ready")->text,
              QStringLiteral("canary pod app-7c9d8f-x2 not Ready for 61 s (grace 60 s)"));
}

TEST_F(ComparisonTest, CanaryFailuresAboveStablesBeyondTheToleranceFail)
{
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Down, 12,
           6);
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Healthy,
           100, 14);
    stableHealthy(20);
    const CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Unhealthy);
    const CanaryReason *r = find(c, "canary-health-failures");
    EXPECT_EQ(r->mark, Mark::Fail);
    EXPECT_TRUE(r->text.startsWith(QStringLiteral(
        "canary health failures 6/20 (30.0 %) vs stable 0/60 (0.0 %), tolerance 5 percentage "
        "points; canary pods app-7c9d8f-x2, failing: app-7c9d8f-x2 (6 of 20)")))
        << r->text.toStdString();
}

TEST_F(ComparisonTest, AFailureShareWithinTheToleranceOfStablesPasses)
{
    settings.healthFailureTolerancePercent = 10;
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Down, 12,
           1);
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Healthy,
           100, 9);
    stableHealthy(10);
    EXPECT_EQ(find(evaluate(), "canary-health-failures")->mark, Mark::Pass);
}

TEST_F(ComparisonTest, CanaryLatencyBeyondTheFactorOfStablesFails)
{
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Healthy,
           450, 5);
    stableHealthy(5, 150);
    const CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Unhealthy);
    EXPECT_EQ(find(c, "canary-health-latency")->text,
              QStringLiteral("canary health latency median 450 ms > stable 150 ms × 2 = 300 ms "
                             "(5 canary, 15 stable samples)"));
}

TEST_F(ComparisonTest, TooFewCanaryAnswersAreInsufficientDataNeverAPass)
{
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Healthy,
           100, 2);
    stableHealthy(10);
    const CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::InsufficientData);
    EXPECT_EQ(toString(c.recommendation()), QStringLiteral("wait"));
    EXPECT_EQ(find(c, "canary-health-failures")->text,
              QStringLiteral("canary health: 2 answers from app-7c9d8f-x2, at least 3 needed"));
}

TEST_F(ComparisonTest, GoneAndForbiddenAreNotCountedAsDown)
{
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Healthy,
           100, 3);
    stableHealthy(3);
    answer(QStringLiteral("app-5b4f6-a"), PodVersion::Stable, PodHealthSample::Status::Gone, 5);
    const CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::Healthy);
    EXPECT_TRUE(find(c, "canary-health-failures")
                    ->text.endsWith(QStringLiteral("not counted: app-5b4f6-a gone (deleted "
                                                   "between the list and the probe)")));
    answer(QStringLiteral("app-7c9d8f-x2"), PodVersion::Canary, PodHealthSample::Status::Forbidden,
           5);
    const CanaryComparison forbidden = evaluate();
    EXPECT_EQ(forbidden.overall, CanaryComparison::Overall::InsufficientData);
    EXPECT_TRUE(find(forbidden, "pod-health")->text.contains(
        QStringLiteral("may not get pods/proxy in namespace shop")));
}

TEST_F(ComparisonTest, NoCanarySaysWhatRunsInstead)
{
    snapshot.replicaSets[1].pods.clear(); // every pod on the current template
    for (const char *name : {"app-7c9d8f-y1", "app-7c9d8f-y2"})
        canary().pods << pod(QString::fromLatin1(name), QStringLiteral("7c9d8f"), true,
                             clock.nowUtc());
    const CanaryComparison c = evaluate();
    EXPECT_EQ(c.overall, CanaryComparison::Overall::NoCanary);
    EXPECT_EQ(toString(c.overall), QStringLiteral("no-canary"));
    EXPECT_EQ(toString(c.recommendation()), QStringLiteral("wait"));
    ASSERT_EQ(c.reasons.size(), 1);
    EXPECT_EQ(c.reasons[0].text,
              QStringLiteral("no canary: all 3 pods run revision 7, image example/app:v3"));
}

TEST_F(ComparisonTest, TheWatchEndsAtOnceWhenACanaryPodCrashLoops)
{
    MetricsStore store;
    CanaryWatch watch(store, [] { return QList<Alert>(); }, GateThresholds{}, settings, clock);
    QSignalSpy finished(&watch, &CanaryWatch::finished);
    watch.start(10 * 60'000);
    watch.setPodEvidence(snapshot, {});
    EXPECT_TRUE(finished.isEmpty());
    EXPECT_EQ(watch.verdict().reasons.first().id, QStringLiteral("canary-pods"));
    canary().pods[0].reason = QStringLiteral("CrashLoopBackOff");
    canary().pods[0].ready = false;
    canary().pods[0].restarts = 2;
    clock.advanceSeconds(30);
    watch.setPodEvidence(snapshot, {});
    ASSERT_EQ(finished.size(), 1);
    const auto verdict = finished.first().first().value<CanaryVerdict>();
    EXPECT_EQ(verdict.overall, CanaryVerdict::Overall::Unhealthy);
    EXPECT_EQ(verdict.recommendation(), CanaryVerdict::Recommendation::RollBack);
    EXPECT_EQ(verdict.reasons.first().text,
              QStringLiteral("canary pod app-7c9d8f-x2 CrashLoopBackOff, 2 restarts in 30 s"));
    // The probe lines stay, labelled as what they are.
    bool labelled = false;
    for (const CanaryReason &r : verdict.reasons)
        labelled = labelled || r.text.startsWith(QStringLiteral("Cohere from this machine: chat"));
    EXPECT_TRUE(labelled);
}
