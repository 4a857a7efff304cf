#include "src/traffic/PrometheusClient.h"
#include "src/secrets/Redactor.h"
#include "src/traffic/PrometheusQueryJob.h"

#include "LoopbackHttpServer.h"
#include "QStringPrinter.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QUrlQuery>

#include <gtest/gtest.h>

using namespace golive;
using test::LoopbackHttpServer;
using test::LoopbackRequest;
using test::LoopbackResponse;

namespace {

const QByteArray oneValue =
    R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"2.5"]}]}})";

class PrometheusClientTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.listen());
        server.setHandler([](const LoopbackRequest &) {
            LoopbackResponse response;
            response.headers = {{"Content-Type", "application/json"}};
            response.body = oneValue;
            return response;
        });
        settings.url = server.url(QStringLiteral("/prom/"));
        settings.bearerTokenEnv = QStringLiteral("PROM_TOKEN");
        settings.headers = {{QStringLiteral("X-Scope-OrgID"), QStringLiteral("team-a")}};
        settings.timeoutMs = 2'000;
    }

    PromQueryOutcome run(PrometheusClient &client, const QString &promql)
    {
        PrometheusQueryJob *job = client.instantQuery(promql, std::nullopt, nullptr);
        QSignalSpy finished(job, &PrometheusQueryJob::finished);
        job->start();
        EXPECT_TRUE(finished.wait(10'000));
        const auto outcome = finished.value(0).value(0).value<PromQueryOutcome>();
        delete job;
        return outcome;
    }

    QNetworkAccessManager network;
    LoopbackHttpServer server;
    PrometheusSettings settings;
    QString token = QStringLiteral("prom-token-8f3a9c2d71e4");
    PrometheusClient::Environment environment = [this](const QString &name) {
        return name == QLatin1String("PROM_TOKEN") ? token : QString();
    };
};

} // namespace

TEST_F(PrometheusClientTest, TheQueryIsPostedWithTheTokenAndHeadersToTheConfiguredPrometheus)
{
    PrometheusClient client(network, settings, environment);
    const PromQueryOutcome outcome =
        run(client, QStringLiteral(R"(sum(rate(x{code=~"5.."}[5m])) + 1)"));
    ASSERT_TRUE(outcome.result.ok()) << outcome.result.error().message.toStdString();
    ASSERT_EQ(server.requests().size(), 1);
    const LoopbackRequest &request = server.requests().first();
    EXPECT_EQ(request.method, QByteArray("POST"));
    EXPECT_EQ(request.path, QStringLiteral("/prom/api/v1/query"));
    EXPECT_EQ(request.header("Authorization"), "Bearer " + token.toUtf8());
    EXPECT_EQ(request.header("X-Scope-OrgID"), QByteArray("team-a"));
    // Form-encoded: '+' and '=' survive as themselves.
    const QUrlQuery form(QString::fromUtf8(request.body));
    EXPECT_EQ(form.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded),
              QStringLiteral(R"(sum(rate(x{code=~"5.."}[5m])) + 1)"));
    // The token is a registered secret while the client lives: no log line shows it.
    EXPECT_FALSE(Redactor::redact(QStringLiteral("token %1").arg(token)).contains(token));
}

TEST_F(PrometheusClientTest, ARedirectToAnotherOriginIsRefusedAndNeverSeesTheToken)
{
    LoopbackHttpServer elsewhere;
    ASSERT_TRUE(elsewhere.listen());
    elsewhere.setHandler([](const LoopbackRequest &) {
        return LoopbackResponse{200, {}, oneValue};
    });
    const QByteArray location = elsewhere.url(QStringLiteral("/api/v1/query")).toEncoded();
    server.setHandler([location](const LoopbackRequest &) {
        return LoopbackResponse{307, {{"Location", location}}, {}};
    });
    PrometheusClient client(network, settings, environment);
    const PromQueryOutcome outcome = run(client, QStringLiteral("up"));
    ASSERT_FALSE(outcome.result.ok());
    EXPECT_EQ(outcome.result.error().kind, promerror::unreachable);
    EXPECT_TRUE(
        outcome.result.error().message.contains(QLatin1String("refused redirect to other origin")))
        << outcome.result.error().message.toStdString();
    EXPECT_TRUE(elsewhere.requests().isEmpty());
}

TEST_F(PrometheusClientTest, AnUnsetTokenVariableSendsNothingAndSaysWhichVariable)
{
    token.clear();
    PrometheusClient client(network, settings, environment);
    const PromQueryOutcome outcome = run(client, QStringLiteral("up"));
    ASSERT_FALSE(outcome.result.ok());
    EXPECT_EQ(outcome.result.error().kind, promerror::configuration);
    EXPECT_TRUE(outcome.result.error().message.contains(QLatin1String("PROM_TOKEN")));
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(PrometheusClientTest, ARangeQueryAsksForStartEndAndStep)
{
    PrometheusClient client(network, settings, environment);
    const QDateTime end = QDateTime::fromSecsSinceEpoch(1'700'000'600, Qt::UTC);
    PrometheusQueryJob *job =
        client.rangeQuery(QStringLiteral("up"), end.addSecs(-600), end, 15, nullptr);
    QSignalSpy finished(job, &PrometheusQueryJob::finished);
    job->start();
    ASSERT_TRUE(finished.wait(10'000));
    delete job;
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(server.requests().first().path, QStringLiteral("/prom/api/v1/query_range"));
    const QUrlQuery form(QString::fromUtf8(server.requests().first().body));
    EXPECT_EQ(form.queryItemValue(QStringLiteral("start")), QStringLiteral("1700000000.000"));
    EXPECT_EQ(form.queryItemValue(QStringLiteral("end")), QStringLiteral("1700000600.000"));
    EXPECT_EQ(form.queryItemValue(QStringLiteral("step")), QStringLiteral("15"));
}
