#include "ChecklistTestSupport.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/ChecklistGate.h"
#include "src/checklist/MarkdownChecklistParser.h"

#include <QSet>

using namespace golive;
using namespace golive::test;

namespace {

ChecklistDocument bundled()
{
    const auto result = MarkdownChecklistParser::parseFile(BundledChecklist::path());
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message.toStdString());
    return result.ok() ? result.value() : ChecklistDocument{};
}

// The items whose text contains the phrase.
QStringList itemsContaining(const ChecklistDocument &document, const QString &phrase)
{
    QStringList found;
    for (const ChecklistItem *item : document.allItems()) {
        if (item->text.contains(phrase))
            found.append(item->id);
    }
    return found;
}

const ChecklistSection *sectionTitled(const ChecklistDocument &document, const QString &title)
{
    for (const ChecklistSection &section : document.sections) {
        if (section.title == title)
            return &section;
    }
    return nullptr;
}

} // namespace

TEST(BundledChecklist, IsCompiledInAndParsesWithoutWarnings)
{
    const ChecklistDocument document = bundled();
    EXPECT_EQ(document.title, QStringLiteral("Cohere Production Checklist"));
    EXPECT_TRUE(document.warnings.isEmpty())
        << document.warnings.join(QLatin1Char('\n')).toStdString();
    EXPECT_GE(document.itemCount(), 40);
}

TEST(BundledChecklist, HasTheSeedSectionsInOrder)
{
    QStringList titles;
    for (const ChecklistSection &section : bundled().sections)
        titles.append(section.title);
    const QStringList expected{QStringLiteral("Cohere Production Checklist"),
                               QStringLiteral("Prerequisites"),
                               QStringLiteral("API & Authentication"),
                               QStringLiteral("Code Quality"),
                               QStringLiteral("Model Selection"),
                               QStringLiteral("Performance"),
                               QStringLiteral("Health Check Endpoint"),
                               QStringLiteral("Circuit Breaker"),
                               QStringLiteral("Gradual Rollout"),
                               QStringLiteral("Monitoring Alerts"),
                               QStringLiteral("Rollback"),
                               QStringLiteral("Output"),
                               QStringLiteral("Next Steps")};
    EXPECT_EQ(titles, expected);
}

TEST(BundledChecklist, GivesEveryItemAnExplicitUniqueId)
{
    const ChecklistDocument document = bundled();
    QSet<QString> seen;
    for (const ChecklistItem *item : document.allItems()) {
        EXPECT_TRUE(item->explicitId) << "line " << item->line << " has no explicit id";
        EXPECT_FALSE(seen.contains(item->id)) << item->id.toStdString();
        seen.insert(item->id);
    }
}

TEST(BundledChecklist, ContainsEachSeedItemExactlyOnce)
{
    const ChecklistDocument document = bundled();
    const QStringList phrases{
        // Prerequisites
        QStringLiteral("Staging environment tested and verified"),
        QStringLiteral("Production API key (not trial) from dashboard.cohere.com"),
        QStringLiteral("Deployment pipeline configured"),
        QStringLiteral("Monitoring and alerting ready"),
        // API & Authentication, with the inline code the seed text lost
        QStringLiteral(
            "Using production API key (not trial — trial is rate-limited to 20 calls/min)"),
        QStringLiteral("`CO_API_KEY` stored in secret manager (Vault, AWS Secrets Manager, GCP "
                       "Secret Manager)"),
        QStringLiteral("Key rotation procedure documented and tested"),
        QStringLiteral("Billing alerts configured at dashboard.cohere.com"),
        QStringLiteral("Using API v2 endpoints (`CohereClientV2`, not `CohereClient`)"),
        // Code Quality
        QStringLiteral("All API calls specify `model` parameter explicitly"),
        QStringLiteral("`embeddingTypes` set for all Embed calls (required for v3+)"),
        QStringLiteral("`inputType` set for all Embed calls (required for v3+)"),
        QStringLiteral("Error handling catches `CohereError` and `CohereTimeoutError`"),
        QStringLiteral("Retry logic with exponential backoff for 429 and 5xx"),
        QStringLiteral("No hardcoded API keys in source code"),
        QStringLiteral("Request/response logging excludes API keys and PII"),
        // Model Selection
        QStringLiteral("Correct model IDs used (not deprecated names):"),
        // Performance
        QStringLiteral("Embed calls batched (up to 96 texts per request)"),
        QStringLiteral("Rerank calls limited to 1000 documents per request"),
        QStringLiteral("Streaming enabled for user-facing chat (`chatStream`)"),
        QStringLiteral("Connection pooling / keep-alive configured"),
        QStringLiteral("Response caching for repeated embed/rerank queries"),
        QStringLiteral("`maxTokens` set to prevent runaway generation costs"),
        // Health check endpoint
        QStringLiteral("`maxTokens: 1`"),
        QStringLiteral("`degraded` on a `CohereError` with status 429"),
        QStringLiteral("latencyMs"),
        // Circuit breaker
        QStringLiteral("opens after 5 failures"),
        QStringLiteral("`resetMs = 60_000`"),
        // Gradual rollout
        QStringLiteral("curl -sf https://staging.example.com/api/health | jq '.cohere'"),
        QStringLiteral("curl -s https://status.cohere.com/api/v2/status.json | jq '.status'"),
        QStringLiteral("Deploy with canary (10% traffic)"),
        QStringLiteral("kubectl apply -f k8s/production.yaml"),
        QStringLiteral("kubectl rollout pause deployment/app"),
        QStringLiteral("Monitor for 10 minutes: error rate, latency, 429s"),
        QStringLiteral("No increase in CohereError rate"),
        QStringLiteral("P95 latency < 5s for chat, < 500ms for embed/rerank"),
        QStringLiteral("kubectl rollout resume deployment/app"),
        // Monitoring alerts: all six rules
        QStringLiteral("\"Cohere unreachable\": Health check fails 3x — severity P1"),
        QStringLiteral("\"High error rate\": 5xx > 5% of requests/5min — severity P1"),
        QStringLiteral("\"Rate limited\": 429 > 10/min — severity P2"),
        QStringLiteral("\"High latency\": Chat P95 > 10s — severity P2"),
        QStringLiteral("\"Auth failure\": Any 401 response — severity P1"),
        QStringLiteral("\"Budget exceeded\": Daily token cost > threshold — severity P2"),
        // Rollback
        QStringLiteral("Rollback procedure documented"),
        QStringLiteral("kubectl rollout undo deployment/app"),
        QStringLiteral("curl -sf https://api.example.com/api/health | jq '.cohere'"),
    };
    for (const QString &phrase : phrases)
        EXPECT_EQ(itemsContaining(document, phrase).size(), 1) << phrase.toStdString();
}

TEST(BundledChecklist, KeepsTheModelTableUnderTheModelItem)
{
    const ChecklistDocument document = bundled();
    const ChecklistSection *models = sectionTitled(document, QStringLiteral("Model Selection"));
    ASSERT_NE(models, nullptr);
    ASSERT_EQ(models->items.size(), 1);
    ASSERT_EQ(models->blocks.size(), 1);
    EXPECT_EQ(models->blocks.first().itemsBefore, 1);
    const QString table = models->blocks.first().text;
    for (const char *cell : {"| Use Case", "command-a-03-2025", "command-r-plus-08-2024",
                             "command-r7b-12-2024", "command-r-08-2024", "embed-v4.0",
                             "embed-english-v3.0", "rerank-v3.5", "rerank-english-v3.0"})
        EXPECT_TRUE(table.contains(QLatin1String(cell))) << cell;
}

TEST(BundledChecklist, KeepsTheReferenceCodeAsCodeNotItems)
{
    const ChecklistDocument document = bundled();
    const ChecklistSection *health =
        sectionTitled(document, QStringLiteral("Health Check Endpoint"));
    ASSERT_NE(health, nullptr);
    bool hasFence = false;
    for (const ChecklistBlock &block : health->blocks)
        hasFence = hasFence || (block.text.startsWith(QStringLiteral("```")) &&
                                block.text.contains(QStringLiteral("err.statusCode === 429")));
    EXPECT_TRUE(hasFence);
}

TEST(BundledChecklist, GatesTheCanaryOnConfigurationAndThePromotionOnTheCanaryWatch)
{
    const ChecklistDocument document = bundled();
    EXPECT_EQ(ChecklistGate::gateNames(document),
              (QStringList{QStringLiteral("deploy"), QStringLiteral("promote")}));

    const QStringList deploy =
        ChecklistGate::openRequiredItems(document, {}, QStringLiteral("deploy"));
    for (const char *id :
         {"prod-key", "key-in-secret-manager", "api-v2", "explicit-model",
          "preflight-staging-health", "preflight-status-page", "rollback-documented"})
        EXPECT_TRUE(deploy.contains(QLatin1String(id))) << id;

    EXPECT_EQ(ChecklistGate::openRequiredItems(document, {}, QStringLiteral("promote")),
              (QStringList{QStringLiteral("canary-monitor"), QStringLiteral("canary-error-rate"),
                           QStringLiteral("canary-p95-latency")}));

    // Not everything blocks: nice-to-haves and the rollout actions themselves stay optional.
    for (const char *id : {"billing-alerts", "embed-batching", "canary-apply", "rollback-undo"}) {
        const ChecklistItem *item = document.findItem(QLatin1String(id));
        ASSERT_NE(item, nullptr) << id;
        EXPECT_FALSE(item->required) << id;
    }
}

TEST(BundledChecklist, NestsTheCanaryChecksUnderTheMonitoringWindow)
{
    const ChecklistDocument document = bundled();
    const ChecklistItem *monitor = document.findItem(QStringLiteral("canary-monitor"));
    const ChecklistItem *errorRate = document.findItem(QStringLiteral("canary-error-rate"));
    const ChecklistItem *latency = document.findItem(QStringLiteral("canary-p95-latency"));
    ASSERT_TRUE(monitor && errorRate && latency);
    EXPECT_EQ(monitor->depth, 0);
    EXPECT_EQ(errorRate->depth, 1);
    EXPECT_EQ(latency->depth, 1);
}

TEST(BundledChecklist, StartsWithNothingTicked)
{
    for (const ChecklistItem *item : bundled().allItems())
        EXPECT_FALSE(item->checkedInSource) << item->id.toStdString();
}
