// The seed's circuit breaker, driven by a fake clock, and its use by the client.
#include "src/cohere/CircuitBreaker.h"
#include "CohereTestFixture.h"

using namespace golive;
using namespace golive::test;

namespace {

class Breaker : public ::testing::Test {
protected:
    void failTimes(int n)
    {
        for (int i = 0; i < n; ++i) {
            const BreakerAdmission admission = breaker.admit();
            ASSERT_TRUE(admission.allowed);
            breaker.record(BreakerVerdict::Failure, admission.trial);
        }
    }

    FakeClock clock;
    CircuitBreaker breaker{CircuitBreakerSettings{}, clock}; // seed: 5 failures, 60 s
};

TEST_F(Breaker, FiveConsecutiveFailuresOpenIt)
{
    failTimes(4);
    EXPECT_EQ(breaker.state(), BreakerState::Closed);
    failTimes(1);
    EXPECT_EQ(breaker.state(), BreakerState::Open);
    const BreakerAdmission refused = breaker.admit();
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retryInMs, 60'000);
    EXPECT_EQ(refused.reason, QStringLiteral("circuit breaker open after 5 consecutive failures; "
                                             "next trial call in 60 s"));
}

TEST_F(Breaker, ASuccessResetsTheCount)
{
    failTimes(4);
    breaker.record(BreakerVerdict::Success, breaker.admit().trial);
    failTimes(4);
    EXPECT_EQ(breaker.state(), BreakerState::Closed);
    EXPECT_EQ(breaker.consecutiveFailures(), 4);
}

TEST_F(Breaker, AfterTheResetTimeOneTrialIsAllowed)
{
    failTimes(5);
    clock.advanceMs(59'999);
    EXPECT_FALSE(breaker.admit().allowed);
    clock.advanceMs(1);
    EXPECT_EQ(breaker.state(), BreakerState::HalfOpen);
    const BreakerAdmission trial = breaker.admit();
    EXPECT_TRUE(trial.allowed);
    EXPECT_TRUE(trial.trial);
    // Only one trial in flight.
    const BreakerAdmission second = breaker.admit();
    EXPECT_FALSE(second.allowed);
    EXPECT_TRUE(second.reason.contains(QStringLiteral("trial call is in flight")));
}

TEST_F(Breaker, ASuccessfulTrialClosesIt)
{
    failTimes(5);
    clock.advanceSeconds(60);
    const BreakerAdmission trial = breaker.admit();
    breaker.record(BreakerVerdict::Success, trial.trial);
    EXPECT_EQ(breaker.state(), BreakerState::Closed);
    EXPECT_EQ(breaker.consecutiveFailures(), 0);
    EXPECT_TRUE(breaker.admit().allowed);
    EXPECT_FALSE(breaker.admit().trial);
}

TEST_F(Breaker, AFailedTrialReopensItForAnotherResetPeriod)
{
    failTimes(5);
    clock.advanceSeconds(60);
    const BreakerAdmission trial = breaker.admit();
    clock.advanceSeconds(2);
    breaker.record(BreakerVerdict::Failure, trial.trial);
    EXPECT_EQ(breaker.state(), BreakerState::Open);
    clock.advanceSeconds(59);
    EXPECT_FALSE(breaker.admit().allowed);
    clock.advanceSeconds(1);
    EXPECT_TRUE(breaker.admit().trial);
}

TEST_F(Breaker, RateLimitsNeitherOpenItNorResetTheCount)
{
    for (int i = 0; i < 20; ++i)
        breaker.record(CircuitBreaker::verdictFor(CohereOutcomeKind::RateLimited), false);
    EXPECT_EQ(breaker.state(), BreakerState::Closed);
    failTimes(4);
    breaker.record(CircuitBreaker::verdictFor(CohereOutcomeKind::RateLimited), false);
    EXPECT_EQ(breaker.consecutiveFailures(), 4);
    failTimes(1);
    EXPECT_EQ(breaker.state(), BreakerState::Open);
}

TEST_F(Breaker, ANeutralTrialFreesTheSlotAndStaysHalfOpen)
{
    failTimes(5);
    clock.advanceSeconds(60);
    const BreakerAdmission trial = breaker.admit();
    breaker.record(CircuitBreaker::verdictFor(CohereOutcomeKind::RateLimited), trial.trial);
    EXPECT_EQ(breaker.state(), BreakerState::HalfOpen);
    EXPECT_TRUE(breaker.admit().trial);
}

TEST_F(Breaker, WhatCountsAsAFailure)
{
    EXPECT_EQ(CircuitBreaker::verdictFor(CohereOutcomeKind::Ok), BreakerVerdict::Success);
    for (const auto kind : {CohereOutcomeKind::Server, CohereOutcomeKind::Timeout,
                            CohereOutcomeKind::Network, CohereOutcomeKind::BadBody})
        EXPECT_EQ(CircuitBreaker::verdictFor(kind), BreakerVerdict::Failure);
    for (const auto kind :
         {CohereOutcomeKind::RateLimited, CohereOutcomeKind::Auth, CohereOutcomeKind::RequestError,
          CohereOutcomeKind::Cancelled, CohereOutcomeKind::CircuitOpen})
        EXPECT_EQ(CircuitBreaker::verdictFor(kind), BreakerVerdict::Neutral);
}

// The same rules, end to end through the client.
class ClientBreaker : public CohereClientTest {
protected:
    void SetUp() override
    {
        CohereClientTest::SetUp();
        CohereSettings settings = fastSettings(server.url());
        settings.retry.maxAttempts = 1; // one request per call keeps the counting readable
        makeClient(settings);
    }

    void failCalls(int n)
    {
        for (int i = 0; i < n; ++i) {
            server.enqueue(FakeCohereFault::status(503));
            ASSERT_EQ(awaitOutcome(client->chat()).kind, CohereOutcomeKind::Server);
        }
    }
};

TEST_F(ClientBreaker, OpenBreakerRefusesCallsWithoutContactingCohere)
{
    failCalls(5);
    EXPECT_EQ(client->breaker().state(), BreakerState::Open);
    const CohereOutcome refused = awaitOutcome(client->chat());
    EXPECT_EQ(refused.kind, CohereOutcomeKind::CircuitOpen);
    EXPECT_EQ(refused.attempts, 0);
    EXPECT_TRUE(refused.message.contains(QStringLiteral("circuit breaker open")));
    EXPECT_EQ(server.requests().size(), 5);
}

TEST_F(ClientBreaker, ServesTheFallbackWhileOpen)
{
    client->setFallback(CohereEndpoint::Chat, [] {
        return QJsonObject{{"text", "Cohere is unavailable; showing a canned answer"}};
    });
    failCalls(5);
    const CohereOutcome outcome = awaitOutcome(client->chat());
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::CircuitOpen);
    EXPECT_TRUE(outcome.servedByFallback);
    EXPECT_EQ(outcome.body.value("text").toString(),
              QStringLiteral("Cohere is unavailable; showing a canned answer"));
}

TEST_F(ClientBreaker, HalfOpenTrialThroughTheClientClosesIt)
{
    failCalls(5);
    clock.advanceSeconds(60);
    const CohereOutcome trial = awaitOutcome(client->chat());
    EXPECT_EQ(trial.kind, CohereOutcomeKind::Ok);
    EXPECT_EQ(client->breaker().state(), BreakerState::Closed);
}

TEST_F(ClientBreaker, OnlyOneTrialIsInFlightWhileHalfOpen)
{
    failCalls(5);
    clock.advanceSeconds(60);
    server.enqueue(FakeCohereFault::latency(150));
    CohereCall *trial = client->chat();
    QSignalSpy trialFinished(trial, &CohereCall::finished);
    const CohereOutcome second = awaitOutcome(client->chat());
    EXPECT_EQ(second.kind, CohereOutcomeKind::CircuitOpen);
    EXPECT_TRUE(second.message.contains(QStringLiteral("trial call is in flight")));
    if (trialFinished.isEmpty()) {
        ASSERT_TRUE(trialFinished.wait(2000));
    }
    EXPECT_EQ(qvariant_cast<CohereOutcome>(trialFinished.at(0).at(0)).kind, CohereOutcomeKind::Ok);
    EXPECT_EQ(server.requests().size(), 6);
}

TEST_F(ClientBreaker, RateLimitsKeepItClosed)
{
    for (int i = 0; i < 8; ++i) {
        server.enqueue(FakeCohereFault::rateLimited("1"));
        ASSERT_EQ(awaitOutcome(client->chat()).kind, CohereOutcomeKind::RateLimited);
    }
    EXPECT_EQ(client->breaker().state(), BreakerState::Closed);
    EXPECT_EQ(awaitOutcome(client->chat()).kind, CohereOutcomeKind::Ok);
}

TEST_F(ClientBreaker, AuthFailuresStayVisibleInsteadOfOpeningIt)
{
    key = QStringLiteral("revoked-key");
    for (int i = 0; i < 6; ++i)
        ASSERT_EQ(awaitOutcome(client->chat()).kind, CohereOutcomeKind::Auth);
    EXPECT_EQ(client->breaker().state(), BreakerState::Closed);
}

} // namespace
