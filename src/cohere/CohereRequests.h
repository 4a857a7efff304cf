#pragma once

#include "src/cohere/CohereEndpoint.h"
#include "src/common/Error.h"
#include "src/common/HttpRequestSpec.h"
#include "src/config/CohereSettings.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrlQuery>

namespace golive {

// Request bodies exactly as the spec requires them: `model` always explicit; chat with
// `messages`, `max_tokens` and `stream: false` (and `thinking: {"type": "disabled"}` for a
// reasoning-capable model, modelfacts::isReasoningCapable); embed with `input_type`,
// `embedding_types` and `texts`. Each returns an Error naming the bad input instead of sending
// something Cohere would refuse.
namespace CohereRequests {

inline constexpr int maxEmbedTexts = 96; // the spec's maxItems for /v2/embed texts

Result<QJsonObject> chatBody(const QString &model, const QString &prompt, int maxTokens);
Result<QJsonObject> embedBody(const QString &model, const QString &inputType,
                              const QStringList &embeddingTypes, const QStringList &texts);
Result<QJsonObject> rerankBody(const QString &model, const QString &query,
                               const QStringList &documents);

// The HTTP exchange for one attempt. The key goes into the Authorization header and nowhere else.
HttpRequestSpec httpRequest(const CohereSettings &settings, CohereEndpoint endpoint,
                            const QString &apiKey, const QJsonObject &body,
                            const QUrlQuery &query = {});

// baseUrl + endpoint path, keeping any path prefix of baseUrl (for gateways).
QUrl endpointUrl(const QUrl &baseUrl, CohereEndpoint endpoint);

} // namespace CohereRequests

} // namespace golive
