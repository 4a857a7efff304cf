// When a failed call is tried again, and how long golive waits first.
#include "src/cohere/RetryPolicy.h"

#include <gtest/gtest.h>

using namespace golive;

namespace {

RetrySettings settings()
{
    RetrySettings retry;
    retry.maxAttempts = 5;
    retry.baseDelayMs = 500;
    retry.maxDelayMs = 8000;
    retry.totalBudgetMs = 30'000;
    return retry;
}

CohereOutcome outcomeOf(CohereOutcomeKind kind, std::optional<qint64> retryAfterMs = {})
{
    CohereOutcome outcome;
    outcome.kind = kind;
    outcome.retryAfterMs = retryAfterMs;
    return outcome;
}

TEST(RetryPolicy, RetriesOnlyRateLimitsAndServerErrors)
{
    const RetryPolicy policy(settings(), [](qint64) { return 0; });
    EXPECT_TRUE(policy.decide(outcomeOf(CohereOutcomeKind::RateLimited), 1, 0).retry);
    EXPECT_TRUE(policy.decide(outcomeOf(CohereOutcomeKind::Server), 1, 0).retry);
    for (const auto kind :
         {CohereOutcomeKind::Ok, CohereOutcomeKind::Auth, CohereOutcomeKind::RequestError,
          CohereOutcomeKind::BadBody, CohereOutcomeKind::Timeout, CohereOutcomeKind::Network,
          CohereOutcomeKind::Cancelled, CohereOutcomeKind::CircuitOpen}) {
        const RetryDecision decision = policy.decide(outcomeOf(kind), 1, 0);
        EXPECT_FALSE(decision.retry) << outcomeKindName(kind).toStdString();
        EXPECT_TRUE(decision.reason.startsWith(QStringLiteral("not retried")));
    }
}

TEST(RetryPolicy, TheBackoffCeilingDoublesUpToTheCap)
{
    const RetryPolicy policy(settings());
    EXPECT_EQ(policy.backoffCeilingMs(0), 500);
    EXPECT_EQ(policy.backoffCeilingMs(1), 1000);
    EXPECT_EQ(policy.backoffCeilingMs(2), 2000);
    EXPECT_EQ(policy.backoffCeilingMs(3), 4000);
    EXPECT_EQ(policy.backoffCeilingMs(4), 8000);
    EXPECT_EQ(policy.backoffCeilingMs(5), 8000);
    EXPECT_EQ(policy.backoffCeilingMs(200), 8000); // no overflow
}

TEST(RetryPolicy, FullJitterDrawsBetweenZeroAndTheCeiling)
{
    QList<qint64> upperBoundsAsked;
    const RetryPolicy lowest(settings(), [&](qint64 upper) {
        upperBoundsAsked << upper;
        return 0;
    });
    const RetryPolicy highest(settings(), [](qint64 upper) { return upper; });
    const qint64 ceilings[] = {500, 1000, 2000, 4000};
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const auto server = outcomeOf(CohereOutcomeKind::Server);
        EXPECT_EQ(lowest.decide(server, attempt, 0).delayMs, 0);
        EXPECT_EQ(highest.decide(server, attempt, 0).delayMs, ceilings[attempt - 1]);
    }
    EXPECT_EQ(upperBoundsAsked, (QList<qint64>{500, 1000, 2000, 4000}));
}

TEST(RetryPolicy, TheRealRandomSourceStaysWithinBounds)
{
    const RetryPolicy policy(settings());
    for (int i = 0; i < 200; ++i) {
        const qint64 delay = policy.decide(outcomeOf(CohereOutcomeKind::Server), 3, 0).delayMs;
        EXPECT_GE(delay, 0);
        EXPECT_LE(delay, 2000);
    }
}

TEST(RetryPolicy, RetryAfterIsAMinimumWait)
{
    const RetryPolicy policy(settings(), [](qint64) { return 100; });
    EXPECT_EQ(policy.decide(outcomeOf(CohereOutcomeKind::RateLimited, 3000), 1, 0).delayMs, 3000);
    // A jittered wait longer than Retry-After stands.
    const RetryPolicy longer(settings(), [](qint64 upper) { return upper; });
    EXPECT_EQ(longer.decide(outcomeOf(CohereOutcomeKind::RateLimited, 10), 3, 0).delayMs, 2000);
}

TEST(RetryPolicy, StopsAtMaxAttempts)
{
    const RetryPolicy policy(settings(), [](qint64) { return 0; });
    EXPECT_TRUE(policy.decide(outcomeOf(CohereOutcomeKind::Server), 4, 0).retry);
    const RetryDecision last = policy.decide(outcomeOf(CohereOutcomeKind::Server), 5, 0);
    EXPECT_FALSE(last.retry);
    EXPECT_EQ(last.reason, QStringLiteral("gave up after 5 attempts"));
}

TEST(RetryPolicy, NeverWaitsPastTheTotalBudget)
{
    const RetryPolicy policy(settings(), [](qint64 upper) { return upper; });
    // 29 s spent; the next wait (500 ms) still fits, a Retry-After of 2 s does not.
    EXPECT_TRUE(policy.decide(outcomeOf(CohereOutcomeKind::Server), 1, 29'000).retry);
    const RetryDecision tooLate =
        policy.decide(outcomeOf(CohereOutcomeKind::RateLimited, 2000), 1, 29'000);
    EXPECT_FALSE(tooLate.retry);
    EXPECT_TRUE(tooLate.reason.contains(QStringLiteral("30000 ms budget")))
        << tooLate.reason.toStdString();
}

TEST(RetryPolicy, TheSeedScheduleFitsInTheBudget)
{
    // With the profile's defaults and the longest jitter every time, the whole schedule of waits
    // stays inside the budget.
    const RetrySettings defaults;
    const RetryPolicy policy(defaults, [](qint64 upper) { return upper; });
    qint64 elapsed = 0;
    int attempts = 1;
    while (true) {
        const RetryDecision decision =
            policy.decide(outcomeOf(CohereOutcomeKind::Server), attempts, elapsed);
        if (!decision.retry)
            break;
        elapsed += decision.delayMs;
        ++attempts;
    }
    EXPECT_EQ(attempts, defaults.maxAttempts);
    EXPECT_LE(elapsed, defaults.totalBudgetMs);
}

} // namespace
