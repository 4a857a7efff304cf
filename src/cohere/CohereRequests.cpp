#include "src/cohere/CohereRequests.h"

#include "src/config/ProbeAllowance.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace golive::CohereRequests {

namespace {

Error badInput(const QString &message)
{
    return Error{QStringLiteral("bad-input"), message};
}

} // namespace

Result<QJsonObject> chatBody(const QString &model, const QString &prompt, int maxTokens)
{
    if (model.trimmed().isEmpty())
        return badInput(QStringLiteral("no chat model is configured"));
    if (prompt.isEmpty())
        return badInput(QStringLiteral("the chat prompt is empty"));
    if (maxTokens < 1)
        return badInput(QStringLiteral("max_tokens must be at least 1 (got %1)").arg(maxTokens));
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("content"), prompt}};
    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("messages"), QJsonArray{message}},
                     {QStringLiteral("max_tokens"), maxTokens},
                     {QStringLiteral("stream"), false}};
    // Reasoning is on by default for these models and its tokens are billed: a probe asks for
    // an answer, not for thought.
    if (modelfacts::isReasoningCapable(model))
        body.insert(QStringLiteral("thinking"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("disabled")}});
    return body;
}

Result<QJsonObject> embedBody(const QString &model, const QString &inputType,
                              const QStringList &embeddingTypes, const QStringList &texts)
{
    if (model.trimmed().isEmpty())
        return badInput(QStringLiteral("no embed model is configured"));
    if (inputType.trimmed().isEmpty())
        return badInput(QStringLiteral("embed needs an input_type (e.g. search_query)"));
    if (embeddingTypes.isEmpty())
        return badInput(QStringLiteral("embed needs at least one embedding type (e.g. float)"));
    if (texts.isEmpty() || texts.size() > maxEmbedTexts)
        return badInput(QStringLiteral("embed takes 1 to %1 texts per request (got %2)")
                            .arg(maxEmbedTexts)
                            .arg(texts.size()));
    return QJsonObject{
        {QStringLiteral("model"), model},
        {QStringLiteral("input_type"), inputType},
        {QStringLiteral("embedding_types"), QJsonArray::fromStringList(embeddingTypes)},
        {QStringLiteral("texts"), QJsonArray::fromStringList(texts)}};
}

Result<QJsonObject> rerankBody(const QString &model, const QString &query,
                               const QStringList &documents)
{
    if (model.trimmed().isEmpty())
        return badInput(QStringLiteral("no rerank model is configured"));
    if (query.isEmpty())
        return badInput(QStringLiteral("the rerank query is empty"));
    if (documents.isEmpty())
        return badInput(QStringLiteral("rerank needs at least one document"));
    return QJsonObject{{QStringLiteral("model"), model},
                       {QStringLiteral("query"), query},
                       {QStringLiteral("documents"), QJsonArray::fromStringList(documents)}};
}

QUrl endpointUrl(const QUrl &baseUrl, CohereEndpoint endpoint)
{
    QUrl url = baseUrl;
    QString prefix = baseUrl.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + endpointPath(endpoint));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

HttpRequestSpec httpRequest(const CohereSettings &settings, CohereEndpoint endpoint,
                            const QString &apiKey, const QJsonObject &body, const QUrlQuery &query)
{
    HttpRequestSpec spec;
    spec.method = endpointMethod(endpoint);
    spec.url = endpointUrl(settings.baseUrl, endpoint);
    if (!query.isEmpty())
        spec.url.setQuery(query);
    spec.headers = {
        {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + apiKey.toUtf8()},
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("X-Client-Name"), QByteArrayLiteral("golive")},
    };
    if (spec.method != "GET")
        spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    spec.timeoutMs = settings.requestTimeoutMs;
    spec.maxBodyBytes = settings.maxResponseBytes;
    return spec;
}

} // namespace golive::CohereRequests
