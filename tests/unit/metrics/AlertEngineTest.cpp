#include "AlertFixture.h"

using namespace golive;

using AlertEngineTest = AlertFixture;

TEST_F(AlertEngineTest, AnAlertFiresOnceWhenItsConditionStartsNotOncePerSample)
{
    recordTimes(50, production, FailureKind::Network);
    EXPECT_EQ(fired->count(), 1);
    for (int i = 0; i < 10; ++i) {
        clock.advanceSeconds(10);
        engine->evaluate();
    }
    EXPECT_EQ(fired->count(), 1);
    EXPECT_EQ(resolved->count(), 0);
    EXPECT_EQ(engine->history().size(), 1);
}

TEST_F(AlertEngineTest, AnAlertResolvesOnceAndKeepsItsTimesInTheHistory)
{
    const QDateTime start = clock.nowUtc();
    recordTimes(3, production, FailureKind::Timeout);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().firedAt, start);
    EXPECT_TRUE(lastFired().isActive());

    clock.advanceSeconds(10);
    record(production, FailureKind::Ok);
    ASSERT_EQ(resolved->count(), 1);
    EXPECT_EQ(lastResolved().ruleId, QStringLiteral("cohere-unreachable"));
    EXPECT_EQ(lastResolved().firedAt, start);
    EXPECT_EQ(lastResolved().resolvedAt, start.addSecs(10));
    EXPECT_TRUE(engine->activeAlerts().isEmpty());

    record(production, FailureKind::Ok);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 1) << "resolved once, not again on every healthy sample";
    ASSERT_EQ(engine->history().size(), 1);
    EXPECT_EQ(engine->history().first().resolvedAt, start.addSecs(10));
}

TEST_F(AlertEngineTest, AConditionThatReturnsFiresAgainAsANewAlert)
{
    record(embed, FailureKind::Auth);
    record(embed, FailureKind::Ok);
    clock.advanceSeconds(60);
    record(embed, FailureKind::Auth);
    EXPECT_EQ(fired->count(), 2);
    ASSERT_EQ(engine->history().size(), 2);
    EXPECT_FALSE(engine->history()[0].isActive());
    EXPECT_TRUE(engine->history()[1].isActive());
}

TEST_F(AlertEngineTest, ActiveAlertsAreListedInTheSeedsRuleOrder)
{
    // Fired in the opposite order.
    record(chat, FailureKind::Auth);                  // auth-failure
    record(rerank, FailureKind::Server5xx);           // high-error-rate: 1 of 2 is 5xx
    recordTimes(3, production, FailureKind::Network); // cohere-unreachable
    EXPECT_EQ(activeIds(),
              (QList<QString>{QStringLiteral("cohere-unreachable"),
                              QStringLiteral("high-error-rate"), QStringLiteral("auth-failure")}));
}

TEST_F(AlertEngineTest, NewThresholdsApplyAtTheNextEvaluation)
{
    recordTimes(3, production, FailureKind::Network);
    ASSERT_EQ(fired->count(), 1);
    AlertThresholds stricter;
    stricter.unreachableConsecutiveFailures = 5;
    engine->setThresholds(stricter);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 1);
    recordTimes(2, production, FailureKind::Network);
    EXPECT_EQ(fired->count(), 2);
}

TEST_F(AlertEngineTest, TheHistoryIsBoundedAndDropsTheOldestResolvedAlertsFirst)
{
    for (int i = 0; i < AlertEngine::maxHistory + 5; ++i) {
        clock.advanceSeconds(1);
        record(rerank, FailureKind::Auth);
        record(rerank, FailureKind::Ok);
    }
    clock.advanceSeconds(1);
    const QDateTime lastFiredAt = clock.nowUtc();
    record(rerank, FailureKind::Auth);
    const QList<Alert> history = engine->history();
    ASSERT_EQ(history.size(), AlertEngine::maxHistory);
    EXPECT_TRUE(history.last().isActive());
    EXPECT_EQ(history.last().firedAt, lastFiredAt);
    EXPECT_EQ(fired->count(), AlertEngine::maxHistory + 6);
}
