// The scan of the sample integrations (tests/fixtures/evidence): the faulty one fails each rule at
// the right file:line, the clean one passes every rule despite its decoys.
#include "SourceTestSupport.h"

#include "QStringPrinter.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::testing;

namespace {

QList<SourceDir> integration(const char *variant)
{
    const QString root = QStringLiteral(GOLIVE_EVIDENCE_FIXTURES "/") + QLatin1String(variant);
    return {SourceDir{QStringLiteral("shop-api/src"), root + QStringLiteral("/shop-api/src")},
            SourceDir{QStringLiteral("worker"), root + QStringLiteral("/worker")}};
}

const QString kTsKey = QStringLiteral("Zx81mQ4rT7vLp2NwK9sB3dFh6JyUc0AeGiOkRt5W");
const QString kPyKey = QStringLiteral("Qm3vT8xLp1NwK6sB9dFh2JyUc5AeGiOkRt7WZx40");

} // namespace

TEST(SourceScanner, AV1ClientFailsApiV2WhereItIsConstructedThroughAnAlias)
{
    const SourceScanReport report = scanWithBundledList(integration("faulty"));
    EXPECT_EQ(resultOf(report, QStringLiteral("api-v2")), EvidenceResult::Fail);
    EXPECT_EQ(locations(report, QStringLiteral("api-v2")),
              QStringList({QStringLiteral("shop-api/src/cohere.ts:7"),
                           QStringLiteral("worker/jobs.py:7")}));
}

TEST(SourceScanner, HardCodedKeysAreFoundAndNeverShown)
{
    const SourceScanReport report = scanWithBundledList(integration("faulty"));
    EXPECT_EQ(locations(report, QStringLiteral("no-hardcoded-keys")),
              QStringList({QStringLiteral("shop-api/src/cohere.ts:6"),
                           QStringLiteral("worker/jobs.py:10")}));
    for (const auto &rule : report.rules) {
        for (const SourceFinding &finding : rule.findings) {
            EXPECT_FALSE(finding.message.contains(kTsKey)) << finding.message.toStdString();
            EXPECT_FALSE(finding.message.contains(kPyKey)) << finding.message.toStdString();
        }
    }
    const auto *keys = report.rule(QStringLiteral("no-hardcoded-keys"));
    ASSERT_NE(keys, nullptr);
    EXPECT_TRUE(keys->findings.at(0).message.contains(QStringLiteral("Zx81…Rt5W")));
}

TEST(SourceScanner, EmbedCallsWithoutInputTypeFailOnTheLineOfTheCall)
{
    const SourceScanReport report = scanWithBundledList(integration("faulty"));
    EXPECT_EQ(locations(report, QStringLiteral("embed-input-type")),
              QStringList({QStringLiteral("shop-api/src/cohere.ts:13"),
                           QStringLiteral("worker/jobs.py:14")}));
    EXPECT_EQ(resultOf(report, QStringLiteral("embed-embedding-types")), EvidenceResult::Pass);
}

TEST(SourceScanner, CallsWithoutAModelFailExplicitModel)
{
    const SourceScanReport report = scanWithBundledList(integration("faulty"));
    EXPECT_EQ(locations(report, QStringLiteral("explicit-model")),
              QStringList({QStringLiteral("shop-api/src/cohere.ts:21"),
                           QStringLiteral("worker/jobs.py:31")}));
}

TEST(SourceScanner, DeprecatedModelIdsFailOnTheLineOfTheLiteralAndNameTheReplacement)
{
    const SourceScanReport report = scanWithBundledList(integration("faulty"));
    EXPECT_EQ(locations(report, QStringLiteral("model-ids")),
              QStringList({QStringLiteral("shop-api/src/cohere.ts:30"),
                           QStringLiteral("worker/jobs.py:24")}));
    const auto *models = report.rule(QStringLiteral("model-ids"));
    ASSERT_NE(models, nullptr);
    EXPECT_TRUE(models->findings.at(0).message.contains(QStringLiteral("rerank-v3.5")));
    EXPECT_TRUE(models->findings.at(1).message.contains(QStringLiteral("deprecated")));
}

TEST(SourceScanner, HintsAreUnknownNotFailuresWhenNothingStreamsOrCatches)
{
    const SourceScanReport report = scanWithBundledList(integration("faulty"));
    EXPECT_EQ(resultOf(report, QStringLiteral("streaming")), EvidenceResult::Unknown);
    EXPECT_EQ(resultOf(report, QStringLiteral("error-handling")), EvidenceResult::Unknown);
    EXPECT_EQ(resultOf(report, QStringLiteral("max-tokens")), EvidenceResult::Pass);
}

TEST(SourceScanner, TheCleanIntegrationPassesEveryRuleDespiteItsDecoys)
{
    const SourceScanReport report = scanWithBundledList(integration("clean"));
    EXPECT_EQ(report.filesScanned, 2);
    EXPECT_TRUE(report.problems.isEmpty()) << report.problems.join(u'\n').toStdString();
    ASSERT_EQ(report.rules.size(), 9);
    for (const auto &rule : report.rules) {
        EXPECT_EQ(rule.result, EvidenceResult::Pass) << rule.rule.toStdString();
        EXPECT_TRUE(rule.findings.isEmpty())
            << rule.rule.toStdString() << ": " << rule.findings.value(0).message.toStdString();
    }
}

TEST(SourceScanner, AModelUnknownToCohereFailsAgainstTheKeysCatalogue)
{
    // The key's own list (GET /v1/models) knows only the seed's first choices.
    const auto catalogue = ModelCatalogue::fromJson(QJsonDocument::fromJson(R"({"models": [
        {"name": "command-a-03-2025", "endpoints": ["chat"]},
        {"name": "command-r7b-12-2024", "endpoints": ["chat"]},
        {"name": "embed-v4.0", "endpoints": ["embed"]},
        {"name": "rerank-v3.5", "endpoints": ["rerank"]}]})").object());
    ASSERT_TRUE(catalogue.ok());
    const SourceScanReport report =
        SourceScanner(catalogue.value(), QStringLiteral("Cohere's model list for this key"))
            .scan(integration("faulty"));
    EXPECT_EQ(locations(report, QStringLiteral("model-ids")),
              QStringList({QStringLiteral("shop-api/src/cohere.ts:14"),
                           QStringLiteral("shop-api/src/cohere.ts:30"),
                           QStringLiteral("worker/jobs.py:24")}));
    EXPECT_TRUE(report.rule(QStringLiteral("model-ids"))->findings.at(0).message.contains(
        QStringLiteral("not in Cohere's model list for this key")));
}

TEST(SourceScanner, AMissingSourceDirMakesEveryRuleUnknownAndSaysWhich)
{
    const SourceScanReport report = scanWithBundledList(
        {SourceDir{QStringLiteral("../nowhere"), QStringLiteral("/nonexistent/golive/src")}});
    ASSERT_EQ(report.problems.size(), 1);
    EXPECT_TRUE(report.problems.at(0).contains(QStringLiteral("../nowhere")));
    for (const auto &rule : report.rules)
        EXPECT_EQ(rule.result, EvidenceResult::Unknown) << rule.rule.toStdString();
}
