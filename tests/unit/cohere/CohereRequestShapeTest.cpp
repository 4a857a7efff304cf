// What goes over the wire: the spec's required fields, the headers, and the key only where it
// belongs.
#include "CohereTestFixture.h"
#include "src/cohere/CohereClassifier.h"
#include "src/cohere/CohereRequests.h"
#include "src/common/HttpJob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>

using namespace golive;
using namespace golive::test;

namespace {

using RequestShape = CohereClientTest;

// The key may appear in the Authorization header and nowhere else in what was sent.
void expectKeyOnlyInAuthorization(const LoopbackRequest &request, const QString &key)
{
    const QByteArray secret = key.toUtf8();
    EXPECT_EQ(request.header("Authorization"), "Bearer " + secret);
    EXPECT_FALSE(request.body.contains(secret));
    EXPECT_FALSE(request.path.contains(key));
    EXPECT_FALSE(request.query.toString().contains(key));
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Authorization", Qt::CaseInsensitive) != 0) {
            EXPECT_FALSE(value.contains(secret)) << name.toStdString();
        }
    }
}

void expectStandardHeaders(const LoopbackRequest &request)
{
    EXPECT_EQ(request.header("Content-Type"), QByteArray("application/json"));
    EXPECT_EQ(request.header("Accept"), QByteArray("application/json"));
    EXPECT_EQ(request.header("X-Client-Name"), QByteArray("golive"));
}

TEST_F(RequestShape, ChatIsTheSeedsMinimalNonStreamingCall)
{
    const CohereOutcome outcome = awaitOutcome(client->chat());
    ASSERT_EQ(outcome.kind, CohereOutcomeKind::Ok) << outcome.message.toStdString();
    ASSERT_EQ(server.requests().size(), 1);
    const LoopbackRequest &request = server.requests().at(0);
    EXPECT_EQ(request.method, QByteArray("POST"));
    EXPECT_EQ(request.path, QStringLiteral("/v2/chat"));
    expectStandardHeaders(request);
    expectKeyOnlyInAuthorization(request, key);
    const QJsonObject body = request.json();
    EXPECT_EQ(body.value("model").toString(), QStringLiteral("command-r7b-12-2024"));
    EXPECT_EQ(body.value("max_tokens").toInt(), 1);
    EXPECT_EQ(body.value("stream"), QJsonValue(false));
    const QJsonArray messages = body.value("messages").toArray();
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages.at(0).toObject().value("role").toString(), QStringLiteral("user"));
    EXPECT_EQ(messages.at(0).toObject().value("content").toString(), QStringLiteral("ping"));
}

TEST_F(RequestShape, ChatUsesTheConfiguredModelPromptAndTokenLimit)
{
    CohereSettings settings = fastSettings(server.url());
    settings.chatModel = QStringLiteral("command-a-03-2025");
    client->setSettings(settings);
    awaitOutcome(client->chat(QStringLiteral("Say hi"), 16));
    ASSERT_EQ(server.requests().size(), 1);
    const QJsonObject body = server.requests().at(0).json();
    EXPECT_EQ(body.value("model").toString(), QStringLiteral("command-a-03-2025"));
    EXPECT_EQ(body.value("max_tokens").toInt(), 16);
    EXPECT_EQ(body.value("messages").toArray().at(0).toObject().value("content").toString(),
              QStringLiteral("Say hi"));
}

TEST_F(RequestShape, AReasoningModelIsProbedWithThinkingDisabledAndOneToken)
{
    CohereSettings settings = fastSettings(server.url());
    settings.chatModel = QStringLiteral("command-a-reasoning-08-2025");
    client->setSettings(settings);
    const CohereOutcome outcome = awaitOutcome(client->chat());
    // A one-token answer ends with MAX_TOKENS: that is the probe succeeding.
    ASSERT_EQ(outcome.kind, CohereOutcomeKind::Ok) << outcome.message.toStdString();
    EXPECT_EQ(outcome.body.value("finish_reason").toString(), QStringLiteral("MAX_TOKENS"));
    const QJsonObject body = server.requests().at(0).json();
    EXPECT_EQ(body.value("max_tokens").toInt(), 1);
    EXPECT_EQ(body.value("thinking").toObject().value("type").toString(),
              QStringLiteral("disabled"));
    EXPECT_EQ(outcome.billed.outputTokens, 1.0) << "no thinking tokens billed";

    // A model that does not reason gets no thinking field (older models refuse unknown ones).
    settings.chatModel = QStringLiteral("command-a-03-2025");
    client->setSettings(settings);
    awaitOutcome(client->chat());
    EXPECT_FALSE(server.requests().at(1).json().contains("thinking"));
}

TEST_F(RequestShape, TheFakeBillsThinkingTokensWhenThinkingIsLeftOn)
{
    // What the probe avoids: the same call with reasoning on costs hundreds of tokens.
    QJsonObject body = CohereRequests::chatBody(QStringLiteral("command-a-reasoning-08-2025"),
                                                QStringLiteral("ping"), 1)
                           .value();
    body.remove(QStringLiteral("thinking"));
    HttpRequestSpec spec =
        CohereRequests::httpRequest(fastSettings(server.url()), CohereEndpoint::Chat, key, body);
    QNetworkAccessManager network;
    HttpJob job(network, spec);
    QSignalSpy done(&job, &HttpJob::finished);
    job.start();
    ASSERT_TRUE(done.wait(5000));
    const auto http = qvariant_cast<HttpOutcome>(done.at(0).at(0));
    const QJsonObject answer = QJsonDocument::fromJson(http.body).object();
    EXPECT_EQ(parseBilledUnits(answer).outputTokens, double(1 + FakeCohereServer::thinkingTokens));
}

TEST_F(RequestShape, EmbedAlwaysNamesInputTypeAndEmbeddingTypes)
{
    const CohereOutcome outcome =
        awaitOutcome(client->embed({QStringLiteral("hello"), QStringLiteral("world")}));
    ASSERT_EQ(outcome.kind, CohereOutcomeKind::Ok) << outcome.message.toStdString();
    const LoopbackRequest &request = server.requests().at(0);
    EXPECT_EQ(request.path, QStringLiteral("/v2/embed"));
    expectStandardHeaders(request);
    expectKeyOnlyInAuthorization(request, key);
    const QJsonObject body = request.json();
    EXPECT_EQ(body.value("model").toString(), QStringLiteral("embed-v4.0"));
    EXPECT_EQ(body.value("input_type").toString(), QStringLiteral("search_query"));
    EXPECT_EQ(body.value("embedding_types").toArray(), QJsonArray{QStringLiteral("float")});
    EXPECT_EQ(body.value("texts").toArray(),
              (QJsonArray{QStringLiteral("hello"), QStringLiteral("world")}));
}

TEST_F(RequestShape, RerankSendsModelQueryAndDocuments)
{
    const CohereOutcome outcome = awaitOutcome(client->rerank(
        QStringLiteral("capital"), {QStringLiteral("Paris"), QStringLiteral("cat")}));
    ASSERT_EQ(outcome.kind, CohereOutcomeKind::Ok) << outcome.message.toStdString();
    const LoopbackRequest &request = server.requests().at(0);
    EXPECT_EQ(request.path, QStringLiteral("/v2/rerank"));
    expectStandardHeaders(request);
    expectKeyOnlyInAuthorization(request, key);
    const QJsonObject body = request.json();
    EXPECT_EQ(body.value("model").toString(), QStringLiteral("rerank-v3.5"));
    EXPECT_EQ(body.value("query").toString(), QStringLiteral("capital"));
    EXPECT_EQ(body.value("documents").toArray().size(), 2);
}

TEST_F(RequestShape, CheckApiKeySendsTheGivenKeyNotTheConfiguredOne)
{
    const QString candidate = QStringLiteral("candidate-key-from-the-dialog");
    awaitOutcome(client->checkApiKey(candidate));
    ASSERT_EQ(server.requests().size(), 1);
    const LoopbackRequest &request = server.requests().at(0);
    EXPECT_EQ(request.method, QByteArray("POST"));
    EXPECT_EQ(request.path, QStringLiteral("/v1/check-api-key"));
    expectStandardHeaders(request);
    expectKeyOnlyInAuthorization(request, candidate);
    EXPECT_FALSE(request.header("Authorization").contains(key.toUtf8()));
}

TEST_F(RequestShape, ListModelsAsksForTheLargestPage)
{
    awaitOutcome(client->listModels());
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(server.requests().at(0).query.queryItemValue(QStringLiteral("page_size")),
              QStringLiteral("1000"));
}

TEST_F(RequestShape, ListModelsIsAGetWithThePageToken)
{
    awaitOutcome(client->listModels(QStringLiteral("page-2")));
    const LoopbackRequest &request = server.requests().at(0);
    EXPECT_EQ(request.method, QByteArray("GET"));
    EXPECT_EQ(request.path, QStringLiteral("/v1/models"));
    EXPECT_EQ(request.query.queryItemValue(QStringLiteral("page_token")), QStringLiteral("page-2"));
    expectKeyOnlyInAuthorization(request, key);
}

TEST_F(RequestShape, AGatewayBaseUrlKeepsItsPathPrefix)
{
    LoopbackHttpServer gateway;
    ASSERT_TRUE(gateway.listen());
    gateway.setHandler([](const LoopbackRequest &) {
        return LoopbackResponse::json(200, {{"valid", true}});
    });
    makeClient(fastSettings(gateway.url(QStringLiteral("/cohere/"))));
    awaitOutcome(client->checkApiKey(key));
    ASSERT_EQ(gateway.requests().size(), 1);
    EXPECT_EQ(gateway.requests().at(0).path, QStringLiteral("/cohere/v1/check-api-key"));
}

// Known gap: every reply is read-limited from its first byte so that an endless body costs no
// more memory than its cap (BoundedBodyTest), and Qt 6.4 does not hand a read-limited reply's
// connection back for reuse, so each Cohere call opens a new connection and its setup counts in
// the probe's latency. Enable again when reuse and the read limit go together.
TEST_F(RequestShape, DISABLED_ConsecutiveCallsReuseOneKeptAliveConnection)
{
    awaitOutcome(client->chat());
    awaitOutcome(client->embed({QStringLiteral("a")}));
    awaitOutcome(client->rerank(QStringLiteral("q"), {QStringLiteral("d")}));
    ASSERT_EQ(server.requests().size(), 3);
    EXPECT_EQ(server.http().connectionsAccepted(), 1);
    EXPECT_EQ(server.requests().at(2).connectionId, server.requests().at(0).connectionId);
}

TEST_F(RequestShape, BadInputIsRefusedLocallyWithAClearMessage)
{
    const CohereOutcome noTexts = awaitOutcome(client->embed({}));
    EXPECT_EQ(noTexts.kind, CohereOutcomeKind::RequestError);
    EXPECT_EQ(noTexts.attempts, 0);
    EXPECT_TRUE(
        noTexts.message.contains(QStringLiteral("embed takes 1 to 96 texts per request (got 0)")))
        << noTexts.message.toStdString();

    QStringList tooMany;
    for (int i = 0; i < 97; ++i)
        tooMany << QStringLiteral("t%1").arg(i);
    EXPECT_EQ(awaitOutcome(client->embed(tooMany)).kind, CohereOutcomeKind::RequestError);
    EXPECT_EQ(awaitOutcome(client->rerank(QStringLiteral("q"), {})).kind,
              CohereOutcomeKind::RequestError);
    EXPECT_EQ(awaitOutcome(client->chat(QStringLiteral("hi"), 0)).kind,
              CohereOutcomeKind::RequestError);
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(RequestShape, WithoutAKeyNothingIsSent)
{
    key.clear();
    const CohereOutcome outcome = awaitOutcome(client->chat());
    EXPECT_EQ(outcome.kind, CohereOutcomeKind::Auth);
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("no Cohere API key is set")));
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(RequestShape, TheFakeRejectsAMissingRequiredFieldLikeCohere)
{
    // Guards the fake itself: a request without `model` gets Cohere's 400 body.
    HttpRequestSpec spec =
        CohereRequests::httpRequest(fastSettings(server.url()), CohereEndpoint::Chat, key,
                                    QJsonObject{{"messages", QJsonArray{}}});
    QNetworkAccessManager network;
    HttpJob job(network, spec);
    QSignalSpy spy(&job, &HttpJob::finished);
    job.start();
    ASSERT_TRUE(spy.wait(2000));
    const auto outcome = qvariant_cast<HttpOutcome>(spy.at(0).at(0));
    EXPECT_EQ(outcome.status, 400);
    EXPECT_EQ(cohereErrorMessage(outcome.body).value_or(QString()),
              QStringLiteral("invalid request: model is required"));
}

} // namespace
