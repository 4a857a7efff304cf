// An item's evidence result, staleness, and the JSON contract of `golive evidence --json`.
#include "src/evidence/EvidenceReport.h"
#include "src/checklist/BundledChecklist.h"
#include "src/checklist/MarkdownChecklistParser.h"

#include "QStringPrinter.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace golive;

namespace {

SourceEvidence source(const char *name, EvidenceResult result)
{
    return SourceEvidence{QLatin1String(name), result, QStringLiteral("why"), {}};
}

} // namespace

TEST(EvidenceReport, AnItemFailsIfAnySourceFailsAndIsUnknownIfAnyCannotTell)
{
    ItemEvidence item;
    item.details = {source("a", EvidenceResult::Pass), source("b", EvidenceResult::Unknown)};
    EXPECT_EQ(item.result(), EvidenceResult::Unknown);
    item.details.append(source("c", EvidenceResult::Fail));
    EXPECT_EQ(item.result(), EvidenceResult::Fail);
    item.details = {source("a", EvidenceResult::Pass)};
    EXPECT_EQ(item.result(), EvidenceResult::Pass);
    item.details.clear();
    EXPECT_EQ(item.result(), EvidenceResult::Unknown) << "no source proves nothing";
}

TEST(EvidenceReport, OnlyAFailingRequiredItemFailsTheRun)
{
    EvidenceReport report;
    ItemEvidence optional;
    optional.details = {source("a", EvidenceResult::Fail)};
    report.items = {optional};
    EXPECT_FALSE(report.requiredFails());
    ItemEvidence required = optional;
    required.required = true;
    report.items.append(required);
    EXPECT_TRUE(report.requiredFails());
}

TEST(EvidenceReport, EvidenceOlderThanTheMaximumAgeIsStale)
{
    const QDateTime checked = QDateTime(QDate(2026, 11, 30), QTime(14, 0), Qt::UTC);
    EXPECT_FALSE(EvidenceReport::isStale(checked, checked.addSecs(60 * 60), 60));
    EXPECT_TRUE(EvidenceReport::isStale(checked, checked.addSecs(60 * 60 + 1), 60));
    EXPECT_TRUE(EvidenceReport::isStale(QDateTime(), checked, 60)) << "never checked";
}

TEST(EvidenceReport, TheJsonCarriesEachItemsResultSourcesFindingsAndTime)
{
    ItemEvidence item;
    item.itemId = QStringLiteral("api-v2");
    item.required = true;
    item.sources = {QStringLiteral("source:api-v2")};
    item.checkedAt = QDateTime(QDate(2026, 11, 30), QTime(14, 5), Qt::UTC);
    SourceEvidence scan = source("source:api-v2", EvidenceResult::Fail);
    scan.findings = {SourceFinding{QStringLiteral("api-v2"), QStringLiteral("worker"),
                                   QStringLiteral("jobs.py"), 7, QStringLiteral("v1 client"),
                                   SourceFinding::Severity::Fail}};
    item.details = {scan};
    EvidenceReport report;
    report.items = {item};
    const QJsonObject json = report.toJsonObject();
    const QJsonObject first = json.value(QStringLiteral("items")).toArray().at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("id")).toString(), QStringLiteral("api-v2"));
    EXPECT_EQ(first.value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
    EXPECT_EQ(first.value(QStringLiteral("sources")).toArray().at(0).toString(),
              QStringLiteral("source:api-v2"));
    EXPECT_EQ(first.value(QStringLiteral("checked_at")).toString(),
              QStringLiteral("2026-11-30T14:05:00Z"));
    const QJsonObject finding = first.value(QStringLiteral("findings")).toArray().at(0).toObject();
    EXPECT_EQ(finding.value(QStringLiteral("file")).toString(), QStringLiteral("jobs.py"));
    EXPECT_EQ(finding.value(QStringLiteral("line")).toInt(), 7);
    EXPECT_EQ(finding.value(QStringLiteral("message")).toString(), QStringLiteral("v1 client"));
    EXPECT_TRUE(json.value(QStringLiteral("release")).isNull());
}

TEST(EvidenceReport, TheBundledChecklistNamesOnlySourcesGoliveKnowsForTheScannableItems)
{
    const auto parsed = MarkdownChecklistParser::parseFile(BundledChecklist::path());
    ASSERT_TRUE(parsed.ok());
    const QStringList known = EvidenceReport::knownSources();
    for (const ChecklistItem *item : parsed.value().allItems()) {
        for (const QString &source : item->evidence)
            EXPECT_TRUE(known.contains(source)) << item->id.toStdString() << ": " << source.toStdString();
    }
    for (const char *id : {"api-v2", "explicit-model", "embed-input-type", "embed-embedding-types",
                           "no-hardcoded-keys", "model-ids", "max-tokens"}) {
        const ChecklistItem *item = parsed.value().findItem(QLatin1String(id));
        ASSERT_NE(item, nullptr) << id;
        EXPECT_TRUE(item->evidence.contains(QStringLiteral("source:") + QLatin1String(id))) << id;
    }
}
