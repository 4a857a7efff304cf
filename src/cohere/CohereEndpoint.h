#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace golive {

// The five Cohere operations golive uses, as cohere-openapi.yaml describes them.
enum class CohereEndpoint { Chat, Embed, Rerank, CheckApiKey, ListModels };

QByteArray endpointMethod(CohereEndpoint endpoint); // "POST" / "GET"
QString endpointPath(CohereEndpoint endpoint);      // "/v2/chat"

// For a 2xx answer: what is missing or mistyped compared with the spec's response schema
// (required fields only), or nullopt when the shape is right.
std::optional<QString> responseShapeProblem(CohereEndpoint endpoint, const QJsonObject &body);

} // namespace golive
