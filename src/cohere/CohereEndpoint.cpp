#include "src/cohere/CohereEndpoint.h"

#include <QJsonArray>

namespace golive {

QByteArray endpointMethod(CohereEndpoint endpoint)
{
    return endpoint == CohereEndpoint::ListModels ? QByteArrayLiteral("GET")
                                                  : QByteArrayLiteral("POST");
}

QString endpointPath(CohereEndpoint endpoint)
{
    switch (endpoint) {
    case CohereEndpoint::Chat:
        return QStringLiteral("/v2/chat");
    case CohereEndpoint::Embed:
        return QStringLiteral("/v2/embed");
    case CohereEndpoint::Rerank:
        return QStringLiteral("/v2/rerank");
    case CohereEndpoint::CheckApiKey:
        return QStringLiteral("/v1/check-api-key");
    case CohereEndpoint::ListModels:
        return QStringLiteral("/v1/models");
    }
    return {};
}

namespace {

std::optional<QString> requireField(const QJsonObject &object, const QString &path,
                                    QJsonValue::Type type, const char *typeName)
{
    const QJsonValue value = object.value(path);
    if (value.isUndefined())
        return QStringLiteral("missing required field \"%1\"").arg(path);
    if (value.type() != type)
        return QStringLiteral("field \"%1\" is not %2").arg(path, QLatin1String(typeName));
    return std::nullopt;
}

std::optional<QString> chatShape(const QJsonObject &body)
{
    if (auto problem = requireField(body, QStringLiteral("id"), QJsonValue::String, "a string"))
        return problem;
    if (auto problem =
            requireField(body, QStringLiteral("finish_reason"), QJsonValue::String, "a string"))
        return problem;
    if (auto problem =
            requireField(body, QStringLiteral("message"), QJsonValue::Object, "an object"))
        return problem;
    const QJsonObject message = body.value(QStringLiteral("message")).toObject();
    if (message.value(QStringLiteral("role")).toString() != QLatin1String("assistant"))
        return QStringLiteral("field \"message.role\" is not \"assistant\"");
    return std::nullopt;
}

std::optional<QString> embedShape(const QJsonObject &body)
{
    if (auto problem = requireField(body, QStringLiteral("id"), QJsonValue::String, "a string"))
        return problem;
    return requireField(body, QStringLiteral("embeddings"), QJsonValue::Object, "an object");
}

std::optional<QString> rerankShape(const QJsonObject &body)
{
    if (auto problem = requireField(body, QStringLiteral("results"), QJsonValue::Array, "an array"))
        return problem;
    const QJsonArray results = body.value(QStringLiteral("results")).toArray();
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QJsonObject item = results.at(i).toObject();
        if (!item.value(QStringLiteral("index")).isDouble() ||
            !item.value(QStringLiteral("relevance_score")).isDouble())
            return QStringLiteral("results[%1] lacks a numeric index and relevance_score").arg(i);
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> responseShapeProblem(CohereEndpoint endpoint, const QJsonObject &body)
{
    switch (endpoint) {
    case CohereEndpoint::Chat:
        return chatShape(body);
    case CohereEndpoint::Embed:
        return embedShape(body);
    case CohereEndpoint::Rerank:
        return rerankShape(body);
    case CohereEndpoint::CheckApiKey:
        return requireField(body, QStringLiteral("valid"), QJsonValue::Bool, "a boolean");
    case CohereEndpoint::ListModels:
        return requireField(body, QStringLiteral("models"), QJsonValue::Array, "an array");
    }
    return std::nullopt;
}

} // namespace golive
