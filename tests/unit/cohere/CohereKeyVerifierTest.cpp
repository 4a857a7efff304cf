// Asking Cohere about a key before it replaces the one in use.
#include "src/cohere/CohereKeyVerifier.h"

#include "CohereTestFixture.h"
#include "QStringPrinter.h"

#include <QTest>

#include <optional>

using namespace golive;
using namespace golive::test;

namespace {

class CohereKeyVerifierTest : public CohereClientTest {
protected:
    void SetUp() override
    {
        CohereClientTest::SetUp();
        // One attempt per check keeps the scripted faults one-to-one with the checks.
        CohereSettings settings = fastSettings(server.url());
        settings.retry.maxAttempts = 1;
        settings.requestTimeoutMs = 300;
        makeClient(settings);
        verifier = std::make_unique<CohereKeyVerifier>(*client);
    }

    // Verifies `candidate` and waits (bounded) for the single verdict.
    Status verdictFor(const QString &candidate)
    {
        int reports = 0;
        Status verdict;
        bool returned = false;
        bool reportedBeforeReturn = false;
        verifier->verify(candidate, [&](Status status) {
            ++reports;
            reportedBeforeReturn = !returned;
            verdict = std::move(status);
        });
        returned = true;
        EXPECT_TRUE(QTest::qWaitFor([&] { return reports > 0; }, 5000)) << "no verdict";
        EXPECT_FALSE(reportedBeforeReturn);
        QTest::qWait(0);
        EXPECT_EQ(reports, 1);
        return verdict;
    }

    std::unique_ptr<CohereKeyVerifier> verifier;
};

TEST_F(CohereKeyVerifierTest, AKeyCohereAcceptsPasses)
{
    EXPECT_TRUE((verdictFor(key)).ok());
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(server.requests().first().path, QStringLiteral("/v1/check-api-key"));
    EXPECT_FALSE(verifier->isBusy());
}

TEST_F(CohereKeyVerifierTest, AKeyCohereRejectsWith401IsRejectedWithCoheresReason)
{
    const QString wrong = QStringLiteral("wrong-key-0123456789abcdef");
    const Status verdict = verdictFor(wrong);
    ASSERT_TRUE((verdict).failed());
    EXPECT_EQ(verdict->kind, QStringLiteral("key-rejected"));
    EXPECT_TRUE(verdict->message.startsWith(QStringLiteral("Cohere rejected this key (HTTP 401)")))
        << verdict->message.toStdString();
    EXPECT_FALSE(verdict->message.contains(wrong));
}

TEST_F(CohereKeyVerifierTest, A498InvalidTokenIsARejectionToo)
{
    server.enqueue(FakeCohereFault::status(498, QStringLiteral("invalid token")));
    const Status verdict = verdictFor(key);
    ASSERT_TRUE((verdict).failed());
    EXPECT_EQ(verdict->kind, QStringLiteral("key-rejected"));
    EXPECT_TRUE(verdict->message.contains(QLatin1String("Cohere rejected this key (HTTP 498)")))
        << verdict->message.toStdString();
}

TEST_F(CohereKeyVerifierTest, NoAnswerInTimeMeansNotVerifiedAndTheOldKeyStays)
{
    server.enqueue(FakeCohereFault::neverAnswer());
    const Status verdict = verdictFor(key);
    ASSERT_TRUE((verdict).failed());
    EXPECT_EQ(verdict->kind, QStringLiteral("key-check-failed"));
    EXPECT_TRUE(verdict->message.contains(QLatin1String("could not be verified")))
        << verdict->message.toStdString();
    EXPECT_TRUE(verdict->message.contains(QLatin1String("key in use stays")));
}

TEST_F(CohereKeyVerifierTest, AnUnreachableCohereMeansNotVerified)
{
    server.enqueue(FakeCohereFault::resetConnection());
    const Status verdict = verdictFor(key);
    ASSERT_TRUE((verdict).failed());
    EXPECT_EQ(verdict->kind, QStringLiteral("key-check-failed"));
}

TEST_F(CohereKeyVerifierTest, ACheckGivesTheFullAnswerWithAnHonestlyUnknownKind)
{
    std::optional<Result<KeyVerification>> answer;
    verifier->check(key, [&](Result<KeyVerification> result) { answer = std::move(result); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 5000));
    ASSERT_TRUE(answer->ok());
    EXPECT_TRUE(answer->value().valid);
    EXPECT_EQ(answer->value().kind, KeyKind::Unknown);
    EXPECT_TRUE(answer->value().explanation.startsWith(
        QStringLiteral("Cohere's API does not say whether a key is a trial key")));
}

TEST_F(CohereKeyVerifierTest, CancelEndsARunningCheckWithOneReport)
{
    server.enqueue(FakeCohereFault::neverAnswer());
    int reports = 0;
    Status verdict;
    verifier->verify(key, [&](Status status) {
        ++reports;
        verdict = std::move(status);
    });
    EXPECT_TRUE(verifier->isBusy());
    ASSERT_TRUE(QTest::qWaitFor([&] { return server.requests().size() == 1; }, 2000));
    verifier->cancel();
    ASSERT_TRUE(QTest::qWaitFor([&] { return reports > 0; }, 2000));
    QTest::qWait(0);
    EXPECT_EQ(reports, 1);
    ASSERT_TRUE((verdict).failed());
    EXPECT_EQ(verdict->kind, QStringLiteral("cancelled"));
    EXPECT_FALSE(verifier->isBusy());
}

TEST_F(CohereKeyVerifierTest, AVerifierDestroyedMidCheckStillReportsOnce)
{
    server.enqueue(FakeCohereFault::neverAnswer());
    int reports = 0;
    verifier->verify(key, [&](Status) { ++reports; });
    verifier.reset();
    EXPECT_EQ(reports, 1);
}

TEST_F(CohereKeyVerifierTest, AnEmptyKeyIsNotSentAnywhere)
{
    const Status verdict = verdictFor(QString());
    ASSERT_TRUE((verdict).failed());
    EXPECT_EQ(verdict->kind, QStringLiteral("key-check-failed"));
    EXPECT_TRUE(verdict->message.contains(QLatin1String("no API key to verify")));
    EXPECT_TRUE(server.requests().isEmpty());
}

} // namespace
