#include "src/probes/CheckReport.h"
#include "QStringPrinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace golive;

// The gate's verdict: it must not pass what it did not check.

namespace {

ProbeResult probe(const char *name, ProbeKind kind, ProbeStatus status, const QString &error = {})
{
    ProbeResult result;
    result.name = QString::fromLatin1(name);
    result.kind = kind;
    result.status = status;
    result.error = error;
    return result;
}

QJsonObject json(const CheckReport &report)
{
    return QJsonDocument::fromJson(report.toJson()).object();
}

} // namespace

TEST(CheckReport, SkippedCohereProbesAreNoGoUnlessSkippedOnRequest)
{
    CheckReport report;
    report.probes = {probe("health-staging", ProbeKind::TeamHealth, ProbeStatus::Healthy),
                     probe("cohere-chat", ProbeKind::CohereChat, ProbeStatus::Skipped,
                           QStringLiteral("no API key: set CO_API_KEY"))};
    EXPECT_FALSE(report.go());
    ASSERT_EQ(report.reasons().size(), 1);
    EXPECT_TRUE(
        report.reasons().first().startsWith(QStringLiteral("Cohere was not checked: no API key")));

    report.skipped = {QStringLiteral("cohere")};
    EXPECT_TRUE(report.go());
    EXPECT_TRUE(report.toTable().contains(QStringLiteral("Verdict: GO (skipped: cohere)")));
    EXPECT_EQ(json(report).value(QStringLiteral("skipped")).toArray().first().toString(),
              QStringLiteral("cohere"));
}

TEST(CheckReport, ASlowProbeIsNoGoNamingItsGate)
{
    ProbeResult chat = probe("cohere-chat", ProbeKind::CohereChat, ProbeStatus::Slow,
                             QStringLiteral("slow: answered in 7012 ms, above its gate "
                                            "gates.chat_p95_ms (5000 ms)"));
    chat.gateMs = 5000;
    chat.gateName = QStringLiteral("gates.chat_p95_ms");
    CheckReport report;
    report.probes = {chat};
    EXPECT_FALSE(report.go());
    EXPECT_TRUE(report.reasons().first().contains(QStringLiteral("gates.chat_p95_ms")));
    const QJsonObject p = json(report).value(QStringLiteral("probes")).toArray().first().toObject();
    EXPECT_EQ(p.value(QStringLiteral("status")).toString(), QStringLiteral("slow"));
    EXPECT_EQ(p.value(QStringLiteral("latency_gate")).toObject().value(QStringLiteral("name")),
              QStringLiteral("gates.chat_p95_ms"));
}

TEST(CheckReport, A429IsGoWithAWarningAndAnUnknownStatusPageNeitherPassesNorFails)
{
    CheckReport report;
    report.probes = {probe("cohere-chat", ProbeKind::CohereChat, ProbeStatus::Degraded,
                           QStringLiteral("HTTP 429: rate limited: slow down")),
                     probe("status-page", ProbeKind::StatusPage, ProbeStatus::Unknown,
                           QStringLiteral("status page unreachable"))};
    EXPECT_TRUE(report.go());
    const QStringList warnings = report.warnings();
    ASSERT_EQ(warnings.size(), 2);
    EXPECT_TRUE(warnings.at(0).startsWith(QStringLiteral("probe cohere-chat is degraded")));
    EXPECT_TRUE(warnings.at(1).startsWith(QStringLiteral("probe status-page is unknown")));
    EXPECT_EQ(json(report).value(QStringLiteral("warnings")).toArray().size(), 2);
    EXPECT_TRUE(
        report.toTable().contains(QStringLiteral("warning: probe cohere-chat is degraded")));
}

TEST(CheckReport, ADeprecatedOrUnknownModelIsNoGoWithItsReplacement)
{
    CheckReport report;
    report.models = {
        {QStringLiteral("chat"), QStringLiteral("command-r-plus"), QStringLiteral("deprecated"),
         QStringLiteral("command-a-03-2025")},
        {QStringLiteral("embed"), QStringLiteral("embed-v4.0"), QStringLiteral("ok"), {}}};
    EXPECT_FALSE(report.go());
    EXPECT_EQ(report.reasons().first(),
              QStringLiteral("chat model \"command-r-plus\" is deprecated; the seed recommends "
                             "command-a-03-2025"));
    const QJsonArray models = json(report).value(QStringLiteral("models")).toArray();
    ASSERT_EQ(models.size(), 2);
    EXPECT_EQ(models.at(0).toObject().value(QStringLiteral("replacement")).toString(),
              QStringLiteral("command-a-03-2025"));
    EXPECT_TRUE(models.at(1).toObject().value(QStringLiteral("replacement")).isNull());

    report.models.first().status = QStringLiteral("wrong-endpoint");
    EXPECT_TRUE(report.go()) << "the probe on that endpoint decides; the list only warns";
    EXPECT_EQ(report.warnings().size(), 1);
}
