#include "ProbeTestFixture.h"

#include <QJsonArray>

using namespace golive;
using namespace golive::test;

namespace {
LoopbackResponse plain(int status, const QByteArray &body)
{
    LoopbackResponse response;
    response.status = status;
    response.body = body;
    return response;
}
} // namespace

// --- the team's /api/health ---

TEST_F(ProbeTest, TeamHealthReportingCohereHealthyIsHealthyAndRecorded)
{
    const ProbeResult result = runOnce(healthSpec());
    EXPECT_EQ(result.status, ProbeStatus::Healthy);
    EXPECT_EQ(result.kind, ProbeKind::TeamHealth);
    EXPECT_EQ(result.httpStatus, 200);
    EXPECT_TRUE(result.error.isEmpty());
    EXPECT_TRUE(result.detail.contains(QStringLiteral("Cohere healthy")));
    EXPECT_EQ(result.at, clock.nowUtc());
    const SampleSeries *series = metrics.series(QString::fromLatin1(probename::healthStaging));
    ASSERT_NE(series, nullptr);
    ASSERT_EQ(series->size(), 1);
    EXPECT_EQ(series->last()->outcome, Outcome::Healthy);
    EXPECT_EQ(series->last()->httpStatus, 200);
}

TEST_F(ProbeTest, TeamHealthReportsWhatItsCohereStatusSays)
{
    health.setCohereStatus(QStringLiteral("degraded"));
    EXPECT_EQ(runOnce(healthSpec()).status, ProbeStatus::Degraded);
    health.setCohereStatus(QStringLiteral("down"));
    const ProbeResult down = runOnce(healthSpec());
    EXPECT_EQ(down.status, ProbeStatus::Down);
    EXPECT_EQ(down.error, QStringLiteral("the service reports Cohere down"));
    EXPECT_EQ(metrics.series(down.name)->consecutiveFailures(), 1);
}

// The team's endpoint answered 200: what its body reports about Cohere is not an HTTP 429 or 5xx,
// so it must not feed the "Rate limited" alert, the canary's 429 rate or 5xx share, or the
// chart's 429 markers.
TEST_F(ProbeTest, AHealthBodyReportingCohereDegradedOrDownIsNotCountedAsA429OrA5xx)
{
    health.setCohereStatus(QStringLiteral("degraded"));
    const ProbeResult degraded = runOnce(healthSpec());
    EXPECT_EQ(degraded.status, ProbeStatus::Degraded);
    EXPECT_EQ(degraded.httpStatus, 200);
    EXPECT_EQ(degraded.failure, FailureKind::ReportedDegraded);
    EXPECT_EQ(degraded.error, QStringLiteral("the service reports Cohere degraded"));

    health.setCohereStatus(QStringLiteral("down"));
    const ProbeResult down = runOnce(healthSpec());
    EXPECT_EQ(down.status, ProbeStatus::Down);
    EXPECT_EQ(down.failure, FailureKind::ReportedDown);

    const SampleSeries *series = metrics.series(degraded.name);
    ASSERT_NE(series, nullptr);
    ASSERT_EQ(series->size(), 2);
    const qint64 untilMs = clock.nowUtc().toMSecsSinceEpoch() + 1;
    EXPECT_EQ(series->countFailures(FailureKind::RateLimited, 0, untilMs), 0);
    EXPECT_EQ(series->countFailures(FailureKind::Server5xx, 0, untilMs), 0);
    EXPECT_EQ(series->last()->outcome, Outcome::Down);
}

// One status table: a 498 ("invalid token" in Cohere's spec) is a refused key whether the Cohere
// client or a health probe receives it.
TEST_F(ProbeTest, A498IsARefusedKeyForTheHealthProbeAsForTheCohereClient)
{
    health.setOverride(plain(498, R"({"message": "invalid token"})"));
    const ProbeResult result = runOnce(healthSpec());
    EXPECT_EQ(result.httpStatus, 498);
    EXPECT_EQ(result.status, ProbeStatus::Down);
    EXPECT_EQ(result.failure, FailureKind::Auth);

    cohere.enqueue(FakeCohereFault::status(498, QStringLiteral("invalid token")));
    const ProbeResult viaClient = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(viaClient.httpStatus, 498);
    EXPECT_EQ(viaClient.failure, result.failure);
    EXPECT_EQ(viaClient.status, result.status);
}

TEST_F(ProbeTest, TeamHealthServerErrorIsDownAndRateLimitIsDegraded)
{
    health.setOverride(plain(500, "oops"));
    const ProbeResult down = runOnce(healthSpec());
    EXPECT_EQ(down.status, ProbeStatus::Down);
    EXPECT_EQ(down.httpStatus, 500);
    EXPECT_EQ(down.failure, FailureKind::Server5xx);
    EXPECT_TRUE(down.error.contains(QStringLiteral("HTTP 500")));

    health.setOverride(plain(429, "slow down"));
    const ProbeResult limited = runOnce(healthSpec());
    EXPECT_EQ(limited.status, ProbeStatus::Degraded);
    EXPECT_EQ(limited.failure, FailureKind::RateLimited);
}

TEST_F(ProbeTest, TeamHealthBodiesThatAreNotTheSeedsShapeAreDownWithTheBodyQuoted)
{
    const struct {
        QByteArray body;
        QString quoted;
    } cases[] = {
        {"pong", QStringLiteral("unexpected response: pong")},
        {R"({"healthy":true})", QStringLiteral("unexpected response: {\"healthy\":true}")},
        {R"({"status":"ok","cohere":{"status":"healthy"},"timestamp":"2026-11-24T10:00:00Z"})",
         QStringLiteral("`cohere.latencyMs`")},
        {"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>",
         QStringLiteral("unexpected response: <!DOCTYPE html>")},
        {"", QStringLiteral("unexpected response: empty body")},
    };
    for (const auto &c : cases) {
        health.setOverride(plain(200, c.body));
        const ProbeResult result = runOnce(healthSpec());
        EXPECT_EQ(result.status, ProbeStatus::Down) << c.body.constData();
        EXPECT_EQ(result.failure, FailureKind::BadBody);
        EXPECT_TRUE(result.error.contains(c.quoted)) << result.error.toStdString();
    }
}

TEST_F(ProbeTest, AHugeHealthBodyIsRefusedAsDownWithoutBufferingIt)
{
    health.setOverride(plain(200, QByteArray(2 * 1024 * 1024, 'x')));
    const ProbeResult result = runOnce(healthSpec(5000));
    EXPECT_EQ(result.status, ProbeStatus::Down);
    EXPECT_EQ(result.failure, FailureKind::BadBody);
}

TEST_F(ProbeTest, ANeverAnsweringHealthEndpointIsDownAfterTheProbesTimeout)
{
    LoopbackResponse silent;
    silent.delivery = LoopbackResponse::Delivery::NeverAnswer;
    health.setOverride(silent);
    const ProbeResult result = runOnce(healthSpec(300));
    EXPECT_EQ(result.status, ProbeStatus::Down);
    EXPECT_EQ(result.failure, FailureKind::Timeout);
    EXPECT_EQ(result.latencyMs, 300); // a timeout counts in full
    EXPECT_EQ(result.httpStatus, 0);
    EXPECT_TRUE(result.error.contains(QStringLiteral("no answer within 300 ms")));
}

TEST_F(ProbeTest, ASlowHealthAnswerPastTheTimeoutIsDown)
{
    LoopbackResponse slow;
    slow.body = FakeTeamHealthServer::seedBody(QStringLiteral("healthy"), 1);
    slow.delayMs = 1000;
    health.setOverride(slow);
    EXPECT_EQ(runOnce(healthSpec(200)).failure, FailureKind::Timeout);
}

TEST_F(ProbeTest, ARefusedConnectionIsDownAsANetworkFailure)
{
    ProbeSpec spec = healthSpec();
    spec.target = QUrl(QStringLiteral("http://127.0.0.1:1/api/health"));
    const ProbeResult result = runOnce(spec);
    EXPECT_EQ(result.status, ProbeStatus::Down);
    EXPECT_EQ(result.failure, FailureKind::Network);
    EXPECT_FALSE(result.error.isEmpty());
}

// --- the status page ---

TEST_F(ProbeTest, StatusPageIsReadFromTheSummaryFirst)
{
    const ProbeResult result = runOnce(statusSpec());
    EXPECT_EQ(result.status, ProbeStatus::Healthy);
    EXPECT_EQ(result.detail, QStringLiteral("All Systems Operational"));
    ASSERT_EQ(statusPage.requests().size(), 1);
    EXPECT_EQ(statusPage.requests().first().path, QStringLiteral("/api/v2/summary.json"));
}

TEST_F(ProbeTest, AnApiOnlyIncidentShowsFromTheSummarysComponents)
{
    // The headline still says "none": only the API component knows.
    statusPage.setComponent(QStringLiteral("API"), QStringLiteral("partial_outage"));
    const ProbeResult partial = runOnce(statusSpec());
    EXPECT_EQ(partial.status, ProbeStatus::Degraded);
    EXPECT_TRUE(partial.error.contains(QStringLiteral("API: partial_outage")))
        << partial.error.toStdString();
    statusPage.setComponent(QStringLiteral("API"), QStringLiteral("major_outage"));
    EXPECT_EQ(runOnce(statusSpec()).status, ProbeStatus::Down);
}

TEST_F(ProbeTest, StatusPageIndicatorsMapToDegradedAndDown)
{
    statusPage.setIndicator(QStringLiteral("minor"), QStringLiteral("Elevated errors"));
    const ProbeResult minor = runOnce(statusSpec());
    EXPECT_EQ(minor.status, ProbeStatus::Degraded);
    EXPECT_EQ(minor.failure, FailureKind::ReportedDegraded); // the page said so; no HTTP 429
    EXPECT_TRUE(minor.error.contains(QStringLiteral("Elevated errors")));
    statusPage.setIndicator(QStringLiteral("critical"), QStringLiteral("Major outage"));
    const ProbeResult critical = runOnce(statusSpec());
    EXPECT_EQ(critical.status, ProbeStatus::Down);
    EXPECT_EQ(critical.failure, FailureKind::ReportedDown);
}

TEST_F(ProbeTest, WithoutAUsableSummaryStatusJsonIsTheFallback)
{
    statusPage.setSummaryOverride(plain(404, "no"));
    statusPage.setIndicator(QStringLiteral("minor"), QStringLiteral("Elevated errors"));
    const ProbeResult result = runOnce(statusSpec());
    EXPECT_EQ(result.status, ProbeStatus::Degraded);
    ASSERT_EQ(statusPage.requests().size(), 2);
    EXPECT_EQ(statusPage.requests().at(1).path, QStringLiteral("/api/v2/status.json"));
}

TEST_F(ProbeTest, AStatusPageGoliveCannotReachIsUnknownNeverDown)
{
    ProbeSpec closed = statusSpec();
    closed.target = FakeStatusPageServer::closedPortUrl();
    const ProbeResult result = runOnce(closed);
    EXPECT_EQ(result.status, ProbeStatus::Unknown);
    EXPECT_TRUE(result.error.contains(QStringLiteral("unreachable"))) << result.error.toStdString();
    EXPECT_TRUE(result.error.contains(QStringLiteral("says nothing about Cohere")));
    // Neither healthy nor down: nothing a rule or a chart could count.
    EXPECT_EQ(metrics.series(result.name), nullptr);

    LoopbackResponse silent;
    silent.delivery = LoopbackResponse::Delivery::NeverAnswer;
    // Both silent (a status.json answering in time after a silent summary is a real answer).
    statusPage.setSummaryOverride(silent);
    statusPage.setStatusOverride(silent);
    EXPECT_EQ(runOnce(statusSpec(400)).status, ProbeStatus::Unknown);
}

TEST_F(ProbeTest, AStatusPageGoliveCannotReadIsUnknownWithTheReason)
{
    statusPage.setSummaryOverride(FakeStatusPageServer::htmlPage());
    statusPage.setStatusOverride(FakeStatusPageServer::htmlPage());
    const ProbeResult html = runOnce(statusSpec());
    EXPECT_EQ(html.status, ProbeStatus::Unknown);
    EXPECT_TRUE(html.error.contains(QStringLiteral("HTML"))) << html.error.toStdString();

    statusPage.setSummaryOverride(FakeStatusPageServer::unknownJsonShape());
    statusPage.setStatusOverride(FakeStatusPageServer::unknownJsonShape());
    const ProbeResult other = runOnce(statusSpec());
    EXPECT_EQ(other.status, ProbeStatus::Unknown);
    EXPECT_TRUE(other.error.contains(QStringLiteral("a format golive does not know")))
        << other.error.toStdString();

    statusPage.setStatusOverride(plain(503, "busy"));
    EXPECT_EQ(runOnce(statusSpec()).status, ProbeStatus::Unknown);
}

// --- Cohere ---

TEST_F(ProbeTest, ChatProbeSendsTheSeedsCheapestCallAndIsHealthyWithBilledUnits)
{
    const ProbeResult result = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(result.status, ProbeStatus::Healthy);
    EXPECT_EQ(result.httpStatus, 200);
    ASSERT_EQ(cohere.requests().size(), 1);
    const QJsonObject body = cohere.requests().first().json();
    EXPECT_EQ(cohere.requests().first().path, QStringLiteral("/v2/chat"));
    EXPECT_EQ(body.value(QStringLiteral("max_tokens")).toInt(), 1);
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages.first().toObject().value(QStringLiteral("content")).toString(),
              QStringLiteral("ping"));
    const auto sample = metrics.series(result.name)->last();
    EXPECT_EQ(sample->inputTokens, result.inputTokens);
    EXPECT_GT(result.inputTokens + result.outputTokens, 0u);
}

TEST_F(ProbeTest, EmbedAndRerankProbesSendTheProfilesRequests)
{
    EXPECT_EQ(runOnce(cohereSpec(ProbeKind::CohereEmbed)).status, ProbeStatus::Healthy);
    EXPECT_EQ(runOnce(cohereSpec(ProbeKind::CohereRerank)).status, ProbeStatus::Healthy);
    ASSERT_EQ(cohere.requests().size(), 2);
    const QJsonObject embed = cohere.requests().at(0).json();
    EXPECT_EQ(embed.value(QStringLiteral("input_type")).toString(), QStringLiteral("search_query"));
    EXPECT_EQ(embed.value(QStringLiteral("embedding_types")).toArray().first().toString(),
              QStringLiteral("float"));
    const QJsonObject rerank = cohere.requests().at(1).json();
    EXPECT_EQ(rerank.value(QStringLiteral("documents")).toArray().size(), 2);
    EXPECT_FALSE(rerank.value(QStringLiteral("query")).toString().isEmpty());
}

TEST_F(ProbeTest, CohereClassificationFollowsTheSeed)
{
    cohere.enqueue(FakeCohereFault::rateLimited({}));
    const ProbeResult limited = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(limited.status, ProbeStatus::Degraded);
    EXPECT_EQ(limited.httpStatus, 429);
    EXPECT_EQ(limited.failure, FailureKind::RateLimited);

    cohere.enqueue(FakeCohereFault::status(500));
    const ProbeResult server = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(server.status, ProbeStatus::Down);
    EXPECT_EQ(server.failure, FailureKind::Server5xx);

    cohere.enqueue(FakeCohereFault::status(401, QStringLiteral("invalid api token")));
    const ProbeResult auth = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(auth.status, ProbeStatus::Down);
    EXPECT_EQ(auth.httpStatus, 401);
    EXPECT_EQ(auth.failure, FailureKind::Auth);
    EXPECT_FALSE(auth.error.contains(QString::fromLatin1(FakeCohereServer::defaultKey)));

    cohere.enqueue(FakeCohereFault::malformedJson());
    EXPECT_EQ(runOnce(cohereSpec(ProbeKind::CohereChat)).failure, FailureKind::BadBody);

    EXPECT_EQ(metrics.series(QString::fromLatin1(probename::cohereChat))->size(), 4);
}

TEST_F(ProbeTest, ErrorClassesSayWhatHappened)
{
    cohere.enqueue(FakeCohereFault::billing());
    const ProbeResult billing = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(billing.status, ProbeStatus::Down);
    EXPECT_EQ(billing.failure, FailureKind::Billing);
    EXPECT_TRUE(billing.error.contains(QStringLiteral("HTTP 402: billing: ")))
        << billing.error.toStdString();

    cohere.enqueue(FakeCohereFault::quotaExhausted());
    const ProbeResult quota = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(quota.status, ProbeStatus::Degraded);
    EXPECT_EQ(quota.failure, FailureKind::QuotaExhausted);
    EXPECT_TRUE(quota.error.contains(QStringLiteral("quota exhausted")))
        << quota.error.toStdString();

    cohere.enqueue(FakeCohereFault::rateLimited({}));
    const ProbeResult limited = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(limited.failure, FailureKind::RateLimited);
    EXPECT_TRUE(limited.error.contains(QStringLiteral("rate limited")))
        << limited.error.toStdString();

    cohere.enqueue(FakeCohereFault::edgeForbidden());
    const ProbeResult edge = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(edge.status, ProbeStatus::Down);
    EXPECT_EQ(edge.failure, FailureKind::EdgeForbidden);
    EXPECT_TRUE(edge.error.contains(QStringLiteral("forbidden by the edge")))
        << edge.error.toStdString();

    cohere.enqueue(FakeCohereFault::status(401, QStringLiteral("Your API key has expired")));
    const ProbeResult expired = runOnce(cohereSpec(ProbeKind::CohereChat));
    EXPECT_EQ(expired.failure, FailureKind::Auth);
    EXPECT_TRUE(expired.error.contains(QStringLiteral("key refused (expired)")))
        << expired.error.toStdString();
}

TEST_F(ProbeTest, AHealthyAnswerAboveItsGateIsSlowNamingTheGate)
{
    ProbeSpec spec = cohereSpec(ProbeKind::CohereChat);
    spec.gateMs = 50;
    spec.gateName = QStringLiteral("gates.chat_p95_ms");
    cohere.enqueue(FakeCohereFault::latency(200));
    const ProbeResult slow = runOnce(spec);
    EXPECT_EQ(slow.status, ProbeStatus::Slow);
    EXPECT_GE(slow.latencyMs, 200);
    EXPECT_TRUE(slow.error.contains(QStringLiteral("gates.chat_p95_ms")))
        << slow.error.toStdString();
    // Slow is still an answer: its latency counts.
    EXPECT_EQ(metrics.series(slow.name)->last()->outcome, Outcome::Healthy);
    EXPECT_EQ(runOnce(spec).status, ProbeStatus::Healthy); // the fake answers at once again
}

TEST_F(ProbeTest, ARetriedProbeReportsTheAnsweringAttemptsOwnTimeAndEvery429)
{
    CohereSettings settings = client->settings();
    settings.retry.maxAttempts = 4;
    CohereClient retrying(
        settings, [] { return QString::fromLatin1(FakeCohereServer::defaultKey); }, nullptr, clock,
        [](qint64) { return qint64(0); });
    runner->setCohereClient(&retrying);
    FakeCohereFault slowLimit = FakeCohereFault::rateLimited({});
    slowLimit.delayMs = 400;
    cohere.enqueue(slowLimit);
    cohere.enqueue(FakeCohereFault::rateLimited({}));
    const ProbeResult result = runOnce(cohereSpec(ProbeKind::CohereChat, 5000));
    runner->setCohereClient(client.get());
    EXPECT_EQ(result.status, ProbeStatus::Healthy);
    EXPECT_EQ(cohere.requests().size(), 3);
    // The 400 ms of the first refused attempt are not the answer's latency.
    EXPECT_LT(result.latencyMs, 400);
    EXPECT_EQ(result.rateLimitedResponses, 2);
    EXPECT_EQ(metrics.series(result.name)->last()->rateLimitedResponses, 2);
}

TEST_F(ProbeTest, AQuota429IsNotRetried)
{
    CohereSettings settings = client->settings();
    settings.retry.maxAttempts = 4;
    CohereClient retrying(
        settings, [] { return QString::fromLatin1(FakeCohereServer::defaultKey); }, nullptr, clock,
        [](qint64) { return qint64(0); });
    runner->setCohereClient(&retrying);
    cohere.enqueue(FakeCohereFault::quotaExhausted());
    const ProbeResult result = runOnce(cohereSpec(ProbeKind::CohereChat, 5000));
    runner->setCohereClient(client.get());
    EXPECT_EQ(result.failure, FailureKind::QuotaExhausted);
    EXPECT_EQ(cohere.requests().size(), 1); // no retry storm against a monthly quota
}

TEST_F(ProbeTest, ANeverAnsweringCohereIsDownAfterTheProbesOwnTimeout)
{
    cohere.enqueue(FakeCohereFault::neverAnswer());
    const ProbeResult result = runOnce(cohereSpec(ProbeKind::CohereChat, 300));
    EXPECT_EQ(result.status, ProbeStatus::Down);
    EXPECT_EQ(result.failure, FailureKind::Timeout);
    EXPECT_EQ(result.latencyMs, 300);
}

TEST_F(ProbeTest, WithoutAKeyCohereProbesAreSkippedAndNotRecorded)
{
    runner->setCohereClient(nullptr);
    const ProbeResult result = runOnce(cohereSpec(ProbeKind::CohereRerank));
    EXPECT_EQ(result.status, ProbeStatus::Skipped);
    // It names the key the window opens the key dialog with, not only "the console".
    EXPECT_EQ(result.error, QStringLiteral("no API key: set one with Console › Cohere API key… "
                                           "(Ctrl+K) or CO_API_KEY"));
    EXPECT_TRUE(cohere.requests().isEmpty());
    EXPECT_EQ(metrics.series(result.name), nullptr);
}

TEST_F(ProbeTest, ProbeSpecsFollowTheProfileSkippingUnconfiguredHealthUrls)
{
    Profile profile;
    profile.health.production = QUrl();
    const QList<ProbeSpec> specs = probeSpecsFor(profile);
    QStringList names;
    for (const ProbeSpec &spec : specs)
        names << spec.name;
    EXPECT_EQ(names, (QStringList{QStringLiteral("health-staging"), QStringLiteral("status-page"),
                                  QStringLiteral("cohere-chat"), QStringLiteral("cohere-embed"),
                                  QStringLiteral("cohere-rerank")}));
    EXPECT_EQ(specs.first().intervalMs, profile.probes.health.intervalS * 1000);
    EXPECT_EQ(specs.at(2).target.toString(), QStringLiteral("https://api.cohere.com/v2/chat"));
    EXPECT_EQ(probeKindName(specs.at(1).kind), QStringLiteral("status-page"));
}

TEST_F(ProbeTest, ACancelledRunReportsOnceAsSkippedAndRecordsNothing)
{
    LoopbackResponse silent;
    silent.delivery = LoopbackResponse::Delivery::NeverAnswer;
    health.setOverride(silent);
    QSignalSpy received(&health.http(), &LoopbackHttpServer::requestReceived);
    ProbeRun *run = runner->run(healthSpec(300));
    QSignalSpy finished(run, &ProbeRun::finished);
    ASSERT_TRUE(received.wait(5000));
    run->cancel();
    ASSERT_TRUE(finished.wait(5000));
    // Past the run's own deadline: a second report would have arrived by now.
    EXPECT_FALSE(finished.wait(600));
    ASSERT_EQ(finished.size(), 1);
    const auto result = qvariant_cast<ProbeResult>(finished.at(0).at(0));
    EXPECT_EQ(result.status, ProbeStatus::Skipped);
    EXPECT_EQ(result.error, QStringLiteral("cancelled"));
    EXPECT_EQ(metrics.series(result.name), nullptr);
}
