#include "src/traffic/TrafficVerdict.h"

#include "QStringPrinter.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace golive;

namespace {

// A version with healthy traffic: 2 requests/s, no errors, chat 300 ms, embed 80 ms, no rerank.
VersionTraffic healthy(const QString &name)
{
    VersionTraffic traffic;
    traffic.version = name;
    traffic.window = QStringLiteral("5m");
    traffic.requestsPerS.value = 2.0;
    traffic.error5xxShare.value = 0.0;
    traffic.rateLimitedPerMin.value = 0.0;
    traffic.authFailuresPerMin.value = 0.0;
    traffic.chatP95Ms.value = 300.0;
    traffic.embedP95Ms.value = 80.0;
    traffic.rerankP95Ms.note = QStringLiteral("no data: NaN (nothing observed in the window)");
    for (const TrafficSignal *signal : traffic.signalList())
        const_cast<TrafficSignal *>(signal)->promql =
            QStringLiteral("query of %1 for %2").arg(signal->key, name);
    return traffic;
}

TrafficVerdict judge(const VersionTraffic &canary, const VersionTraffic &stable)
{
    return TrafficVerdict::evaluate(canary, stable, AlertThresholds{}, GateThresholds{});
}

const TrafficLine &line(const TrafficVerdict &verdict, const QString &id)
{
    for (const TrafficLine &line : verdict.lines) {
        if (line.id == id)
            return line;
    }
    static const TrafficLine none;
    ADD_FAILURE() << "no line " << id.toStdString();
    return none;
}

} // namespace

TEST(TrafficVerdict, ACanaryLikeStableIsHealthyAndARerankNobodyCallsIsOnlyAWarning)
{
    const TrafficVerdict verdict =
        judge(healthy(QStringLiteral("canary")), healthy(QStringLiteral("stable")));
    EXPECT_EQ(verdict.overall, TrafficVerdict::Overall::Healthy);
    EXPECT_EQ(line(verdict, QStringLiteral("traffic-rerank-p95")).mark, TrafficLine::Mark::Warn);
    EXPECT_EQ(line(verdict, QStringLiteral("traffic-5xx-share")).mark, TrafficLine::Mark::Pass);
    EXPECT_TRUE(verdict.reasons().isEmpty());
}

TEST(TrafficVerdict, ACanary5xxShareAboveTheSeedFailsWithValueThresholdWindowAndQuery)
{
    VersionTraffic canary = healthy(QStringLiteral("canary"));
    canary.error5xxShare.value = 0.30;
    const TrafficVerdict verdict = judge(canary, healthy(QStringLiteral("stable")));
    EXPECT_EQ(verdict.overall, TrafficVerdict::Overall::Unhealthy);
    const TrafficLine &share = line(verdict, QStringLiteral("traffic-5xx-share"));
    EXPECT_EQ(share.mark, TrafficLine::Mark::Fail);
    EXPECT_EQ(share.text, QStringLiteral("canary 5xx share 30.0 % over 5m > 5.0 % (seed limit); "
                                         "stable 0.0 %"));
    EXPECT_DOUBLE_EQ(share.value.value(), 0.30);
    EXPECT_DOUBLE_EQ(share.threshold.value(), 0.05);
    EXPECT_EQ(share.promql, QStringLiteral("query of error_5xx_share for canary"));
    const QJsonObject json = share.toJson();
    EXPECT_EQ(json.value(QStringLiteral("mark")).toString(), QStringLiteral("fail"));
    EXPECT_EQ(json.value(QStringLiteral("window")).toString(), QStringLiteral("5m"));
    ASSERT_EQ(verdict.reasons().size(), 1);
    EXPECT_TRUE(verdict.reasons().first().startsWith(QLatin1String("traffic-5xx-share: canary")));
}

TEST(TrafficVerdict, ACanaryBelowTheSeedButWellAboveStableFailsOnTheMargin)
{
    VersionTraffic canary = healthy(QStringLiteral("canary"));
    VersionTraffic stable = healthy(QStringLiteral("stable"));
    canary.error5xxShare.value = 0.04;
    stable.error5xxShare.value = 0.01;
    const TrafficLine share = line(judge(canary, stable), QStringLiteral("traffic-5xx-share"));
    EXPECT_EQ(share.mark, TrafficLine::Mark::Fail);
    EXPECT_TRUE(share.text.contains(QLatin1String("> stable's 1.0 % + 2 points (3.0 %)")))
        << share.text.toStdString();
    canary.error5xxShare.value = 0.025;
    EXPECT_EQ(line(judge(canary, stable), QStringLiteral("traffic-5xx-share")).mark,
              TrafficLine::Mark::Pass);
}

TEST(TrafficVerdict, P95AboveTheGateOrFarAboveStableFails)
{
    VersionTraffic canary = healthy(QStringLiteral("canary"));
    canary.chatP95Ms.value = 5200;
    const TrafficLine gate =
        line(judge(canary, healthy(QStringLiteral("stable"))), QStringLiteral("traffic-chat-p95"));
    EXPECT_EQ(gate.mark, TrafficLine::Mark::Fail);
    EXPECT_TRUE(gate.text.contains(QLatin1String("5200 ms over 5m > 5000 ms (seed gate)")))
        << gate.text.toStdString();

    canary.chatP95Ms.value = 2425;
    const TrafficLine slower =
        line(judge(canary, healthy(QStringLiteral("stable"))), QStringLiteral("traffic-chat-p95"));
    EXPECT_EQ(slower.mark, TrafficLine::Mark::Fail);
    EXPECT_TRUE(slower.text.contains(QStringLiteral("1.5 × stable's 300 ms")))
        << slower.text.toStdString();

    canary.chatP95Ms.value = 390; // within 100 ms of stable: noise, not a regression
    EXPECT_EQ(
        line(judge(canary, healthy(QStringLiteral("stable"))), QStringLiteral("traffic-chat-p95"))
            .mark,
        TrafficLine::Mark::Pass);
}

TEST(TrafficVerdict, TooLittleCanaryTrafficIsInsufficientDataNotAPass)
{
    VersionTraffic canary = healthy(QStringLiteral("canary"));
    canary.requestsPerS.value = 0.02;
    const TrafficVerdict verdict = judge(canary, healthy(QStringLiteral("stable")));
    EXPECT_EQ(verdict.overall, TrafficVerdict::Overall::InsufficientData);
    const TrafficLine &volume = line(verdict, QStringLiteral("traffic-volume"));
    EXPECT_EQ(volume.mark, TrafficLine::Mark::Insufficient);
    EXPECT_TRUE(
        volume.text.contains(QLatin1String("0.02 Cohere requests/s over 5m, below the 0.1/s")))
        << volume.text.toStdString();
}

TEST(TrafficVerdict, NoDataAndQueryErrorsAreNeverAPass)
{
    VersionTraffic canary;
    canary.version = QStringLiteral("canary");
    canary.window = QStringLiteral("5m");
    canary.requestsPerS.note = QStringLiteral("no data: the query matched no series");
    canary.error5xxShare.error =
        QStringLiteral("Prometheus refused the query (bad_data): parse error");
    const TrafficVerdict verdict = judge(canary, healthy(QStringLiteral("stable")));
    EXPECT_EQ(verdict.overall, TrafficVerdict::Overall::InsufficientData);
    for (const TrafficLine &l : verdict.lines)
        EXPECT_NE(l.mark, TrafficLine::Mark::Pass) << l.id.toStdString();
    EXPECT_TRUE(
        line(verdict, QStringLiteral("traffic-5xx-share"))
            .text.contains(QLatin1String("query failed: Prometheus refused the query (bad_data)")));
    EXPECT_TRUE(
        line(verdict, QStringLiteral("traffic-volume")).text.contains(QLatin1String("no data")));
}

TEST(TrafficVerdict, AnyCanary401FailsAndRising429sFail)
{
    VersionTraffic canary = healthy(QStringLiteral("canary"));
    canary.authFailuresPerMin.value = 0.2;
    EXPECT_EQ(
        line(judge(canary, healthy(QStringLiteral("stable"))), QStringLiteral("traffic-auth")).mark,
        TrafficLine::Mark::Fail);

    canary = healthy(QStringLiteral("canary"));
    VersionTraffic stable = healthy(QStringLiteral("stable"));
    canary.rateLimitedPerMin.value = 12.0; // 10 % of 120 requests/min
    stable.rateLimitedPerMin.value = 1.2;  // 1 %
    const TrafficLine rising = line(judge(canary, stable), QStringLiteral("traffic-429"));
    EXPECT_EQ(rising.mark, TrafficLine::Mark::Fail);
    canary.rateLimitedPerMin.value = 6.0; // 5 %
    const TrafficLine risingBelowSeed = line(judge(canary, stable), QStringLiteral("traffic-429"));
    EXPECT_EQ(risingBelowSeed.mark, TrafficLine::Mark::Fail);
    EXPECT_TRUE(
        risingBelowSeed.text.startsWith(QLatin1String("429s rising: 5.0 % of canary requests")))
        << risingBelowSeed.text.toStdString();
    canary.rateLimitedPerMin.value = 1.3;
    EXPECT_EQ(line(judge(canary, stable), QStringLiteral("traffic-429")).mark,
              TrafficLine::Mark::Pass);
}
