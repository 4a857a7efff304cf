#include "AlertFixture.h"
#include "src/metrics/AlertRule.h"

using namespace golive;

// The seed's six monitoring rules, each at its exact threshold: just below is silent, the
// boundary behaves as the seed's wording says, just above fires.

using CohereUnreachable = AlertFixture;

TEST_F(CohereUnreachable, FiresAsP1OnTheThirdFailedHealthCheckInARow)
{
    recordTimes(2, production, FailureKind::Server5xx);
    EXPECT_EQ(fired->count(), 0) << "two failures are not yet an alert";
    record(production, FailureKind::Server5xx);
    ASSERT_EQ(fired->count(), 1) << "\"fails 3x\": the third one fires";
    const Alert alert = lastFired();
    EXPECT_EQ(alert.ruleId, QStringLiteral("cohere-unreachable"));
    EXPECT_EQ(alert.severity, AlertSeverity::P1);
    EXPECT_EQ(alert.title, QStringLiteral("Cohere unreachable"));
    EXPECT_EQ(alert.message, QStringLiteral("health-production failed 3 checks in a row (last: "
                                            "HTTP 503); alert at 3."));
}

TEST_F(CohereUnreachable, ASuccessOrARateLimitedAnswerBreaksTheStreak)
{
    recordTimes(2, staging, FailureKind::Timeout);
    record(staging, FailureKind::Ok);
    recordTimes(2, staging, FailureKind::Timeout);
    record(staging, FailureKind::RateLimited); // degraded, but reachable
    recordTimes(2, staging, FailureKind::Timeout);
    EXPECT_EQ(fired->count(), 0);
    record(staging, FailureKind::Timeout);
    EXPECT_EQ(fired->count(), 1);
    EXPECT_TRUE(lastFired().message.contains(QStringLiteral("(last: timeout)")));
    record(staging, FailureKind::Ok);
    EXPECT_EQ(resolved->count(), 1);
}

TEST_F(CohereUnreachable, SaysWhatFailedWhenA200AnswerReportedCohereDown)
{
    // The team's /api/health answered 200 each time; its body said Cohere was down. That is not
    // an HTTP failure, and the message must not read like one.
    for (int i = 0; i < 3; ++i)
        record(production, FailureKind::ReportedDown, 40, 200);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().message,
              QStringLiteral("health-production failed 3 checks in a row (last: HTTP 200, but the "
                             "body reported Cohere down); alert at 3."));
}

TEST_F(CohereUnreachable, CountsTheTeamsHealthChecksNotTheCohereProbes)
{
    recordTimes(5, chat, FailureKind::Network);
    EXPECT_FALSE(activeIds().contains(QStringLiteral("cohere-unreachable")));
}

TEST_F(CohereUnreachable, UsesTheProfilesThreshold)
{
    AlertThresholds thresholds;
    thresholds.unreachableConsecutiveFailures = 1;
    makeEngine(thresholds);
    record(production, FailureKind::Network);
    EXPECT_EQ(fired->count(), 1);
}

using HighErrorRate = AlertFixture;

TEST_F(HighErrorRate, OneIn21IsBelowFivePercentAndSilent)
{
    recordTimes(7, chat, FailureKind::Ok);
    recordTimes(7, embed, FailureKind::Ok);
    recordTimes(6, rerank, FailureKind::Ok);
    record(chat, FailureKind::Server5xx);
    EXPECT_EQ(fired->count(), 0);
}

TEST_F(HighErrorRate, OneIn20IsExactlyFivePercentAndSilentBecauseTheSeedSaysAbove)
{
    recordTimes(19, embed, FailureKind::Ok);
    record(chat, FailureKind::Server5xx);
    EXPECT_EQ(fired->count(), 0);
}

TEST_F(HighErrorRate, OneIn19IsAboveFivePercentAndFiresAsP1)
{
    recordTimes(18, embed, FailureKind::Ok);
    record(chat, FailureKind::Server5xx);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().ruleId, QStringLiteral("high-error-rate"));
    EXPECT_EQ(lastFired().severity, AlertSeverity::P1);
    EXPECT_EQ(lastFired().message, QStringLiteral("5xx on 1 of 19 Cohere requests (5.3 %) in the "
                                                  "last 5 min; alert above 5 %."));
}

TEST_F(HighErrorRate, ResolvesWhenTheErrorsAreFiveMinutesOld)
{
    record(rerank, FailureKind::Server5xx);
    ASSERT_EQ(fired->count(), 1);
    clock.advanceMs(5 * 60 * 1000 - 1);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 0) << "still inside the last 5 minutes";
    clock.advanceMs(1);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 1) << "exactly 5 minutes old has left the window";
}

TEST_F(HighErrorRate, OtherFailuresAndTheTeamsHealthChecksAreNot5xxOfCohere)
{
    record(chat, FailureKind::Timeout);
    record(chat, FailureKind::ClientError);
    record(chat, FailureKind::RateLimited);
    record(production, FailureKind::Server5xx);
    EXPECT_FALSE(activeIds().contains(QStringLiteral("high-error-rate")));
}

using RateLimited = AlertFixture;

TEST_F(RateLimited, TenResponsesWith429InAMinuteAreSilentTheEleventhFiresAsP2)
{
    for (int i = 0; i < 10; ++i) {
        record(i % 2 ? chat : embed, FailureKind::RateLimited);
        clock.advanceSeconds(5);
    }
    EXPECT_EQ(fired->count(), 0) << "\"> 10/min\": ten is not more than ten";
    record(rerank, FailureKind::RateLimited);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().ruleId, QStringLiteral("rate-limited"));
    EXPECT_EQ(lastFired().severity, AlertSeverity::P2);
    EXPECT_EQ(lastFired().message,
              QStringLiteral("11 Cohere responses were HTTP 429 in the last minute; alert above "
                             "10."));
}

TEST_F(RateLimited, CountsOnlyTheLastMinute)
{
    recordTimes(6, chat, FailureKind::RateLimited);
    clock.advanceSeconds(30);
    recordTimes(5, chat, FailureKind::RateLimited);
    ASSERT_EQ(fired->count(), 1);
    clock.advanceSeconds(30); // the first six are now exactly a minute old
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 1);
}

TEST_F(RateLimited, SpreadOverMoreThanAMinuteElevenAreSilent)
{
    for (int i = 0; i < 11; ++i) {
        record(chat, FailureKind::RateLimited);
        clock.advanceSeconds(6);
    }
    EXPECT_EQ(fired->count(), 0);
}

using HighLatency = AlertFixture;

TEST_F(HighLatency, AChatP95JustBelowOrExactlyTenSecondsIsSilent)
{
    recordTimes(20, chat, FailureKind::Ok, 9'999);
    recordTimes(20, chat, FailureKind::Ok, 10'000);
    EXPECT_EQ(fired->count(), 0) << "\"P95 > 10s\": exactly 10 s is not above";
}

TEST_F(HighLatency, AChatP95AboveTenSecondsFiresAsP2)
{
    record(chat, FailureKind::Ok, 10'000.5);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().ruleId, QStringLiteral("high-latency"));
    EXPECT_EQ(lastFired().severity, AlertSeverity::P2);
    EXPECT_EQ(lastFired().message, QStringLiteral("chat P95 is 10000.5 ms over the last 5 min (1 "
                                                  "call); alert above 10000 ms."));
}

TEST_F(HighLatency, OneSlowCallInTwentyIsToleratedTwoAreNot)
{
    recordTimes(19, chat, FailureKind::Ok, 800);
    record(chat, FailureKind::Ok, 30'000);
    EXPECT_EQ(fired->count(), 0) << "P95 of 20 calls is the 19th fastest";
    record(chat, FailureKind::Ok, 30'000);
    EXPECT_EQ(fired->count(), 1) << "P95 of 21 calls is the 20th fastest";
}

TEST_F(HighLatency, OnlyTheChatProbeCountsAndOldCallsAgeOut)
{
    recordTimes(5, embed, FailureKind::Ok, 20'000);
    EXPECT_EQ(fired->count(), 0);
    record(chat, FailureKind::Timeout, 20'000);
    EXPECT_EQ(fired->count(), 0) << "a timed-out chat is a failure marker, not a latency";
    record(chat, FailureKind::Ok, 20'000);
    ASSERT_EQ(fired->count(), 1) << "a slow answer is a latency";
    clock.advanceSeconds(60);
    record(chat, FailureKind::Ok, 500);
    EXPECT_EQ(resolved->count(), 0) << "the slow call is still in the 5-minute window";
    clock.advanceSeconds(4 * 60);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 1);
}

using AuthFailure = AlertFixture;

TEST_F(AuthFailure, OneRefusedKeyFiresAsP1)
{
    recordTimes(10, chat, FailureKind::Ok);
    record(embed, FailureKind::Auth);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().ruleId, QStringLiteral("auth-failure"));
    EXPECT_EQ(lastFired().severity, AlertSeverity::P1);
    EXPECT_EQ(lastFired().message,
              QStringLiteral("cohere-embed got HTTP 401 (key refused) at 2026-11-24 12:00:00 "
                             "UTC; resolves when cohere-embed succeeds again."));
}

TEST_F(AuthFailure, StaysUntilASuccessfulCallHoweverLongThatTakes)
{
    record(chat, FailureKind::Auth);
    ASSERT_EQ(fired->count(), 1);
    clock.advanceSeconds(3600);
    record(chat, FailureKind::RateLimited);
    record(chat, FailureKind::Server5xx);
    record(embed, FailureKind::Network);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 0) << "none of these proves the key works";
    record(chat, FailureKind::Ok);
    EXPECT_EQ(resolved->count(), 1);
}

// One endpoint refusing the key while others accept it (a key without embed access, say) is a
// standing problem, not a flapping one: other probes' successes must not resolve it.
TEST_F(AuthFailure, OtherProbesSucceedingDoNotResolveItAndItDoesNotFlap)
{
    record(embed, FailureKind::Auth);
    for (int i = 0; i < 5; ++i) {
        clock.advanceSeconds(2);
        record(chat, FailureKind::Ok);
        record(rerank, FailureKind::Ok);
        record(embed, FailureKind::Auth);
    }
    EXPECT_EQ(fired->count(), 1);
    EXPECT_EQ(resolved->count(), 0);
    clock.advanceSeconds(2);
    record(embed, FailureKind::Ok);
    EXPECT_EQ(resolved->count(), 1);
}

TEST_F(AuthFailure, ASuccessBeforeTheRefusalDoesNotResolveIt)
{
    record(rerank, FailureKind::Ok);
    clock.advanceSeconds(1);
    record(chat, FailureKind::Auth);
    engine->evaluate();
    EXPECT_EQ(activeIds(), QList<QString>{QStringLiteral("auth-failure")});
}

TEST_F(AuthFailure, CanBeSwitchedOffInTheProfile)
{
    AlertThresholds thresholds;
    thresholds.authFailureAny = false;
    makeEngine(thresholds);
    record(chat, FailureKind::Auth);
    EXPECT_EQ(fired->count(), 0);
}

class BudgetExceeded : public AlertFixture {
protected:
    // Prices that are exact in binary, so the boundary is exact too.
    BudgetExceeded()
    {
        AlertThresholds thresholds;
        thresholds.budgetDailyUsd = 50;
        thresholds.prices = {{QStringLiteral("command-r7b-12-2024"), ModelPrice{2.5, 10, 0}},
                             {QStringLiteral("embed-v4.0"), ModelPrice{0.125, 0, 0}},
                             {QStringLiteral("rerank-v3.5"), ModelPrice{0, 0, 0.5}}};
        makeEngine(thresholds);
    }
};

TEST_F(BudgetExceeded, ExactlyTheBudgetIsSilentOneTokenMoreFiresAsP2)
{
    recordBilled(chat, 16'000'000, 0, 0); // $40
    recordBilled(chat, 0, 500'000, 0);    // $5
    recordBilled(embed, 8'000'000, 0, 0); // $1
    recordBilled(rerank, 0, 0, 8);        // $4
    EXPECT_EQ(fired->count(), 0) << "$50.00 of a $50 budget is not over it";
    recordBilled(embed, 1, 0, 0);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().ruleId, QStringLiteral("budget-exceeded"));
    EXPECT_EQ(lastFired().severity, AlertSeverity::P2);
    EXPECT_EQ(lastFired().message,
              QStringLiteral("Cohere spend today (UTC) is $50.000000; alert above $50.00. Prices "
                             "are unverified placeholders (alerts.prices_verified)."));
}

TEST_F(BudgetExceeded, JustBelowTheBudgetIsSilent)
{
    recordBilled(chat, 19'999'999, 0, 0);
    EXPECT_EQ(fired->count(), 0);
}

TEST_F(BudgetExceeded, ResolvesWhenTheUtcDayTurns)
{
    recordBilled(rerank, 0, 0, 101); // $50.50
    ASSERT_EQ(fired->count(), 1);
    EXPECT_TRUE(lastFired().message.startsWith(QStringLiteral("Cohere spend today (UTC) is "
                                                              "$50.50;")));
    clock.advanceMs(12 * 3600 * 1000 - 1); // 23:59:59.999 UTC
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 0);
    clock.advanceMs(1);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 1) << "yesterday's spend does not count today";
}

TEST_F(RateLimited, CountsEvery429ResponseNotEveryProbe)
{
    // Three probes whose retries were all refused: twelve 429 answers, three samples.
    for (const char *probe : {chat, embed, rerank}) {
        Sample s;
        s.atMs = clock.nowUtc().toMSecsSinceEpoch();
        s.failure = FailureKind::RateLimited;
        s.outcome = outcomeOf(s.failure);
        s.httpStatus = 429;
        s.rateLimitedResponses = 4;
        ASSERT_TRUE(store.record(QString::fromLatin1(probe), s).ok());
    }
    ASSERT_EQ(fired->count(), 1);
    EXPECT_TRUE(lastFired().message.startsWith(QStringLiteral("12 Cohere responses were HTTP 429")))
        << lastFired().message.toStdString();
}

TEST_F(RateLimited, AQuota429CountsAsA429Too)
{
    recordTimes(11, chat, FailureKind::QuotaExhausted);
    EXPECT_EQ(fired->count(), 1);
}

TEST(RuleNotes, SayWhenProbesAloneCannotReachTheRateLimitedThreshold)
{
    CohereSettings cohere;
    cohere.retry.maxAttempts = 1;
    ProbeSettings probes; // chat every 30 s, embed and rerank every 60 s: 4 requests a minute
    const QList<RuleNote> notes =
        AlertRule::notes(AlertThresholds{}, AlertSources::standard(cohere, probes));
    ASSERT_EQ(notes.size(), 1);
    EXPECT_EQ(notes.first().ruleId, QStringLiteral("rate-limited"));
    EXPECT_TRUE(notes.first().text.contains(QStringLiteral("at most 4 Cohere requests a minute")))
        << notes.first().text.toStdString();

    cohere.retry.maxAttempts = 4; // 16 a minute with retries: reachable, no note
    EXPECT_TRUE(
        AlertRule::notes(AlertThresholds{}, AlertSources::standard(cohere, probes)).isEmpty());
}

TEST(RuleNotes, SayWhichModelTheBudgetRuleCannotPrice)
{
    CohereSettings cohere;
    cohere.chatModel = QStringLiteral("command-a-reasoning-08-2025");
    const QList<RuleNote> notes =
        AlertRule::notes(AlertThresholds{}, AlertSources::standard(cohere, ProbeSettings{}));
    ASSERT_EQ(notes.size(), 1);
    EXPECT_EQ(notes.first().ruleId, QStringLiteral("budget-exceeded"));
    EXPECT_TRUE(notes.first().text.startsWith(
        QStringLiteral("Cannot price command-a-reasoning-08-2025 (cohere-chat)")));
}

TEST_F(BudgetExceeded, AnUnpricedModelIsLeftOutNotCountedAsFreeAndTheAlertSaysSo)
{
    CohereSettings cohere;
    cohere.chatModel = QStringLiteral("command-a-reasoning-08-2025"); // no price in the fixture
    AlertThresholds thresholds;
    thresholds.budgetDailyUsd = 50;
    thresholds.prices = {{QStringLiteral("rerank-v3.5"), ModelPrice{0, 0, 0.5}}};
    engine = std::make_unique<AlertEngine>(store, thresholds,
                                           AlertSources::standard(cohere, ProbeSettings{}), clock);
    fired = std::make_unique<QSignalSpy>(engine.get(), &AlertEngine::alertFired);
    recordBilled(chat, 100'000'000, 100'000'000, 0);
    EXPECT_EQ(fired->count(), 0) << "unpriced tokens are not dollars";
    recordBilled(rerank, 0, 0, 101); // $50.50
    ASSERT_EQ(fired->count(), 1);
    EXPECT_TRUE(lastFired().message.contains(
        QStringLiteral("Not counted (no price): command-a-reasoning-08-2025")))
        << lastFired().message.toStdString();
}
