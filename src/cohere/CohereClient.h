#pragma once

#include "src/cohere/CircuitBreaker.h"
#include "src/cohere/CohereCall.h"
#include "src/cohere/RetryPolicy.h"
#include "src/common/Clock.h"
#include "src/config/CohereSettings.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

namespace golive {

// The one HTTP client for Cohere. One QNetworkAccessManager (connections are kept alive and
// reused), one circuit breaker, settings from the profile. The API key is fetched from the
// KeyProvider for each attempt and goes only into that attempt's Authorization header.
//
// Every method returns a started CohereCall: connect to its finished() signal. The call deletes
// itself after reporting. callFinished() additionally reports every call, for metrics.
class CohereClient : public QObject {
    Q_OBJECT
public:
    using KeyProvider = CohereCall::KeyProvider;

    CohereClient(CohereSettings settings, KeyProvider key, QObject *parent = nullptr,
                 const Clock &clock = SystemClock::instance(),
                 RetryPolicy::RandomSource random = {});
    ~CohereClient() override;

    void setKeyProvider(KeyProvider key);
    // New settings apply to calls made from now on; the breaker keeps its state.
    void setSettings(const CohereSettings &settings);
    const CohereSettings &settings() const { return m_settings; }

    // The seed's optional fallback: while the breaker is open, calls to this endpoint finish as
    // CircuitOpen with servedByFallback and this answer in `body`.
    void setFallback(CohereEndpoint endpoint, CohereCall::Fallback fallback);

    const CircuitBreaker &breaker() const { return *m_breaker; }

    // POST /v2/chat: the seed's cheapest health check by default.
    CohereCall *chat(const QString &prompt = QStringLiteral("ping"), int maxTokens = 1);
    // POST /v2/embed with the configured input_type and embedding_types.
    CohereCall *embed(const QStringList &texts);
    // POST /v2/rerank.
    CohereCall *rerank(const QString &query, const QStringList &documents);
    // POST /v1/check-api-key with `key` (not the provider's) as the Bearer token.
    CohereCall *checkApiKey(const QString &key);
    // GET /v1/models, one page; pass the previous page's next_page_token to continue.
    CohereCall *listModels(const QString &pageToken = {});

Q_SIGNALS:
    void callFinished(golive::CohereEndpoint endpoint, const golive::CohereOutcome &outcome);

private:
    CohereCall *launch(CohereEndpoint endpoint, Result<QJsonObject> body, QUrlQuery query = {},
                       KeyProvider key = {});

    CohereSettings m_settings;
    KeyProvider m_key;
    const Clock &m_clock;
    RetryPolicy::RandomSource m_random;
    QNetworkAccessManager m_network;
    std::unique_ptr<CircuitBreaker> m_breaker;
    QHash<int, CohereCall::Fallback> m_fallbacks;
};

} // namespace golive
