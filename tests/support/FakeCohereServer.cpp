#include "FakeCohereServer.h"

#include <QJsonDocument>

namespace golive::test {

namespace {

LoopbackResponse cohereError(int status, const QString &message)
{
    return LoopbackResponse::json(status, {{"id", "fake-error-id"}, {"message", message}});
}

QJsonObject model(const char *name, bool deprecated, QStringList endpoints)
{
    return {{"name", QLatin1String(name)},
            {"is_deprecated", deprecated},
            {"endpoints", QJsonArray::fromStringList(endpoints)}};
}

bool isNonEmptyString(const QJsonValue &value)
{
    return value.isString() && !value.toString().isEmpty();
}

} // namespace

FakeCohereServer::FakeCohereServer(QString validKey, QObject *parent)
    : QObject(parent), m_validKey(std::move(validKey)), m_models(defaultModels())
{
    m_http.setHandler([this](const LoopbackRequest &request) { return handle(request); });
}

QJsonArray FakeCohereServer::defaultModels()
{
    const QStringList chat{QStringLiteral("chat")};
    return {model("command-a-03-2025", false, chat), model("command-r7b-12-2024", false, chat),
            model("command-r-plus-08-2024", false, chat), model("command-r-08-2024", false, chat),
            model("command-r", true, chat), model("embed-v4.0", false, {QStringLiteral("embed")}),
            model("embed-english-v3.0", false, {QStringLiteral("embed")}),
            model("embed-english-v2.0", true, {QStringLiteral("embed")}),
            model("rerank-v3.5", false, {QStringLiteral("rerank")}),
            model("rerank-english-v3.0", false, {QStringLiteral("rerank")}),
            // Newer models, and those deprecated on 2025-09-15.
            model("command-a-reasoning-08-2025", false, chat),
            model("command-a-vision-07-2025", false, chat),
            model("command-a-translate-08-2025", false, chat),
            model("rerank-v4.0-pro", false, {QStringLiteral("rerank")}),
            model("rerank-v4.0-fast", false, {QStringLiteral("rerank")}),
            model("command-r-plus", true, chat), model("command", true, chat),
            model("command-light", true, chat)};
}

void FakeCohereServer::enqueue(FakeCohereFault fault)
{
    m_faults.enqueue(std::move(fault));
}

void FakeCohereServer::setModels(QJsonArray models, int pageSize)
{
    m_models = std::move(models);
    m_pageSize = pageSize;
}

LoopbackResponse FakeCohereServer::handle(const LoopbackRequest &request)
{
    if (m_faults.isEmpty())
        return answer(request);
    const FakeCohereFault fault = m_faults.dequeue();
    LoopbackResponse response = fault.replacement ? *fault.replacement : answer(request);
    if (fault.echoAuthorizationStatus)
        response = cohereError(*fault.echoAuthorizationStatus,
                               QStringLiteral("echo: Authorization: %1")
                                   .arg(QString::fromUtf8(request.header("Authorization"))));
    response.delayMs = fault.delayMs;
    response.delivery = fault.delivery;
    response.trickleChunkBytes = fault.trickleChunkBytes;
    response.trickleIntervalMs = fault.trickleIntervalMs;
    response.headers += fault.extraHeaders;
    return response;
}

std::optional<QString> FakeCohereServer::missingField(const QString &path,
                                                      const QJsonObject &body) const
{
    if (!isNonEmptyString(body.value("model")))
        return QStringLiteral("model");
    if (path == QLatin1String("/v2/chat")) {
        const QJsonArray messages = body.value("messages").toArray();
        if (messages.isEmpty())
            return QStringLiteral("messages");
        for (const QJsonValue &message : messages) {
            if (!isNonEmptyString(message.toObject().value("role")) ||
                message.toObject().value("content").isUndefined())
                return QStringLiteral("messages[].role/content");
        }
    } else if (path == QLatin1String("/v2/embed")) {
        if (!isNonEmptyString(body.value("input_type")))
            return QStringLiteral("input_type");
        if (!body.contains("texts") && !body.contains("images") && !body.contains("inputs"))
            return QStringLiteral("texts");
    } else if (path == QLatin1String("/v2/rerank")) {
        if (!isNonEmptyString(body.value("query")))
            return QStringLiteral("query");
        if (body.value("documents").toArray().isEmpty())
            return QStringLiteral("documents");
    }
    return std::nullopt;
}

LoopbackResponse FakeCohereServer::answer(const LoopbackRequest &request) const
{
    const QByteArray authorization = request.header("Authorization");
    if (authorization.isEmpty())
        return cohereError(401, QStringLiteral("no api key supplied"));
    if (!authorization.toLower().startsWith("bearer "))
        return cohereError(401, QStringLiteral("invalid authorization header: expected Bearer"));
    if (QString::fromUtf8(authorization.mid(7).trimmed()) != m_validKey)
        return cohereError(401, QStringLiteral("invalid api token"));

    const QString path = request.path;
    const bool post = request.method == "POST";
    if (path == QLatin1String("/v1/models") && request.method == "GET")
        return models(request);
    const bool known = path == QLatin1String("/v2/chat") || path == QLatin1String("/v2/embed") ||
                       path == QLatin1String("/v2/rerank") ||
                       path == QLatin1String("/v1/check-api-key");
    if (!known || !post)
        return cohereError(
            404, QStringLiteral("%1 %2 not found").arg(QString::fromLatin1(request.method), path));

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return cohereError(400, QStringLiteral("invalid request: body is not a JSON object"));
    const QJsonObject body = document.object();

    if (path == QLatin1String("/v1/check-api-key"))
        return LoopbackResponse::json(
            200, {{"valid", true}, {"organization_id", "org-fake"}, {"owner_id", "owner-fake"}});
    if (auto missing = missingField(path, body))
        return cohereError(400, QStringLiteral("invalid request: %1 is required").arg(*missing));

    if (path == QLatin1String("/v2/chat")) {
        if (body.value("stream").toBool(false))
            return cohereError(400, QStringLiteral("this fake answers stream=false only"));
        const QJsonObject text{{"type", "text"}, {"text", "pong"}};
        QJsonArray content{text};
        // Reasoning models think by default, and thinking tokens are billed as output.
        const bool thinks =
            body.value("model").toString().contains(QLatin1String("reasoning")) &&
            body.value("thinking").toObject().value("type").toString() != QLatin1String("disabled");
        const int outputTokens = thinks ? 1 + thinkingTokens : 1;
        if (thinks)
            content.prepend(QJsonObject{{"type", "thinking"}, {"thinking", "The user says ping."}});
        return LoopbackResponse::json(
            200,
            {{"id", "chat-fake-1"},
             {"finish_reason", "MAX_TOKENS"},
             {"message", QJsonObject{{"role", "assistant"}, {"content", content}}},
             {"usage", QJsonObject{{"billed_units", QJsonObject{{"input_tokens", 1},
                                                                {"output_tokens", outputTokens}}},
                                   {"tokens", QJsonObject{{"input_tokens", 70},
                                                          {"output_tokens", outputTokens}}}}}});
    }
    if (path == QLatin1String("/v2/embed")) {
        const QJsonArray texts = body.value("texts").toArray();
        if (texts.size() > 96)
            return cohereError(400, QStringLiteral("invalid request: at most 96 texts"));
        QJsonArray vectors;
        for (qsizetype i = 0; i < texts.size(); ++i)
            vectors.append(QJsonArray{0.25, -0.5, double(i)});
        return LoopbackResponse::json(
            200, {{"id", "embed-fake-1"},
                  {"response_type", "embeddings_by_type"},
                  {"embeddings", QJsonObject{{"float", vectors}}},
                  {"texts", texts},
                  {"meta", QJsonObject{{"api_version", QJsonObject{{"version", "2"}}},
                                       {"billed_units",
                                        QJsonObject{{"input_tokens", 2 * texts.size()}}}}}});
    }
    // /v2/rerank
    const QJsonArray documents = body.value("documents").toArray();
    QJsonArray results;
    for (qsizetype i = 0; i < documents.size(); ++i)
        results.append(QJsonObject{{"index", i}, {"relevance_score", 1.0 / double(i + 1)}});
    return LoopbackResponse::json(
        200, {{"id", "rerank-fake-1"},
              {"results", results},
              {"meta", QJsonObject{{"billed_units", QJsonObject{{"search_units", 1}}}}}});
}

LoopbackResponse FakeCohereServer::models(const LoopbackRequest &request) const
{
    // The server's own page size (setModels) caps what the client asks for with page_size.
    const int asked = request.query.queryItemValue(QStringLiteral("page_size")).toInt();
    const int pageSize = m_pageSize > 0 ? m_pageSize : asked;
    if (pageSize <= 0)
        return LoopbackResponse::json(200, {{"models", m_models}});
    const QString token = request.query.queryItemValue(QStringLiteral("page_token"));
    const int start = token.isEmpty() ? 0 : token.mid(QStringLiteral("page-").size()).toInt();
    QJsonArray page;
    for (int i = start; i < m_models.size() && i < start + pageSize; ++i)
        page.append(m_models.at(i));
    QJsonObject body{{"models", page}};
    if (start + pageSize < m_models.size())
        body.insert("next_page_token", QStringLiteral("page-%1").arg(start + pageSize));
    return LoopbackResponse::json(200, body);
}

} // namespace golive::test
