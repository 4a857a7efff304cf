// Retries, redirects, TLS and cancellation as a caller of CohereClient experiences them.
#include "CohereTestFixture.h"

#include <QSslSocket>

using namespace golive;
using namespace golive::test;

namespace {

using Resilience = CohereClientTest;

TEST_F(Resilience, RetriesServerErrorsWithGrowingWaitsThenSucceeds)
{
    server.enqueue(FakeCohereFault::status(503));
    server.enqueue(FakeCohereFault::status(500));
    CohereCall *call = client->chat();
    QSignalSpy retries(call, &CohereCall::retryScheduled);
    const CohereOutcome outcome = awaitOutcome(call);
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::Ok) << outcome.message.toStdString();
    EXPECT_EQ(outcome.attempts, 3);
    ASSERT_EQ(retries.size(), 2);
    // Longest jitter (injected): base 5 ms, then 10 ms.
    EXPECT_EQ(retries.at(0).at(1).toLongLong(), 5);
    EXPECT_EQ(retries.at(1).at(1).toLongLong(), 10);
    ASSERT_EQ(server.requests().size(), 3);
    EXPECT_GE(server.requests().at(2).receivedAtMs - server.requests().at(1).receivedAtMs, 10);
}

TEST_F(Resilience, HonoursRetryAfterBeforeTryingAgain)
{
    server.enqueue(FakeCohereFault::rateLimited("1"));
    const CohereOutcome outcome = awaitOutcome(client->embed({QStringLiteral("x")}));
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::Ok) << outcome.message.toStdString();
    EXPECT_EQ(outcome.attempts, 2);
    ASSERT_EQ(server.requests().size(), 2);
    EXPECT_GE(server.requests().at(1).receivedAtMs - server.requests().at(0).receivedAtMs, 1000);
}

TEST_F(Resilience, ARetryAfterBeyondTheBudgetEndsTheCallAtOnce)
{
    CohereSettings settings = fastSettings(server.url());
    settings.retry.totalBudgetMs = 1500;
    makeClient(settings);
    server.enqueue(FakeCohereFault::rateLimited("120"));
    const CohereOutcome outcome = awaitOutcome(client->chat(), 1000);
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::RateLimited);
    EXPECT_EQ(outcome.attempts, 1);
    EXPECT_EQ(outcome.retryAfterMs, 120'000);
    EXPECT_LT(outcome.totalMs, 1000);
}

TEST_F(Resilience, TheBudgetBoundsTheWholeCall)
{
    CohereSettings settings = fastSettings(server.url());
    settings.requestTimeoutMs = 5000;
    settings.retry.totalBudgetMs = 400;
    makeClient(settings);
    server.enqueue(FakeCohereFault::status(503));
    server.enqueue(FakeCohereFault::neverAnswer());
    const CohereOutcome outcome = awaitOutcome(client->chat(), 3000);
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::Timeout);
    EXPECT_EQ(outcome.attempts, 2);
    EXPECT_LT(outcome.totalMs, 2000); // far below the 5 s attempt timeout
}

TEST_F(Resilience, NeverRetriesAuthOrRequestErrors)
{
    server.enqueue(FakeCohereFault::status(401, QStringLiteral("invalid api token")));
    EXPECT_EQ(awaitOutcome(client->chat()).attempts, 1);
    server.enqueue(FakeCohereFault::status(400, QStringLiteral("invalid request")));
    EXPECT_EQ(awaitOutcome(client->chat()).attempts, 1);
    server.enqueue(FakeCohereFault::malformedJson());
    EXPECT_EQ(awaitOutcome(client->chat()).attempts, 1);
    EXPECT_EQ(server.requests().size(), 3);
}

TEST_F(Resilience, TheKeyIsAskedForAgainOnEachAttempt)
{
    int asked = 0;
    client->setKeyProvider([&] {
        ++asked;
        return key;
    });
    server.enqueue(FakeCohereFault::status(503));
    awaitOutcome(client->chat());
    EXPECT_EQ(asked, 2);
}

TEST_F(Resilience, ARedirectToAnotherOriginIsRefusedAndItNeverSeesTheKey)
{
    FakeCohereServer other;
    ASSERT_TRUE(other.listen());
    server.enqueue(FakeCohereFault::redirect(other.url(QStringLiteral("/v2/chat")).toEncoded()));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::Network);
    EXPECT_TRUE(outcome.message.contains(
        QStringLiteral("refused redirect to other origin http://127.0.0.1:%1").arg(other.port())))
        << outcome.message.toStdString();
    QCoreApplication::processEvents();
    EXPECT_TRUE(other.requests().isEmpty());
    EXPECT_EQ(other.http().connectionsAccepted(), 0);
}

TEST_F(Resilience, ASameOriginRedirectIsFollowed)
{
    server.enqueue(FakeCohereFault::redirect("/v2/chat", 308));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::Ok) << outcome.message.toStdString();
    ASSERT_EQ(server.requests().size(), 2);
    EXPECT_EQ(server.requests().at(1).json().value("model").toString(),
              QStringLiteral("command-r7b-12-2024"));
}

TEST_F(Resilience, HttpsToAPlainHttpServerIsANetworkFailure)
{
    if (!QSslSocket::supportsSsl())
        GTEST_SKIP() << "no TLS backend in this Qt build";
    QUrl base = server.url();
    base.setScheme(QStringLiteral("https"));
    makeClient(fastSettings(base));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::Network);
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("TLS failure")))
        << outcome.message.toStdString();
    EXPECT_EQ(outcome.attempts, 1);
}

TEST_F(Resilience, CancelReportsOnceAndStopsRetrying)
{
    server.enqueue(FakeCohereFault::rateLimited("30"));
    CohereSettings settings = fastSettings(server.url());
    settings.retry.totalBudgetMs = 60'000;
    makeClient(settings);
    CohereCall *call = client->chat();
    QSignalSpy finished(call, &CohereCall::finished);
    QSignalSpy retries(call, &CohereCall::retryScheduled);
    ASSERT_TRUE(retries.wait(2000));
    EXPECT_EQ(retries.at(0).at(1).toLongLong(), 30'000);
    call->cancel();
    ASSERT_EQ(finished.size(), 1);
    EXPECT_EQ(qvariant_cast<CohereOutcome>(finished.at(0).at(0)).kind,
              CohereOutcomeKind::Cancelled);
    EXPECT_EQ(server.requests().size(), 1);
}

TEST_F(Resilience, CallFinishedReportsEveryCallForMetrics)
{
    QSignalSpy all(client.get(), &CohereClient::callFinished);
    awaitOutcome(client->chat());
    awaitOutcome(client->listModels());
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(qvariant_cast<CohereEndpoint>(all.at(1).at(0)), CohereEndpoint::ListModels);
}

} // namespace
