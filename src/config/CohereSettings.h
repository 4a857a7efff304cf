#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace golive {

// Seed defaults, named once. See the seed's "Model Selection" and "Circuit Breaker" sections.
namespace defaults {
inline constexpr auto cohereBaseUrl = "https://api.cohere.com";
inline constexpr auto chatModel = "command-r7b-12-2024";
inline constexpr auto embedModel = "embed-v4.0";
inline constexpr auto rerankModel = "rerank-v3.5";
inline constexpr int breakerFailureThreshold = 5;
inline constexpr int breakerResetMs = 60'000;
} // namespace defaults

struct RetrySettings {
    int maxAttempts = 4;        // including the first
    int baseDelayMs = 500;      // backoff base; full jitter over base * 2^attempt
    int maxDelayMs = 8'000;     // cap on one wait
    int totalBudgetMs = 30'000; // give up when the next wait would pass this
    bool operator==(const RetrySettings &) const = default;
};

struct CircuitBreakerSettings {
    int failureThreshold = defaults::breakerFailureThreshold;
    int resetMs = defaults::breakerResetMs;
    bool operator==(const CircuitBreakerSettings &) const = default;
};

// The profile's `cohere.*` section.
struct CohereSettings {
    QUrl baseUrl = QUrl(QString::fromLatin1(defaults::cohereBaseUrl));
    QString chatModel = QString::fromLatin1(defaults::chatModel);
    QString embedModel = QString::fromLatin1(defaults::embedModel);
    QString rerankModel = QString::fromLatin1(defaults::rerankModel);
    QString embedInputType = QStringLiteral("search_query");
    QStringList embeddingTypes = {QStringLiteral("float")};
    int requestTimeoutMs = 30'000;
    qint64 maxResponseBytes = 1024 * 1024; // larger bodies are refused as "bad body"
    RetrySettings retry;
    CircuitBreakerSettings breaker;
    bool operator==(const CohereSettings &) const = default;
};

} // namespace golive
