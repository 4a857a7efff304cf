#include "src/release/ReportWriter.h"

#include "src/checklist/MarkdownChecklistParser.h"
#include "src/release/RecordDigest.h"
#include "src/release/SvgLatencyChart.h"

#include "QStringPrinter.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace golive;

namespace {

const QDateTime start(QDate(2026, 11, 24), QTime(14, 0), Qt::UTC);

RecordEvent event(int second, const char *kind, QJsonObject data, QString who = {})
{
    return {second + 1, start.addSecs(second), QString::fromLatin1(kind), std::move(who),
            std::move(data)};
}

ReportInput sampleInput()
{
    ReportInput input;
    input.release = {QStringLiteral("2026-11-24-1400-ga"), QStringLiteral("GA launch"), start,
                     QStringLiteral("bundled"), 1};
    input.checklist =
        MarkdownChecklistParser::parse("# Launch\n\n## Keys\n\n- [ ] Using production API key\n"
                                       "- [ ] Billing alerts configured\n")
            .value();
    const QString keyId = input.checklist.sections.at(1).items.at(0).id;
    const QString billingId = input.checklist.sections.at(1).items.at(1).id;
    ItemState ticked;
    ticked.checked = true;
    ticked.who = QStringLiteral("alice");
    ticked.atUtc = start.addSecs(60);
    ticked.note = QStringLiteral("from the vault");
    input.state.insert(keyId, ticked);
    ItemState open;
    open.note = QStringLiteral("waiting for finance");
    input.state.insert(billingId, open);

    int t = 0;
    // 20 chat samples: 100, 200, ... 2000 ms; the last one failed.
    for (int i = 1; i <= 20; ++i)
        input.events << event(t++, "probe-sample",
                              {{QStringLiteral("name"), QStringLiteral("cohere-chat")},
                               {QStringLiteral("latency_ms"), i * 100.0},
                               {QStringLiteral("outcome"),
                                i == 20 ? QStringLiteral("down") : QStringLiteral("healthy")},
                               {QStringLiteral("http_status"), i == 20 ? 500 : 200}});
    input.events << event(t++, "alert-fired",
                          {{QStringLiteral("rule"), QStringLiteral("high-latency")},
                           {QStringLiteral("severity"), QStringLiteral("P2")},
                           {QStringLiteral("message"), QStringLiteral("P95 6.2 s (limit 5 s)")}});
    input.events << event(t++, "step",
                          {{QStringLiteral("id"), QStringLiteral("deploy-canary")},
                           {QStringLiteral("outcome"), QStringLiteral("ok")},
                           {QStringLiteral("message"), QStringLiteral("Canary deployed.")}},
                          QStringLiteral("bob"));
    input.events << event(t++, "alert-resolved",
                          {{QStringLiteral("rule"), QStringLiteral("high-latency")},
                           {QStringLiteral("severity"), QStringLiteral("P2")},
                           {QStringLiteral("message"), QStringLiteral("P95 6.2 s (limit 5 s)")}});
    input.events << event(t++, "step",
                          {{QStringLiteral("id"), QStringLiteral("promote")},
                           {QStringLiteral("outcome"), QStringLiteral("ok")},
                           {QStringLiteral("message"), QStringLiteral("Rollout resumed.")}},
                          QStringLiteral("bob"));
    input.verification.lineCount = int(input.events.size());
    input.gates.chatP95Ms = 5000;
    return input;
}

bool isWellFormedXml(const QString &text, QString *why)
{
    QXmlStreamReader reader(text);
    while (!reader.atEnd())
        reader.readNext();
    *why = reader.errorString();
    return !reader.hasError();
}

} // namespace

TEST(ReportWriterTest, PercentilesUseEverySampleByNearestRank)
{
    const RecordDigest digest = RecordDigest::fromEvents(sampleInput().events);
    ASSERT_EQ(digest.probes.size(), 1);
    EXPECT_EQ(digest.probes.at(0).points.size(), 20);
    EXPECT_DOUBLE_EQ(digest.probes.at(0).p50Ms, 1000);
    EXPECT_DOUBLE_EQ(digest.probes.at(0).p95Ms, 1900);
    EXPECT_EQ(digest.probes.at(0).failures, 1);
    EXPECT_EQ(digest.outcome, QStringLiteral("promoted"));
}

TEST(ReportWriterTest, TheOutcomeIsTheLastSuccessfulPromoteOrRollback)
{
    auto input = sampleInput();
    input.events << RecordEvent{99,
                                start.addSecs(600),
                                QStringLiteral("step"),
                                {},
                                {{QStringLiteral("id"), QStringLiteral("rollback")},
                                 {QStringLiteral("outcome"), QStringLiteral("ok")}}};
    const RecordDigest digest = RecordDigest::fromEvents(input.events);
    EXPECT_EQ(digest.outcome, QStringLiteral("rolled back"));
    EXPECT_EQ(digest.outcomeAtUtc, start.addSecs(600));
}

TEST(ReportWriterTest,
     TheOutcomeFollowsTheStepsRoleWhateverItsIdAndSaysWhenProductionStayedUnhealthy)
{
    auto input = sampleInput();
    input.events << RecordEvent{99,
                                start.addSecs(600),
                                QStringLiteral("step"),
                                {},
                                {{QStringLiteral("id"), QStringLiteral("back-out")},
                                 {QStringLiteral("role"), QStringLiteral("rollback")},
                                 {QStringLiteral("outcome"), QStringLiteral("unhealthy")}}};
    const RecordDigest digest = RecordDigest::fromEvents(input.events);
    EXPECT_EQ(digest.outcome, QStringLiteral("rolled back, production still unhealthy"));
    EXPECT_EQ(digest.outcomeAtUtc, start.addSecs(600));
}

TEST(ReportWriterTest, MarkdownHasTheChecklistStepsAlertsLatencyAndOutcome)
{
    const QString md = QString::fromUtf8(ReportWriter::markdown(sampleInput()));
    EXPECT_TRUE(md.contains(QLatin1String("# Release report: GA launch")));
    EXPECT_TRUE(md.contains(QLatin1String("Outcome: Promoted at 2026-11-24 14:00:23 UTC")))
        << md.toStdString();
    EXPECT_TRUE(md.contains(QLatin1String("### Keys")));
    EXPECT_TRUE(md.contains(QStringLiteral(
        "- [x] Using production API key — alice, 2026-11-24 14:01 UTC: from the vault")))
        << md.toStdString();
    EXPECT_TRUE(
        md.contains(QStringLiteral("- [ ] Billing alerts configured — waiting for finance")));
    EXPECT_TRUE(md.contains(QLatin1String("| deploy-canary | ok | bob | Canary deployed. |")));
    EXPECT_TRUE(md.contains(QLatin1String("| fired | P2 | high-latency |")));
    EXPECT_TRUE(md.contains(QLatin1String("| resolved | P2 | high-latency |")));
    EXPECT_TRUE(md.contains(QLatin1String("| cohere-chat | 20 | 1 | 1000 ms | 1900 ms |")))
        << md.toStdString();
    EXPECT_TRUE(md.contains(QLatin1String("](latency-cohere-chat.svg)")));
    EXPECT_TRUE(md.contains(QLatin1String("Record: intact (24 events)")));
}

TEST(ReportWriterTest, AReleaseWithNothingYetSaysSo)
{
    ReportInput input;
    input.release.name = QStringLiteral("empty");
    const QString md = QString::fromUtf8(ReportWriter::markdown(input));
    EXPECT_TRUE(md.contains(QLatin1String("Not promoted and not rolled back")));
    EXPECT_TRUE(md.contains(QLatin1String("No step was run.")));
    EXPECT_TRUE(md.contains(QLatin1String("No alert fired.")));
    EXPECT_TRUE(md.contains(QLatin1String("No probe sample was recorded.")));
}

TEST(ReportWriterTest, MarkdownChartsAreWrittenBesideTheReport)
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("report.md"));
    ASSERT_FALSE(ReportWriter::writeMarkdown(sampleInput(), path).failed());
    QFile chart(folder.filePath(QStringLiteral("latency-cohere-chat.svg")));
    ASSERT_TRUE(chart.open(QIODevice::ReadOnly));
    QString why;
    EXPECT_TRUE(isWellFormedXml(QString::fromUtf8(chart.readAll()), &why)) << why.toStdString();
}

TEST(ReportWriterTest, TheChartIsWellFormedSvgWithGateLineAndFailureMarks)
{
    const RecordDigest digest = RecordDigest::fromEvents(sampleInput().events);
    const QString svg = SvgLatencyChart::render(digest.probes.at(0), 5000.0);
    QString why;
    EXPECT_TRUE(isWellFormedXml(svg, &why)) << why.toStdString();
    EXPECT_TRUE(svg.contains(QLatin1String("stroke-dasharray")));
    EXPECT_TRUE(svg.contains(QLatin1String("failed at 2026-11-24T14:00:19Z")));
    EXPECT_EQ(svg.count(QLatin1String("<polyline")), 1);
}

TEST(ReportWriterTest, HtmlIsSelfContainedAndEscapesWhatItQuotes)
{
    auto input = sampleInput();
    input.release.name = QStringLiteral("<script>alert(1)</script>");
    const QString html = QString::fromUtf8(ReportWriter::html(input));
    EXPECT_TRUE(html.startsWith(QLatin1String("<!DOCTYPE html>")));
    EXPECT_FALSE(html.contains(QLatin1String("<script>")));
    EXPECT_FALSE(html.contains(QLatin1String("src=\"http")));
    EXPECT_TRUE(html.contains(QLatin1String("prefers-color-scheme: dark")));
    EXPECT_TRUE(html.contains(QLatin1String("Using production API key")));
    EXPECT_TRUE(html.contains(QLatin1String("<svg")));
    EXPECT_TRUE(html.contains(QLatin1String("1900 ms")));
}

namespace {

QJsonObject readback(const char *revision, const char *image)
{
    return {{QStringLiteral("revision"), QString::fromLatin1(revision)},
            {QStringLiteral("images"), QJsonArray{QString::fromLatin1(image)}}};
}

// A canary that was rolled back: the deploy step read production before and after.
ReportInput rolledBackInput()
{
    ReportInput input = sampleInput();
    input.events.clear();
    input.events << event(10, "step",
                          {{QStringLiteral("id"), QStringLiteral("deploy-canary")},
                           {QStringLiteral("role"), QStringLiteral("deploy")},
                           {QStringLiteral("outcome"), QStringLiteral("ok")},
                           {QStringLiteral("before"), readback("4", "registry/shop:v1.8")},
                           {QStringLiteral("after"), readback("5", "registry/shop:v1.9")}});
    input.events << event(300, "step",
                          {{QStringLiteral("id"), QStringLiteral("rollback")},
                           {QStringLiteral("role"), QStringLiteral("rollback")},
                           {QStringLiteral("outcome"), QStringLiteral("ok")},
                           {QStringLiteral("before"), readback("5", "registry/shop:v1.9")},
                           {QStringLiteral("after"), readback("6", "registry/shop:v1.8")}});
    return input;
}

} // namespace

TEST(ReportWriterTest, TheTopSaysWhichVersionsWereInvolved)
{
    const ReportInput input = rolledBackInput();
    const QString md = QString::fromUtf8(ReportWriter::markdown(input));
    EXPECT_TRUE(md.contains(QStringLiteral(
        "- Versions: stable before: `registry/shop:v1.8`; canary: `registry/shop:v1.9`; running "
        "at the end: `registry/shop:v1.8` (after the rollback at 14:05:00 UTC)")))
        << md.toStdString();
    // At the top: before the checklist.
    EXPECT_LT(md.indexOf(QLatin1String("- Versions:")), md.indexOf(QLatin1String("## Checklist")));
    const QString html = QString::fromUtf8(ReportWriter::html(input));
    EXPECT_TRUE(html.contains(QStringLiteral("canary: <code>registry/shop:v1.9</code>")))
        << html.toStdString();
    EXPECT_LT(html.indexOf(QLatin1String("Versions:")), html.indexOf(QLatin1String("<h2>")));
}

TEST(ReportWriterTest, VersionsTheRecordDoesNotHoldAreUnknownNotGuessed)
{
    const QString md = QString::fromUtf8(ReportWriter::markdown(sampleInput()));
    EXPECT_TRUE(md.contains(QStringLiteral(
        "- Versions: stable before: unknown (not recorded); canary: unknown (not recorded); "
        "running at the end: unknown (not recorded)")))
        << md.toStdString();
}

TEST(ReportWriterTest, InlineCodeIsCodeInHtmlAndKeepsItsBackticksInMarkdown)
{
    ReportInput input = sampleInput();
    input.checklist = MarkdownChecklistParser::parse(
                          "# Launch\n\n## Code\n\n- [ ] Every call goes through "
                          "`CohereCircuitBreaker` <!-- golive: id=breaker -->\n"
                          "- [ ] Escaped `<b>` and a lone ` backtick <!-- golive: id=odd -->\n")
                          .value();
    input.state.clear();
    const QString html = QString::fromUtf8(ReportWriter::html(input));
    EXPECT_TRUE(html.contains(QLatin1String("through <code>CohereCircuitBreaker</code>")))
        << html.toStdString();
    EXPECT_FALSE(html.contains(QLatin1String("`CohereCircuitBreaker`")));
    EXPECT_TRUE(html.contains(QLatin1String("Escaped <code>&lt;b&gt;</code> and a lone ` backtick")));
    const QString md = QString::fromUtf8(ReportWriter::markdown(input));
    EXPECT_TRUE(md.contains(QLatin1String("through `CohereCircuitBreaker`")));
}

namespace {

// An `evidence` event for the key item: `result`, one finding at shop-api/src/cohere.ts:`line`.
RecordEvent evidenceEvent(int second, const QString &itemId, const QString &result, int line)
{
    const QJsonObject finding{{QStringLiteral("file"), QStringLiteral("cohere.ts")},
                              {QStringLiteral("source_dir"), QStringLiteral("shop-api/src")},
                              {QStringLiteral("line"), line},
                              {QStringLiteral("message"), QStringLiteral("a key literal (co…xY)")},
                              {QStringLiteral("source"), QStringLiteral("source:no-hardcoded-keys")}};
    const QJsonObject item{{QStringLiteral("id"), itemId},
                           {QStringLiteral("result"), result},
                           {QStringLiteral("sources"),
                            QJsonArray{QStringLiteral("source:no-hardcoded-keys")}},
                           {QStringLiteral("findings"), QJsonArray{finding}},
                           {QStringLiteral("checked_at"), start.addSecs(second).toString(Qt::ISODate)}};
    return event(second, "evidence", {{QStringLiteral("items"), QJsonArray{item}}});
}

} // namespace

TEST(ReportWriterTest, EachItemShowsItsLastRecordedEvidenceBesideWhoTickedIt)
{
    ReportInput input = sampleInput();
    const QString keyId = input.checklist.sections.at(1).items.at(0).id;
    input.events << evidenceEvent(500, keyId, QStringLiteral("fail"), 6)
                 << evidenceEvent(700, keyId, QStringLiteral("pass"), 9);

    const QString md = QString::fromUtf8(ReportWriter::markdown(input));
    const QString keyLine = md.split(QLatin1Char('\n')).filter(QStringLiteral("Using production")).value(0);
    // The last run counts, beside the tick's who.
    EXPECT_TRUE(keyLine.contains(QLatin1String("alice"))) << keyLine.toStdString();
    EXPECT_TRUE(keyLine.contains(QLatin1String("evidence pass (source:no-hardcoded-keys, checked "
                                               "2026-11-24T14:11:40Z)")))
        << keyLine.toStdString();
    EXPECT_TRUE(keyLine.contains(QLatin1String("shop-api/src/cohere.ts:9"))) << keyLine.toStdString();
    EXPECT_FALSE(keyLine.contains(QLatin1String("cohere.ts:6"))) << keyLine.toStdString();
    const QString billingLine = md.split(QLatin1Char('\n')).filter(QStringLiteral("Billing")).value(0);
    EXPECT_FALSE(billingLine.contains(QLatin1String("evidence"))) << billingLine.toStdString();

    const QString html = QString::fromUtf8(ReportWriter::html(input));
    EXPECT_TRUE(html.contains(QLatin1String("<div class=\"evidence pass\">evidence pass "
                                            "(source:no-hardcoded-keys")))
        << html.toStdString();
}
