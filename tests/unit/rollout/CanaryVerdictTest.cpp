#include "src/rollout/CanaryVerdict.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"

#include <gtest/gtest.h>

using namespace golive;

namespace {

// Every sample a test feeds must be stored: a refused one would silently change the verdict.
void expectRecorded(MetricsStore &store, const QString &probe, const Sample &sample)
{
    EXPECT_TRUE(store.record(probe, sample).ok());
}

constexpr qint64 kStart = 1'000'000'000'000; // watch start, UTC epoch ms
constexpr qint64 kEnd = kStart + 10 * 60'000;
constexpr qint64 kBaseFrom = kStart - 10 * 60'000;

Sample ok(qint64 atMs, double latencyMs)
{
    Sample s;
    s.atMs = atMs;
    s.latencyMs = latencyMs;
    s.httpStatus = 200;
    return s;
}

Sample failed(qint64 atMs, FailureKind kind)
{
    Sample s = ok(atMs, 100);
    s.failure = kind;
    s.outcome = outcomeOf(kind);
    s.httpStatus = kind == FailureKind::RateLimited ? 429 : 503;
    return s;
}

struct VerdictTest : ::testing::Test {
    MetricsStore store;
    GateThresholds gates; // seed: chat 5000 ms, embed/rerank 500 ms

    // 20 samples per Cohere probe inside the watch window, all fast and fine.
    void healthyWindow(double chatMs = 1000, double embedMs = 100, double rerankMs = 100)
    {
        for (int i = 0; i < 20; ++i) {
            const qint64 at = kStart + 1000 + i * 20'000;
            expectRecorded(store, QString::fromLatin1(probename::cohereChat), ok(at, chatMs));
            expectRecorded(store, QString::fromLatin1(probename::cohereEmbed), ok(at, embedMs));
            expectRecorded(store, QString::fromLatin1(probename::cohereRerank), ok(at, rerankMs));
        }
    }

    CanaryVerdict verdict(const QList<Alert> &alerts = {})
    {
        const auto baseline = CanaryVerdict::captureBaseline(store, kBaseFrom, kStart - 1);
        return CanaryVerdict::evaluate(store, alerts, gates, baseline, kStart, kEnd);
    }

    static CanaryReason::Mark mark(const CanaryVerdict &v, const QString &id)
    {
        for (const auto &r : v.reasons) {
            if (r.id == id)
                return r.mark;
        }
        ADD_FAILURE() << "no reason " << id.toStdString();
        return CanaryReason::Mark::NoData;
    }
};

void recordBaseline(MetricsStore &store, int total, int server5xx, int rateLimited)
{
    for (int i = 0; i < total; ++i) {
        const qint64 at = kBaseFrom + 1000 + i * 1000;
        Sample s = ok(at, 100);
        if (i < server5xx)
            s = failed(at, FailureKind::Server5xx);
        else if (i < server5xx + rateLimited)
            s = failed(at, FailureKind::RateLimited);
        expectRecorded(store, QString::fromLatin1(probename::cohereChat), s);
    }
}

} // namespace

TEST_F(VerdictTest, AllGreenIsHealthyAndRecommendsPromotion)
{
    healthyWindow();
    const auto v = verdict();
    EXPECT_EQ(v.overall, CanaryVerdict::Overall::Healthy);
    EXPECT_EQ(v.recommendation(), CanaryVerdict::Recommendation::Promote);
    EXPECT_EQ(v.reasons.size(), 6);
    EXPECT_EQ(v.summary(), QStringLiteral("Healthy: promote"));
}

TEST_F(VerdictTest, AnActiveP1AlertFailsTheCanary)
{
    healthyWindow();
    Alert p1{QStringLiteral("cohere-unreachable"),
             AlertSeverity::P1,
             QStringLiteral("Cohere unreachable"),
             {},
             {},
             {}};
    Alert p2{QStringLiteral("rate-limited"),
             AlertSeverity::P2,
             QStringLiteral("Rate limited"),
             {},
             {},
             {}};
    EXPECT_EQ(mark(verdict({p2}), "p1-alert"), CanaryReason::Mark::Pass);
    const auto v = verdict({p1, p2});
    EXPECT_EQ(mark(v, "p1-alert"), CanaryReason::Mark::Fail);
    EXPECT_EQ(v.overall, CanaryVerdict::Overall::Unhealthy);
    EXPECT_EQ(v.recommendation(), CanaryVerdict::Recommendation::RollBack);
    EXPECT_TRUE(v.reasons.first().text.contains("Cohere unreachable"));
}

TEST_F(VerdictTest, ChatP95JustBelowFiveSecondsPasses)
{
    healthyWindow(4999);
    EXPECT_EQ(mark(verdict(), "chat-p95"), CanaryReason::Mark::Pass);
}

TEST_F(VerdictTest, ChatP95AtFiveSecondsFails)
{
    healthyWindow(5000);
    const auto v = verdict();
    EXPECT_EQ(mark(v, "chat-p95"), CanaryReason::Mark::Fail);
    EXPECT_TRUE(v.reasons[1].text.contains("5000 ms >= 5000 ms"))
        << v.reasons[1].text.toStdString();
}

TEST_F(VerdictTest, EmbedAndRerankP95MustStayBelowHalfASecond)
{
    healthyWindow(1000, 499, 500);
    const auto v = verdict();
    EXPECT_EQ(mark(v, "embed-p95"), CanaryReason::Mark::Pass);
    EXPECT_EQ(mark(v, "rerank-p95"), CanaryReason::Mark::Fail);
    EXPECT_EQ(v.summary(), QStringLiteral("Unhealthy (rerank-p95): roll back"));
}

TEST_F(VerdictTest, NoSamplesForAProbeIsInsufficientDataNamingIt)
{
    for (int i = 0; i < 5; ++i) {
        expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                       ok(kStart + i * 1000, 100));
        expectRecorded(store, QString::fromLatin1(probename::cohereEmbed),
                       ok(kStart + i * 1000, 100));
    }
    const auto v = verdict();
    EXPECT_EQ(v.overall, CanaryVerdict::Overall::InsufficientData);
    EXPECT_EQ(v.probesWithoutSamples, QStringList{QString::fromLatin1(probename::cohereRerank)});
    EXPECT_EQ(mark(v, "rerank-p95"), CanaryReason::Mark::NoData);
    EXPECT_EQ(v.recommendation(), CanaryVerdict::Recommendation::RollBack);
    EXPECT_TRUE(v.summary().contains("cohere-rerank"));
}

TEST_F(VerdictTest, SamplesOutsideTheWindowDoNotCount)
{
    expectRecorded(store, QString::fromLatin1(probename::cohereChat), ok(kStart - 1, 9000));
    healthyWindow();
    expectRecorded(store, QString::fromLatin1(probename::cohereChat), ok(kEnd + 1, 9000));
    EXPECT_EQ(verdict().overall, CanaryVerdict::Overall::Healthy);
}

TEST_F(VerdictTest, ServerErrorShareMayEqualButNotExceedTheBaseline)
{
    recordBaseline(store, 20, 1, 0); // 5% before the canary
    healthyWindow();                 // 60 samples in the window
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 5000, FailureKind::Server5xx));
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 6000, FailureKind::Server5xx));
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 7000, FailureKind::Server5xx));
    EXPECT_EQ(mark(verdict(), "5xx-share"), CanaryReason::Mark::Pass) << "3 of 63 = 4.8% <= 5%";
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 8000, FailureKind::Server5xx));
    const auto v = verdict();
    EXPECT_EQ(mark(v, "5xx-share"), CanaryReason::Mark::Fail) << "4 of 64 = 6.3% > 5%";
    EXPECT_TRUE(v.reasons[4].text.contains("(4 of 64)")) << v.reasons[4].text.toStdString();
}

TEST_F(VerdictTest, AnyServerErrorFailsWhenTheBaselineHadNone)
{
    recordBaseline(store, 20, 0, 0);
    healthyWindow();
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 5000, FailureKind::Server5xx));
    EXPECT_EQ(mark(verdict(), "5xx-share"), CanaryReason::Mark::Fail);
}

TEST_F(VerdictTest, RateLimitsMayNotRiseBeyondTheDocumentedTolerance)
{
    recordBaseline(store, 40, 0, 20); // 20 429s in 10 minutes: 2/min
    healthyWindow();
    // Allowed: 2/min * 1.1 + 0.2 = 2.4/min, i.e. 24 in the 10-minute window.
    for (int i = 0; i < 24; ++i)
        expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                       failed(kStart + 500 + i * 1000, FailureKind::RateLimited));
    EXPECT_EQ(mark(verdict(), "429-rate"), CanaryReason::Mark::Pass);
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 30'000, FailureKind::RateLimited));
    EXPECT_EQ(mark(verdict(), "429-rate"), CanaryReason::Mark::Fail);
}

TEST_F(VerdictTest, OneStray429WithoutBaselineIsNoise)
{
    healthyWindow();
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 500, FailureKind::RateLimited));
    EXPECT_EQ(mark(verdict(), "429-rate"), CanaryReason::Mark::Pass);
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 600, FailureKind::RateLimited));
    expectRecorded(store, QString::fromLatin1(probename::cohereChat),
                   failed(kStart + 700, FailureKind::RateLimited));
    EXPECT_EQ(mark(verdict(), "429-rate"), CanaryReason::Mark::Fail)
        << "3 in 10 min = 0.3/min > 0.2";
}

TEST_F(VerdictTest, AFailureOutranksMissingData)
{
    Alert p1{QStringLiteral("cohere-unreachable"),
             AlertSeverity::P1,
             QStringLiteral("Cohere unreachable"),
             {},
             {},
             {}};
    EXPECT_EQ(verdict({p1}).overall, CanaryVerdict::Overall::Unhealthy);
}
