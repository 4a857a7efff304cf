// Every way a Cohere call can end, as the console will name it.
#include "CohereTestFixture.h"
#include "src/cohere/CohereClassifier.h"

using namespace golive;
using namespace golive::test;

namespace {

using Classification = CohereClientTest;

void expectKind(const CohereOutcome &outcome, CohereOutcomeKind kind)
{
    EXPECT_EQ(outcomeKindName(outcome.kind), outcomeKindName(kind))
        << outcome.message.toStdString();
}

TEST_F(Classification, OkCarriesLatencyBilledUnitsAndTheAnswer)
{
    const CohereOutcome chat = awaitOutcome(client->chat());
    expectKind(chat, CohereOutcomeKind::Ok);
    EXPECT_EQ(chat.httpStatus, 200);
    EXPECT_EQ(chat.attempts, 1);
    EXPECT_GE(chat.latencyMs, 0);
    EXPECT_EQ(chat.billed.inputTokens, 1.0); // chat v2: usage.billed_units
    EXPECT_EQ(chat.billed.outputTokens, 1.0);
    EXPECT_EQ(chat.body.value("id").toString(), QStringLiteral("chat-fake-1"));

    const CohereOutcome embed =
        awaitOutcome(client->embed({QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_EQ(embed.billed.inputTokens, 4.0); // embed: meta.billed_units

    const CohereOutcome rerank =
        awaitOutcome(client->rerank(QStringLiteral("q"), {QStringLiteral("d")}));
    EXPECT_EQ(rerank.billed.searchUnits, 1.0);
    EXPECT_FALSE(rerank.billed.inputTokens.has_value());
}

TEST_F(Classification, KeepsCoheresApiWarningHeader)
{
    server.enqueue(FakeCohereFault::withHeader("X-API-Warning", "model command-r is deprecated"));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    expectKind(outcome, CohereOutcomeKind::Ok);
    EXPECT_EQ(outcome.apiWarning, QStringLiteral("model command-r is deprecated"));
}

TEST_F(Classification, RateLimitedKeepsCoheresMessageAndRetryAfter)
{
    CohereSettings settings = fastSettings(server.url());
    settings.retry.maxAttempts = 1;
    makeClient(settings);
    server.enqueue(FakeCohereFault::rateLimited("7", QStringLiteral("You are using a Trial key")));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    expectKind(outcome, CohereOutcomeKind::RateLimited);
    EXPECT_EQ(outcome.httpStatus, 429);
    EXPECT_EQ(outcome.retryAfterMs, 7000);
    EXPECT_EQ(outcome.cohereMessage, QStringLiteral("You are using a Trial key"));
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("/v2/chat: HTTP 429")));
}

TEST_F(Classification, AServiceUnavailableMayAlsoSayWhenToComeBack)
{
    CohereSettings settings = fastSettings(server.url());
    settings.retry.maxAttempts = 1;
    makeClient(settings);
    FakeCohereFault unavailable = FakeCohereFault::status(503, QStringLiteral("overloaded"));
    unavailable.extraHeaders.append(std::pair<QByteArray, QByteArray>("Retry-After", "2"));
    server.enqueue(unavailable);
    const CohereOutcome outcome = awaitOutcome(client->chat());
    expectKind(outcome, CohereOutcomeKind::Server);
    EXPECT_EQ(outcome.retryAfterMs, 2000);
    EXPECT_EQ(outcome.cohereMessage, QStringLiteral("overloaded"));
}

TEST_F(Classification, AuthFailures)
{
    key = QStringLiteral("wrong-key");
    const CohereOutcome wrongKey = awaitOutcome(client->chat());
    expectKind(wrongKey, CohereOutcomeKind::Auth);
    EXPECT_EQ(wrongKey.httpStatus, 401);
    EXPECT_EQ(wrongKey.cohereMessage, QStringLiteral("invalid api token"));

    key = QString::fromLatin1(FakeCohereServer::defaultKey);
    server.enqueue(FakeCohereFault::status(498, QStringLiteral("blocked token")));
    const CohereOutcome invalidToken = awaitOutcome(client->embed({QStringLiteral("x")}));
    expectKind(invalidToken, CohereOutcomeKind::Auth);
    EXPECT_EQ(invalidToken.httpStatus, 498);
    EXPECT_EQ(invalidToken.attempts, 1); // never retried
}

TEST_F(Classification, RequestErrorsCarryCoheresMessage)
{
    for (const int status : {400, 404, 422}) {
        server.enqueue(FakeCohereFault::status(status, QStringLiteral("model 'x' not found")));
        const CohereOutcome outcome = awaitOutcome(client->chat());
        expectKind(outcome, CohereOutcomeKind::RequestError);
        EXPECT_EQ(outcome.httpStatus, status);
        EXPECT_EQ(outcome.cohereMessage, QStringLiteral("model 'x' not found"));
        EXPECT_EQ(outcome.attempts, 1);
    }
}

TEST_F(Classification, ServerErrorsAfterRetriesRunOut)
{
    for (const int status : {500, 503, 504}) {
        for (int i = 0; i < 4; ++i)
            server.enqueue(FakeCohereFault::status(status));
        const CohereOutcome outcome = awaitOutcome(client->chat());
        expectKind(outcome, CohereOutcomeKind::Server);
        EXPECT_EQ(outcome.httpStatus, status);
        EXPECT_EQ(outcome.attempts, 4);
        EXPECT_TRUE(outcome.message.contains(QStringLiteral("gave up after 4 attempts")))
            << outcome.message.toStdString();
    }
}

TEST_F(Classification, AResetConnectionIsNetwork)
{
    server.enqueue(FakeCohereFault::resetConnection());
    const CohereOutcome outcome = awaitOutcome(client->chat());
    expectKind(outcome, CohereOutcomeKind::Network);
    EXPECT_EQ(outcome.attempts, 1); // Network is reported as is, not retried
}

TEST_F(Classification, MalformedJsonAndWrongShapeAreBadBody)
{
    server.enqueue(FakeCohereFault::malformedJson());
    const CohereOutcome malformed = awaitOutcome(client->chat());
    expectKind(malformed, CohereOutcomeKind::BadBody);
    EXPECT_TRUE(malformed.message.contains(QStringLiteral("malformed JSON")));

    server.enqueue(FakeCohereFault::wrongShape());
    const CohereOutcome shape =
        awaitOutcome(client->rerank(QStringLiteral("q"), {QStringLiteral("d")}));
    expectKind(shape, CohereOutcomeKind::BadBody);
    EXPECT_TRUE(shape.message.contains(QStringLiteral("missing required field \"results\"")))
        << shape.message.toStdString();
}

TEST_F(Classification, AFiveMegabyteBodyIsBadBodyWithoutBeingRead)
{
    server.enqueue(FakeCohereFault::hugeBody(5 * 1024 * 1024, /*announceLength=*/false));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    expectKind(outcome, CohereOutcomeKind::BadBody);
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("response larger than 1 MiB")))
        << outcome.message.toStdString();
    EXPECT_EQ(outcome.attempts, 1);
}

TEST_F(Classification, ASlowBodyIsATimeout)
{
    CohereSettings settings = fastSettings(server.url());
    settings.requestTimeoutMs = 300;
    makeClient(settings);
    server.enqueue(FakeCohereFault::slowBody(4, 40));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    expectKind(outcome, CohereOutcomeKind::Timeout);
    EXPECT_EQ(outcome.attempts, 1);
}

TEST_F(Classification, ANeverAnsweringServerIsATimeout)
{
    CohereSettings settings = fastSettings(server.url());
    settings.requestTimeoutMs = 250;
    makeClient(settings);
    server.enqueue(FakeCohereFault::neverAnswer());
    const CohereOutcome outcome = awaitOutcome(client->embed({QStringLiteral("x")}));
    expectKind(outcome, CohereOutcomeKind::Timeout);
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("no answer within 250 ms")));
}

TEST_F(Classification, LatencyBeforeAnsweringIsMeasured)
{
    server.enqueue(FakeCohereFault::latency(120));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    expectKind(outcome, CohereOutcomeKind::Ok);
    EXPECT_GE(outcome.latencyMs, 120);
}

TEST_F(Classification, TheKeyNeverAppearsInAMessageEvenIfEchoed)
{
    server.enqueue(FakeCohereFault::status(400, QStringLiteral("bad header Bearer %1").arg(key)));
    const CohereOutcome outcome = awaitOutcome(client->chat());
    EXPECT_FALSE(outcome.message.contains(key)) << outcome.message.toStdString();
    EXPECT_FALSE(outcome.cohereMessage.contains(key));
    EXPECT_TRUE(outcome.cohereMessage.contains(QStringLiteral("[redacted]")));
}

TEST_F(Classification, EveryKindHasANameAndAHumanText)
{
    for (int k = int(CohereOutcomeKind::Ok); k <= int(CohereOutcomeKind::CircuitOpen); ++k) {
        const auto kind = CohereOutcomeKind(k);
        EXPECT_NE(outcomeKindName(kind), QStringLiteral("unknown"));
        EXPECT_TRUE(outcomeKindText(kind).endsWith(QLatin1Char('.')));
    }
}

TEST(RetryAfter, ParsesDeltaSecondsAndHttpDates)
{
    const QDateTime now(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC);
    EXPECT_EQ(parseRetryAfter("30", now), 30'000);
    EXPECT_EQ(parseRetryAfter(" 0 ", now), 0);
    EXPECT_EQ(parseRetryAfter("Tue, 24 Nov 2026 12:00:45 GMT", now), 45'000);
    EXPECT_EQ(parseRetryAfter("Tue, 24 Nov 2026 11:00:00 GMT", now), 0);        // already past
    EXPECT_EQ(parseRetryAfter("Tuesday, 24-Nov-26 12:01:00 GMT", now), 60'000); // RFC 850
    EXPECT_EQ(parseRetryAfter("Tue Nov 24 12:00:10 2026", now), 10'000);        // asctime
    EXPECT_FALSE(parseRetryAfter("soon", now).has_value());
    EXPECT_FALSE(parseRetryAfter("-5", now).has_value());
    EXPECT_FALSE(parseRetryAfter("", now).has_value());
}

TEST(StatusTable, FollowsTheSpecsErrorCodes)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto kindFor = [&](int status) {
        HttpOutcome http;
        http.kind = HttpOutcomeKind::Completed;
        http.status = status;
        http.body = R"({"message":"m"})";
        return classifyCohereResponse(CohereEndpoint::Chat, http, now).kind;
    };
    EXPECT_EQ(kindFor(429), CohereOutcomeKind::RateLimited);
    EXPECT_EQ(kindFor(401), CohereOutcomeKind::Auth);
    EXPECT_EQ(kindFor(403), CohereOutcomeKind::Auth);
    EXPECT_EQ(kindFor(498), CohereOutcomeKind::Auth);
    EXPECT_EQ(kindFor(400), CohereOutcomeKind::RequestError);
    EXPECT_EQ(kindFor(404), CohereOutcomeKind::RequestError);
    EXPECT_EQ(kindFor(422), CohereOutcomeKind::RequestError);
    EXPECT_EQ(kindFor(500), CohereOutcomeKind::Server);
    EXPECT_EQ(kindFor(501), CohereOutcomeKind::Server);
    EXPECT_EQ(kindFor(503), CohereOutcomeKind::Server);
    EXPECT_EQ(kindFor(504), CohereOutcomeKind::Server);
    EXPECT_EQ(kindFor(302), CohereOutcomeKind::BadBody);
}

TEST(StatusTable, TransportFailuresMapOntoTheClosedSet)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto kindFor = [&](HttpOutcomeKind kind) {
        HttpOutcome http;
        http.kind = kind;
        return classifyCohereResponse(CohereEndpoint::Embed, http, now).kind;
    };
    EXPECT_EQ(kindFor(HttpOutcomeKind::Timeout), CohereOutcomeKind::Timeout);
    EXPECT_EQ(kindFor(HttpOutcomeKind::Network), CohereOutcomeKind::Network);
    EXPECT_EQ(kindFor(HttpOutcomeKind::Tls), CohereOutcomeKind::Network);
    EXPECT_EQ(kindFor(HttpOutcomeKind::RefusedRedirect), CohereOutcomeKind::Network);
    EXPECT_EQ(kindFor(HttpOutcomeKind::BodyTooLarge), CohereOutcomeKind::BadBody);
    EXPECT_EQ(kindFor(HttpOutcomeKind::Cancelled), CohereOutcomeKind::Cancelled);
}

} // namespace
