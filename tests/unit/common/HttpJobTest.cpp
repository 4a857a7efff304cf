// The generic HTTP layer's safety rules: redirects, body cap, deadline, TLS, exactly-once reports.
#include "src/common/HttpJob.h"
#include "LoopbackHttpServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslSocket>

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::test;

namespace {

constexpr qint64 mib = 1024 * 1024;

class HttpJobTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(server.listen()); }

    HttpOutcome run(HttpRequestSpec spec, int waitMs = 5000)
    {
        HttpJob job(network, std::move(spec));
        QSignalSpy spy(&job, &HttpJob::finished);
        job.start();
        EXPECT_TRUE(spy.wait(waitMs)) << "the job never reported";
        // Nothing more may arrive later.
        QCoreApplication::processEvents();
        EXPECT_EQ(spy.size(), 1);
        return spy.isEmpty() ? HttpOutcome{} : qvariant_cast<HttpOutcome>(spy.at(0).at(0));
    }

    HttpRequestSpec get(const QString &path, int timeoutMs = 2000)
    {
        HttpRequestSpec spec;
        spec.url = server.url(path);
        spec.headers = {{"Authorization", "Bearer secret-token"}};
        spec.timeoutMs = timeoutMs;
        return spec;
    }

    static LoopbackResponse text(int status, const QByteArray &body, HeaderList headers = {})
    {
        LoopbackResponse response;
        response.status = status;
        response.body = body;
        response.headers = std::move(headers);
        return response;
    }

    QNetworkAccessManager network;
    LoopbackHttpServer server;
};

TEST(HttpJobOrigin, SchemeHostAndPortMakeTheOrigin)
{
    EXPECT_TRUE(HttpJob::sameOrigin(QUrl("https://api.cohere.com/v2/chat"),
                                    QUrl("https://API.cohere.com:443/v1/models")));
    EXPECT_FALSE(
        HttpJob::sameOrigin(QUrl("https://api.cohere.com/"), QUrl("http://api.cohere.com/")));
    EXPECT_FALSE(
        HttpJob::sameOrigin(QUrl("http://127.0.0.1:8080/"), QUrl("http://localhost:8080/")));
    EXPECT_FALSE(
        HttpJob::sameOrigin(QUrl("http://127.0.0.1:8080/"), QUrl("http://127.0.0.1:8081/")));
    EXPECT_EQ(HttpJob::origin(QUrl("https://user:pw@api.cohere.com/x?q=1")),
              QStringLiteral("https://api.cohere.com:443"));
}

TEST_F(HttpJobTest, ReturnsStatusBodyHeadersAndLatency)
{
    server.setHandler([](const LoopbackRequest &) {
        return text(200, "hello", {{"X-API-Warning", "be careful"}});
    });
    const HttpOutcome outcome = run(get("/hi"));
    ASSERT_EQ(outcome.kind, HttpOutcomeKind::Completed) << outcome.message.toStdString();
    EXPECT_EQ(outcome.status, 200);
    EXPECT_EQ(outcome.body, QByteArray("hello"));
    EXPECT_EQ(outcome.header("x-api-warning"), QByteArray("be careful"));
    EXPECT_GE(outcome.latencyMs, 0);
}

TEST_F(HttpJobTest, AnHttpErrorStatusIsStillACompletedAnswer)
{
    server.setHandler([](const LoopbackRequest &) { return text(503, R"({"message":"busy"})"); });
    const HttpOutcome outcome = run(get("/"));
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::Completed);
    EXPECT_EQ(outcome.status, 503);
    EXPECT_EQ(outcome.body, QByteArray(R"({"message":"busy"})"));
}

TEST_F(HttpJobTest, FollowsASameOriginRedirectKeepingMethodAndBody)
{
    server.setHandler([](const LoopbackRequest &request) {
        if (request.path == QLatin1String("/old"))
            return text(307, {}, {{"Location", "/new"}});
        return text(200, "moved here");
    });
    HttpRequestSpec spec = get("/old");
    spec.method = "POST";
    spec.body = R"({"a":1})";
    const HttpOutcome outcome = run(spec);
    ASSERT_EQ(outcome.kind, HttpOutcomeKind::Completed) << outcome.message.toStdString();
    EXPECT_EQ(outcome.body, QByteArray("moved here"));
    EXPECT_EQ(outcome.redirectsFollowed, 1);
    ASSERT_EQ(server.requests().size(), 2);
    EXPECT_EQ(server.requests().at(1).path, QStringLiteral("/new"));
    EXPECT_EQ(server.requests().at(1).method, QByteArray("POST"));
    EXPECT_EQ(server.requests().at(1).body, QByteArray(R"({"a":1})"));
    EXPECT_EQ(server.requests().at(1).header("Authorization"), QByteArray("Bearer secret-token"));
}

TEST_F(HttpJobTest, RefusesARedirectToAnotherOriginAndNeverContactsIt)
{
    LoopbackHttpServer elsewhere;
    ASSERT_TRUE(elsewhere.listen());
    const QByteArray target = elsewhere.url("/steal").toEncoded();
    server.setHandler([target](const LoopbackRequest &) {
        return text(307, {}, {{"Location", target}});
    });
    const HttpOutcome outcome = run(get("/"));
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::RefusedRedirect);
    EXPECT_EQ(outcome.message, QStringLiteral("refused redirect to other origin %1")
                                   .arg(HttpJob::origin(elsewhere.url())));
    QCoreApplication::processEvents();
    EXPECT_TRUE(elsewhere.requests().isEmpty());
    EXPECT_EQ(elsewhere.connectionsAccepted(), 0);
}

TEST_F(HttpJobTest, StopsAfterTheRedirectLimit)
{
    server.setHandler([](const LoopbackRequest &) {
        return text(302, {}, {{"Location", "/again"}});
    });
    const HttpOutcome outcome = run(get("/"));
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::RefusedRedirect);
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("limit 3")))
        << outcome.message.toStdString();
    EXPECT_EQ(server.requests().size(), 4); // the original and three followed hops
}

TEST_F(HttpJobTest, RefusesAnAnnouncedOversizeBodyBeforeReadingIt)
{
    server.setHandler([](const LoopbackRequest &) { return text(200, QByteArray(5 * mib, 'x')); });
    HttpRequestSpec spec = get("/");
    spec.maxBodyBytes = mib;
    const HttpOutcome outcome = run(spec);
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::BodyTooLarge);
    EXPECT_TRUE(outcome.message.startsWith(QStringLiteral("response larger than 1 MiB")))
        << outcome.message.toStdString();
    EXPECT_LE(outcome.bytesReceived, mib);
    EXPECT_TRUE(outcome.body.isEmpty());
}

TEST_F(HttpJobTest, AbortsAnUnannouncedOversizeBodyOnceItPassesTheCap)
{
    server.setHandler([](const LoopbackRequest &) {
        LoopbackResponse response = text(200, QByteArray(5 * mib, 'x'));
        response.announceLength = false;
        response.delivery = LoopbackResponse::Delivery::Trickle;
        response.trickleChunkBytes = 64 * 1024;
        response.trickleIntervalMs = 1;
        return response;
    });
    HttpRequestSpec spec = get("/");
    spec.maxBodyBytes = mib;
    const HttpOutcome outcome = run(spec);
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::BodyTooLarge);
    EXPECT_EQ(outcome.message, QStringLiteral("response larger than 1 MiB"));
    EXPECT_GT(outcome.bytesReceived, mib);
    EXPECT_LT(outcome.bytesReceived, 5 * mib);
}

TEST_F(HttpJobTest, AnEndlessChunkedBodyIsAbortedAtTheCapAndNoLongerRead)
{
    server.setHandler([](const LoopbackRequest &) {
        LoopbackResponse response;
        response.delivery = LoopbackResponse::Delivery::EndlessChunked;
        return response;
    });
    HttpRequestSpec spec = get("/health", 10'000);
    spec.maxBodyBytes = 256 * 1024;
    const HttpOutcome outcome = run(spec, 15'000);
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::BodyTooLarge);
    EXPECT_EQ(outcome.message, QStringLiteral("response larger than 256 KiB"));
    // Read no further than one read-buffer chunk past the cap: the HTTP thread is held back, so
    // memory stays near the cap however fast the server sends.
    EXPECT_LE(outcome.bytesReceived, 256 * 1024 + 64 * 1024) << outcome.bytesReceived;
    // The client hung up: the server sees the connection close rather than streaming on.
    if (!server.endlessClientGone()) {
        QSignalSpy left(&server, &LoopbackHttpServer::endlessClientLeft);
        EXPECT_TRUE(left.wait(5000)) << "the client kept the endless body's connection open";
    }
    // What the server managed to send is the cap plus what socket buffers hold, not more.
    EXPECT_LT(server.endlessBytesSent(), 16 * mib) << server.endlessBytesSent();
}

TEST_F(HttpJobTest, ASlowBodyRunsIntoTheDeadline)
{
    server.setHandler([](const LoopbackRequest &) {
        LoopbackResponse response = text(200, QByteArray(200, 'x'));
        response.delivery = LoopbackResponse::Delivery::Trickle;
        response.trickleChunkBytes = 1;
        response.trickleIntervalMs = 20;
        return response;
    });
    const HttpOutcome outcome = run(get("/", 300));
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::Timeout);
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("still arriving")))
        << outcome.message.toStdString();
    EXPECT_GE(outcome.latencyMs, 300);
    EXPECT_LT(outcome.latencyMs, 2000);
}

TEST_F(HttpJobTest, ASilentServerRunsIntoTheDeadline)
{
    server.setHandler([](const LoopbackRequest &) {
        LoopbackResponse response;
        response.delivery = LoopbackResponse::Delivery::NeverAnswer;
        return response;
    });
    const HttpOutcome outcome = run(get("/", 250));
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::Timeout);
    EXPECT_EQ(outcome.message, QStringLiteral("no answer within 250 ms"));
}

TEST_F(HttpJobTest, AResetConnectionIsANetworkFailure)
{
    server.setHandler([](const LoopbackRequest &) {
        LoopbackResponse response;
        response.delivery = LoopbackResponse::Delivery::ResetConnection;
        return response;
    });
    const HttpOutcome outcome = run(get("/"));
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::Network);
    EXPECT_FALSE(outcome.message.isEmpty());
}

TEST_F(HttpJobTest, ARefusedConnectionIsANetworkFailure)
{
    quint16 closedPort = 0;
    {
        LoopbackHttpServer gone;
        ASSERT_TRUE(gone.listen());
        closedPort = gone.port();
    } // nothing listens there any more
    HttpRequestSpec spec = get("/");
    spec.url.setPort(closedPort);
    const HttpOutcome outcome = run(spec);
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::Network);
}

TEST_F(HttpJobTest, TlsToAPlainHttpServerFailsAsTls)
{
    if (!QSslSocket::supportsSsl())
        GTEST_SKIP() << "no TLS backend in this Qt build";
    server.setHandler([](const LoopbackRequest &) { return text(200, "plain"); });
    HttpRequestSpec spec = get("/");
    spec.url.setScheme(QStringLiteral("https"));
    const HttpOutcome outcome = run(spec);
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::Tls) << outcome.message.toStdString();
    EXPECT_TRUE(outcome.message.startsWith(QStringLiteral("TLS failure with https://127.0.0.1:")))
        << outcome.message.toStdString();
}

TEST_F(HttpJobTest, CancelReportsCancelledExactlyOnce)
{
    server.setHandler([](const LoopbackRequest &) {
        LoopbackResponse response;
        response.delivery = LoopbackResponse::Delivery::NeverAnswer;
        return response;
    });
    HttpJob job(network, get("/", 10'000));
    QSignalSpy spy(&job, &HttpJob::finished);
    job.start();
    QSignalSpy arrived(&server, &LoopbackHttpServer::requestReceived);
    ASSERT_TRUE(arrived.wait(2000));
    job.cancel();
    job.cancel();
    ASSERT_EQ(spy.size(), 1);
    EXPECT_EQ(qvariant_cast<HttpOutcome>(spy.at(0).at(0)).kind, HttpOutcomeKind::Cancelled);
    EXPECT_FALSE(spy.wait(100)); // and nothing later
}

TEST_F(HttpJobTest, AnInvalidUrlIsReportedAfterStartReturns)
{
    HttpRequestSpec spec;
    spec.url = QUrl(QStringLiteral("ftp://example.com/file"));
    HttpJob job(network, spec);
    QSignalSpy spy(&job, &HttpJob::finished);
    job.start();
    EXPECT_TRUE(spy.isEmpty()); // never from inside start()
    ASSERT_TRUE(spy.wait(1000));
    const auto outcome = qvariant_cast<HttpOutcome>(spy.at(0).at(0));
    EXPECT_EQ(outcome.kind, HttpOutcomeKind::Network);
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("ftp://example.com/file")));
}

} // namespace
