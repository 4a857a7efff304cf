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

TEST_F(ProbeTest, StatusPageNoneIsHealthyWithComponentsFromTheSummary)
{
    const ProbeResult result = runOnce(statusSpec());
    EXPECT_EQ(result.status, ProbeStatus::Healthy);
    EXPECT_TRUE(result.detail.startsWith(QStringLiteral("All Systems Operational")));
    EXPECT_TRUE(result.detail.contains(QStringLiteral("Dashboard: degraded_performance")));
    EXPECT_EQ(statusPage.requests().size(), 2);
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

TEST_F(ProbeTest, AnUnreachableSummaryNeverFailsTheStatusProbe)
{
    statusPage.setSummaryOverride(plain(500, "no"));
    EXPECT_EQ(runOnce(statusSpec()).status, ProbeStatus::Healthy);
    LoopbackResponse silent;
    silent.delivery = LoopbackResponse::Delivery::NeverAnswer;
    statusPage.setSummaryOverride(silent);
    const ProbeResult result = runOnce(statusSpec(400));
    EXPECT_EQ(result.status, ProbeStatus::Healthy);
    EXPECT_EQ(result.detail, QStringLiteral("All Systems Operational"));
}

TEST_F(ProbeTest, AStatusPageBodyOfTheWrongShapeIsDown)
{
    statusPage.setStatusOverride(plain(200, R"({"status":"fine"})"));
    const ProbeResult result = runOnce(statusSpec());
    EXPECT_EQ(result.status, ProbeStatus::Down);
    EXPECT_TRUE(result.error.startsWith(QStringLiteral("unexpected response: ")));
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
