#include "src/probes/ProbeBodyParser.h"
#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

namespace {
const QByteArray seedHealthy = R"({"status":"ok","cohere":{"status":"healthy","latencyMs":212},)"
                               R"("timestamp":"2026-11-24T10:00:00.000Z"})";
}

TEST(ProbeBodyParser, ReadsTheSeedsHealthAnswer)
{
    const auto report = ProbeBodyParser::teamHealth(seedHealthy);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report.value().status, QStringLiteral("ok"));
    EXPECT_EQ(report.value().cohereStatus, ProbeStatus::Healthy);
    EXPECT_EQ(report.value().cohereLatencyMs, 212.0);
    EXPECT_EQ(report.value().timestamp.date(), QDate(2026, 11, 24));
}

TEST(ProbeBodyParser, ToleratesExtraFieldsInTheHealthAnswer)
{
    const auto report = ProbeBodyParser::teamHealth(
        R"({"status":"degraded","version":"1.2","cohere":{"status":"degraded","latencyMs":5,)"
        R"("region":"eu"},"timestamp":"2026-11-24T10:00:00Z","db":"ok"})");
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report.value().cohereStatus, ProbeStatus::Degraded);
}

TEST(ProbeBodyParser, RefusesHealthBodiesOfTheWrongShapeNamingWhatIsWrong)
{
    const struct {
        QByteArray body;
        const char *why;
    } cases[] = {
        {"pong", "not a JSON object"},
        {"[1,2]", "not a JSON object"},
        {R"({"status":"ok"})", "`cohere` is missing"},
        {R"({"status":"fine","cohere":{"status":"healthy","latencyMs":1},"timestamp":"2026-11-24T10:00:00Z"})",
         "`status`"},
        {R"({"status":"ok","cohere":{"status":"great","latencyMs":1},"timestamp":"2026-11-24T10:00:00Z"})",
         "`cohere.status`"},
        {R"({"status":"ok","cohere":{"status":"healthy","latencyMs":"fast"},"timestamp":"2026-11-24T10:00:00Z"})",
         "`cohere.latencyMs`"},
        {R"({"status":"ok","cohere":{"status":"healthy","latencyMs":1}})", "`timestamp`"},
        {"<html><body><h1>502 Bad Gateway</h1></body></html>", "not a JSON object"},
    };
    for (const auto &c : cases) {
        const auto report = ProbeBodyParser::teamHealth(c.body);
        ASSERT_FALSE(report.ok()) << c.body.constData();
        EXPECT_TRUE(report.error().message.startsWith(QStringLiteral("unexpected response: ")));
        EXPECT_TRUE(report.error().message.contains(QString::fromLatin1(c.why)))
            << report.error().message.toStdString();
    }
}

TEST(ProbeBodyParser, QuotesOnlyTheFirst80BytesOfAnUnexpectedBody)
{
    const QByteArray body = "<html>" + QByteArray(500, 'x') + "</html>";
    const auto report = ProbeBodyParser::teamHealth(body);
    ASSERT_FALSE(report.ok());
    EXPECT_TRUE(report.error().message.contains(QStringLiteral("<html>") + QString(74, 'x')));
    EXPECT_FALSE(report.error().message.contains(QString(75, 'x')));
}

TEST(ProbeBodyParser, RedactsCredentialsInAQuotedBody)
{
    const auto report = ProbeBodyParser::teamHealth(R"({"api_key":"sk-live-123456789"})");
    ASSERT_FALSE(report.ok());
    EXPECT_FALSE(report.error().message.contains(QStringLiteral("sk-live-123456789")));
}

TEST(ProbeBodyParser, MapsStatusPageIndicatorsAsTheSeedReadsThem)
{
    const struct {
        const char *indicator;
        ProbeStatus status;
    } cases[] = {{"none", ProbeStatus::Healthy},
                 {"minor", ProbeStatus::Degraded},
                 {"major", ProbeStatus::Down},
                 {"critical", ProbeStatus::Down}};
    for (const auto &c : cases) {
        const QByteArray body = QByteArray(R"({"status":{"indicator":")") + c.indicator +
                                R"(","description":"words"}})";
        const auto report = ProbeBodyParser::statusPage(body);
        ASSERT_TRUE(report.ok()) << c.indicator;
        EXPECT_EQ(report.value().status, c.status) << c.indicator;
        EXPECT_EQ(report.value().description, QStringLiteral("words"));
    }
    EXPECT_FALSE(ProbeBodyParser::statusPage(R"({"status":{"indicator":"meh"}})").ok());
    EXPECT_FALSE(ProbeBodyParser::statusPage(R"({"page":{}})").ok());
    EXPECT_FALSE(ProbeBodyParser::statusPage("").ok());
}

TEST(ProbeBodyParser, ListsSummaryComponentsAndIgnoresJunk)
{
    EXPECT_EQ(ProbeBodyParser::statusPageComponents(
                  R"({"components":[{"name":"API","status":"operational"},{"x":1}]})"),
              QStringList{QStringLiteral("API: operational")});
    EXPECT_TRUE(ProbeBodyParser::statusPageComponents("nonsense").isEmpty());
}
