#include "src/common/CallOutcome.h"
#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

// The one table the Cohere client, the probes and the reports share (seed: success = healthy,
// 429 = degraded, anything else = down).
TEST(CallOutcomeTest, EveryHttpStatusHasOneFailureKind)
{
    const struct {
        int status;
        FailureKind failure;
    } table[] = {
        {200, FailureKind::Ok},          {204, FailureKind::Ok},
        {429, FailureKind::RateLimited}, {401, FailureKind::Auth},
        {403, FailureKind::Auth},        {498, FailureKind::Auth},
        {400, FailureKind::ClientError}, {404, FailureKind::ClientError},
        {422, FailureKind::ClientError}, {499, FailureKind::ClientError},
        {500, FailureKind::Server5xx},   {503, FailureKind::Server5xx},
        {101, FailureKind::BadBody},     {302, FailureKind::BadBody},
        {600, FailureKind::BadBody},
    };
    for (const auto &row : table)
        EXPECT_EQ(failureForHttpStatus(row.status), row.failure) << row.status;
}

TEST(CallOutcomeTest, ATransportFailureIsNeverAnHttpStatus)
{
    EXPECT_EQ(failureForTransport(HttpOutcomeKind::Timeout), FailureKind::Timeout);
    EXPECT_EQ(failureForTransport(HttpOutcomeKind::Tls), FailureKind::Network);
    EXPECT_EQ(failureForTransport(HttpOutcomeKind::Network), FailureKind::Network);
    EXPECT_EQ(failureForTransport(HttpOutcomeKind::RefusedRedirect), FailureKind::Network);
    EXPECT_EQ(failureForTransport(HttpOutcomeKind::BodyTooLarge), FailureKind::BadBody);

    HttpOutcome timedOut;
    timedOut.kind = HttpOutcomeKind::Timeout;
    timedOut.status = 429; // a status line may have arrived before the body timed out
    EXPECT_EQ(failureForHttp(timedOut), FailureKind::Timeout);
}

TEST(CallOutcomeTest, OnlyA429OrAReportedDegradedIsDegraded)
{
    EXPECT_EQ(outcomeOf(FailureKind::Ok), Outcome::Healthy);
    EXPECT_EQ(outcomeOf(FailureKind::RateLimited), Outcome::Degraded);
    EXPECT_EQ(outcomeOf(FailureKind::ReportedDegraded), Outcome::Degraded);
    EXPECT_EQ(outcomeOf(FailureKind::ReportedDown), Outcome::Down);
    EXPECT_EQ(outcomeOf(FailureKind::Auth), Outcome::Down);
    EXPECT_EQ(outcomeOf(FailureKind::Timeout), Outcome::Down);
}

TEST(CallOutcomeTest, TheBodyTellsAQuotaFromARateLimitAndTheEdgeFromCohere)
{
    const QByteArray quota =
        R"({"id":"x","message":"You are using a Trial key, which is limited to 1000 API calls / month."})";
    const QByteArray perMinute =
        R"({"id":"x","message":"trial key, which is limited to 20 API calls / minute"})";
    EXPECT_EQ(failureForHttpResponse(429, quota), FailureKind::QuotaExhausted);
    EXPECT_EQ(failureForHttpResponse(429, perMinute), FailureKind::RateLimited);
    EXPECT_EQ(failureForHttpResponse(429, {}), FailureKind::RateLimited);
    EXPECT_EQ(outcomeOf(FailureKind::QuotaExhausted), Outcome::Degraded); // reachable
    EXPECT_TRUE(isRateLimitResponse(FailureKind::QuotaExhausted));

    EXPECT_EQ(failureForHttpResponse(402, R"({"message":"billing limit reached"})"),
              FailureKind::Billing);
    EXPECT_EQ(outcomeOf(FailureKind::Billing), Outcome::Down);

    EXPECT_EQ(failureForHttpResponse(403, "<html><body>403 Forbidden</body></html>", "text/html"),
              FailureKind::EdgeForbidden);
    EXPECT_EQ(failureForHttpResponse(403, R"({"message":"lacks permission"})"), FailureKind::Auth);
    EXPECT_EQ(failureForHttpResponse(498, R"({"message":"blocked"})"), FailureKind::Auth);
    EXPECT_EQ(failureForHttpResponse(499, R"({"message":"cancelled"})"), FailureKind::ClientError);
    EXPECT_EQ(failureKindText(FailureKind::EdgeForbidden), QStringLiteral("forbidden by the edge"));

    HttpOutcome http;
    http.kind = HttpOutcomeKind::Completed;
    http.status = 429;
    http.body = quota;
    EXPECT_EQ(failureForHttp(http), FailureKind::QuotaExhausted);
}

TEST(CallOutcomeTest, OnlyAnsweredCallsHaveALatencyThatMeansWhatItSays)
{
    EXPECT_TRUE(isAnsweredInFull(FailureKind::Ok));
    EXPECT_TRUE(isAnsweredInFull(FailureKind::ReportedDegraded));
    for (FailureKind failure : {FailureKind::RateLimited, FailureKind::Timeout,
                                FailureKind::Server5xx, FailureKind::QuotaExhausted})
        EXPECT_FALSE(isAnsweredInFull(failure));
}
