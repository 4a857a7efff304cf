#include "src/cohere/CohereClient.h"

#include "src/cohere/CohereRequests.h"
#include "src/secrets/Redactor.h"

#include <QLoggingCategory>

namespace golive {

namespace {

Q_LOGGING_CATEGORY(lcCohere, "golive.cohere")

} // namespace

CohereClient::CohereClient(CohereSettings settings, KeyProvider key, QObject *parent,
                           const Clock &clock, RetryPolicy::RandomSource random)
    : QObject(parent), m_settings(std::move(settings)), m_key(std::move(key)), m_clock(clock),
      m_random(std::move(random)),
      m_breaker(std::make_unique<CircuitBreaker>(m_settings.breaker, m_clock))
{
    qRegisterMetaType<golive::CohereOutcome>();
    qRegisterMetaType<golive::HttpOutcome>();
}

CohereClient::~CohereClient()
{
    // Calls hold references to the network manager and the breaker: end them while both exist.
    const auto calls = findChildren<CohereCall *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(calls);
}

void CohereClient::setKeyProvider(KeyProvider key)
{
    m_key = std::move(key);
}

void CohereClient::setSettings(const CohereSettings &settings)
{
    m_breaker->updateSettings(settings.breaker);
    m_settings = settings;
}

void CohereClient::setFallback(CohereEndpoint endpoint, CohereCall::Fallback fallback)
{
    m_fallbacks.insert(int(endpoint), std::move(fallback));
}

CohereCall *CohereClient::chat(const QString &prompt, int maxTokens)
{
    return launch(CohereEndpoint::Chat,
                  CohereRequests::chatBody(m_settings.chatModel, prompt, maxTokens));
}

CohereCall *CohereClient::embed(const QStringList &texts)
{
    return launch(CohereEndpoint::Embed,
                  CohereRequests::embedBody(m_settings.embedModel, m_settings.embedInputType,
                                            m_settings.embeddingTypes, texts));
}

CohereCall *CohereClient::rerank(const QString &query, const QStringList &documents)
{
    return launch(CohereEndpoint::Rerank,
                  CohereRequests::rerankBody(m_settings.rerankModel, query, documents));
}

CohereCall *CohereClient::checkApiKey(const QString &key)
{
    return launch(CohereEndpoint::CheckApiKey, QJsonObject(), {}, [key] { return key; });
}

CohereCall *CohereClient::listModels(const QString &pageToken)
{
    QUrlQuery query;
    // The spec's largest page: Cohere lists a few dozen models, so one page usually holds all.
    query.addQueryItem(QStringLiteral("page_size"), QStringLiteral("1000"));
    if (!pageToken.isEmpty())
        query.addQueryItem(QStringLiteral("page_token"), pageToken);
    return launch(CohereEndpoint::ListModels, QJsonObject(), query);
}

CohereCall *CohereClient::launch(CohereEndpoint endpoint, Result<QJsonObject> body, QUrlQuery query,
                                 KeyProvider key)
{
    CohereCall::Setup setup;
    setup.endpoint = endpoint;
    setup.body = std::move(body);
    setup.query = std::move(query);
    setup.settings = m_settings;
    // The provider is consulted per attempt, so a key rotated between retries is picked up.
    setup.key = key ? std::move(key) : KeyProvider([this] { return m_key ? m_key() : QString(); });
    setup.fallback = m_fallbacks.value(int(endpoint));
    setup.breaker = m_breaker.get();
    setup.random = m_random;
    auto *call = new CohereCall(m_network, std::move(setup), m_clock, this);
    connect(call, &CohereCall::finished, this, [this, endpoint](const CohereOutcome &outcome) {
        // One line per call, so a support log shows what happened; redacted here as well as in
        // the message handler, in case the process logs without golive's handler.
        qCInfo(lcCohere, "%s (%s, %d attempt(s), %lld ms)",
               qUtf8Printable(Redactor::redact(outcome.message)),
               qUtf8Printable(outcomeKindName(outcome.kind)), outcome.attempts,
               static_cast<long long>(outcome.totalMs));
        Q_EMIT callFinished(endpoint, outcome);
    });
    call->start();
    return call;
}

} // namespace golive
