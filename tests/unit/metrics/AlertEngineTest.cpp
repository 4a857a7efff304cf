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

// The resolve hold, with the console's numbers: 2 evaluations and one 30 s probe interval.
class AlertHoldTest : public AlertFixture {
protected:
    AlertHoldTest() { engine->setResolveHold(ResolveHold{2, 30'000, true}); }

    // One round of the three Cohere probes, 10 s apart, as the scheduler would run them.
    void round(FailureKind chatResult, FailureKind embedResult, FailureKind rerankResult)
    {
        clock.advanceSeconds(10);
        record(chat, chatResult);
        record(embed, embedResult);
        record(rerank, rerankResult);
    }
};

TEST_F(AlertHoldTest, TheErrorRateAlertNeverResolvesWhileTheEmbedProbeThatRaisedItIsStillDown)
{
    // A healthy morning, then embed starts answering 500 and keeps at it.
    for (int i = 0; i < 5; ++i)
        round(FailureKind::Ok, FailureKind::Ok, FailureKind::Ok);
    round(FailureKind::Ok, FailureKind::Server5xx, FailureKind::Ok);
    round(FailureKind::Ok, FailureKind::Server5xx, FailureKind::Ok);
    ASSERT_EQ(fired->count(), 1);
    ASSERT_EQ(lastFired().ruleId, QStringLiteral("high-error-rate"));
    // Chat gets busy (many healthy samples thin the share below 5 %) while embed stays DOWN.
    for (int i = 0; i < 12; ++i) {
        clock.advanceSeconds(5);
        recordTimes(10, chat, FailureKind::Ok);
        if (i % 4 == 0)
            record(embed, FailureKind::Server5xx);
        engine->evaluate();
    }
    ASSERT_FALSE(engine->holdingNow().size() > 0 &&
                 engine->holdingNow().constFirst().ruleId == QStringLiteral("high-error-rate"))
        << "the share is below 5 % now";
    EXPECT_EQ(resolved->count(), 0) << "embed, which raised it, is still down";
    EXPECT_EQ(fired->count(), 1);

    // Embed recovers: the alert resolves after the hold, once.
    record(embed, FailureKind::Ok);
    EXPECT_EQ(resolved->count(), 0) << "one good evaluation is not yet the hold";
    clock.advanceSeconds(10);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 0) << "two evaluations, but not yet one probe interval";
    clock.advanceSeconds(20);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 1);
    EXPECT_EQ(fired->count(), 1);
}

TEST_F(AlertHoldTest, AConditionThatFlickersAfterTheFaultIsClearedDoesNotResolveAndFireAgain)
{
    // The meeting's "1 of 19": few samples in the five-minute window, so one sample leaving it
    // tips the share back over 5 %.
    record(chat, FailureKind::Ok); // t = 0, leaves the window at t = 300
    clock.advanceSeconds(100);
    recordTimes(17, rerank, FailureKind::Ok); // t = 100
    clock.advanceSeconds(197);
    record(embed, FailureKind::Server5xx); // t = 297: 1 of 19 = 5.3 %
    ASSERT_EQ(fired->count(), 1);
    clock.advanceSeconds(1);
    record(embed, FailureKind::Ok); // t = 298: 1 of 20 = 5 %, the fault is cleared
    clock.advanceSeconds(2);
    engine->evaluate(); // t = 300: the first sample left, 1 of 19 again
    for (int i = 0; i < 12; ++i) { // healthy traffic goes on
        clock.advanceSeconds(10);
        record(chat, FailureKind::Ok);
        recordTimes(2, rerank, FailureKind::Ok);
    }
    EXPECT_EQ(fired->count(), 1) << "the same alert throughout, never a second one";
    EXPECT_EQ(resolved->count(), 1) << "resolved once, after the hold";
    EXPECT_EQ(engine->history().size(), 1);
}

TEST_F(AlertHoldTest, AShortDipBelowTheThresholdKeepsTheSameAlert)
{
    recordTimes(3, production, FailureKind::Timeout);
    ASSERT_EQ(fired->count(), 1);
    clock.advanceSeconds(10);
    record(production, FailureKind::Ok); // one lucky answer
    clock.advanceSeconds(10);
    engine->evaluate();
    EXPECT_EQ(resolved->count(), 0) << "two evaluations, but only 10 s of the 30 s hold";
    recordTimes(3, production, FailureKind::Timeout);
    EXPECT_EQ(fired->count(), 1) << "the same alert, not a new one";
    EXPECT_EQ(resolved->count(), 0);
}

TEST_F(AlertHoldTest, TheMessageFollowsTheSamplesWhileTheAlertIsActive)
{
    recordTimes(3, production, FailureKind::Server5xx);
    ASSERT_EQ(fired->count(), 1);
    EXPECT_TRUE(lastFired().message.contains(QStringLiteral("failed 3 checks")));
    record(production, FailureKind::Timeout);
    ASSERT_GE(updated->count(), 1);
    const Alert now = lastOf(*updated);
    EXPECT_EQ(now.firedAt, lastFired().firedAt);
    EXPECT_TRUE(now.message.contains(QStringLiteral("failed 4 checks in a row (last: timeout)")))
        << now.message.toStdString();
    EXPECT_EQ(engine->activeAlerts().constFirst().message, now.message);
    EXPECT_EQ(engine->history().constLast().message, now.message);
}

// The same rule raised by Prometheus on real traffic: its own alert, marked with its source,
// beside the probes' alert of that rule; resolved when Prometheus no longer finds it.
TEST_F(AlertEngineTest, AnAlertFromPrometheusIsKeptApartFromTheProbesAlertOfTheSameRule)
{
    record(embed, FailureKind::Auth); // the probes' own auth-failure alert
    ASSERT_EQ(fired->count(), 1);
    EXPECT_EQ(lastFired().source, AlertSource::Probes);

    engine->reportExternal(QStringLiteral("auth-failure"), AlertSource::Prometheus,
                           QStringLiteral("CohereAuthFailure: 401s, value 0.4"));
    ASSERT_EQ(fired->count(), 2);
    EXPECT_EQ(lastFired().source, AlertSource::Prometheus);
    EXPECT_EQ(lastFired().severity, AlertSeverity::P1);
    EXPECT_EQ(lastFired().title, engine->history().first().title);
    EXPECT_EQ(sourceName(lastFired().source), QStringLiteral("Prometheus"));
    EXPECT_EQ(engine->activeAlerts().size(), 2);

    // Still firing with the same words: nothing new; new numbers: an update.
    engine->reportExternal(QStringLiteral("auth-failure"), AlertSource::Prometheus,
                           QStringLiteral("CohereAuthFailure: 401s, value 0.4"));
    EXPECT_EQ(fired->count(), 2);
    QSignalSpy updated(engine.get(), &AlertEngine::alertUpdated);
    engine->reportExternal(QStringLiteral("auth-failure"), AlertSource::Prometheus,
                           QStringLiteral("CohereAuthFailure: 401s, value 0.8"));
    EXPECT_EQ(updated.count(), 1);

    engine->reportExternal(QStringLiteral("auth-failure"), AlertSource::Prometheus, std::nullopt);
    ASSERT_EQ(resolved->count(), 1);
    EXPECT_EQ(lastResolved().source, AlertSource::Prometheus);
    // The probes' alert is untouched.
    ASSERT_EQ(engine->activeAlerts().size(), 1);
    EXPECT_EQ(engine->activeAlerts().first().source, AlertSource::Probes);
    EXPECT_EQ(engine->history().size(), 2);

    // An unknown rule id is not an alert.
    engine->reportExternal(QStringLiteral("no-such-rule"), AlertSource::Prometheus,
                           QStringLiteral("x"));
    EXPECT_EQ(fired->count(), 2);
}
