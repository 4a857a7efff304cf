// What golive can honestly say about a key.
#include "src/cohere/KeyVerification.h"
#include "CohereTestFixture.h"

using namespace golive;
using namespace golive::test;

namespace {

using KeyCheck = CohereClientTest;

TEST_F(KeyCheck, AValidKeyIsValidButItsKindIsHonestlyUnknown)
{
    const auto verification = KeyVerification::fromOutcome(awaitOutcome(client->checkApiKey(key)));
    ASSERT_TRUE(verification.ok()) << verification.error().message.toStdString();
    EXPECT_TRUE(verification.value().valid);
    EXPECT_EQ(verification.value().organizationId, QStringLiteral("org-fake"));
    EXPECT_EQ(verification.value().ownerId, QStringLiteral("owner-fake"));
    EXPECT_EQ(verification.value().kind, KeyKind::Unknown);
    EXPECT_TRUE(verification.value().explanation.startsWith(
        QStringLiteral("Cohere's API does not say whether a key is a trial key")));
}

TEST_F(KeyCheck, ARejectedKeyIsInvalidWithCoheresReason)
{
    const auto verification =
        KeyVerification::fromOutcome(awaitOutcome(client->checkApiKey(QStringLiteral("nope"))));
    ASSERT_TRUE(verification.ok());
    EXPECT_FALSE(verification.value().valid);
    EXPECT_EQ(verification.value().explanation,
              QStringLiteral("Cohere rejected this key (HTTP 401): invalid api token."));
    EXPECT_FALSE(verification.value().explanation.contains(QStringLiteral("nope")));
}

TEST_F(KeyCheck, ATrialRateLimitMessageRevealsATrialKey)
{
    CohereSettings settings = fastSettings(server.url());
    settings.retry.maxAttempts = 1;
    makeClient(settings);
    server.enqueue(FakeCohereFault::rateLimited(
        "60",
        QStringLiteral("You are using a Trial key, which is limited to 40 API calls / minute.")));
    const CohereOutcome outcome = awaitOutcome(client->checkApiKey(key));
    EXPECT_EQ(keyKindEvidence(outcome), KeyKind::Trial);
    const auto verification = KeyVerification::fromOutcome(outcome);
    ASSERT_TRUE(verification.ok());
    EXPECT_TRUE(verification.value().valid);
    EXPECT_EQ(verification.value().kind, KeyKind::Trial);
}

TEST_F(KeyCheck, NoEvidenceIsNeverTakenForProduction)
{
    const CohereOutcome outcome = awaitOutcome(client->chat());
    EXPECT_FALSE(keyKindEvidence(outcome).has_value());
}

TEST_F(KeyCheck, AnUnreachableCohereMeansTheKeyCouldNotBeChecked)
{
    server.enqueue(FakeCohereFault::resetConnection());
    const auto verification = KeyVerification::fromOutcome(awaitOutcome(client->checkApiKey(key)));
    ASSERT_FALSE(verification.ok());
    EXPECT_EQ(verification.error().kind, QStringLiteral("key-check-failed"));
    EXPECT_TRUE(
        verification.error().message.startsWith(QStringLiteral("The key could not be checked")));
    EXPECT_FALSE(verification.error().message.contains(key));
}

} // namespace
