#include "src/traffic/PromData.h"

#include "QStringPrinter.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace golive;

namespace {

HttpOutcome answer(int status, const QByteArray &body)
{
    HttpOutcome http;
    http.kind = HttpOutcomeKind::Completed;
    http.status = status;
    http.body = body;
    return http;
}

const QString origin = QStringLiteral("http://127.0.0.1:9090");

} // namespace

TEST(PromData, AVectorWithOneSeriesIsOneNumberWithItsLabels)
{
    const auto parsed = parsePrometheusAnswer(
        answer(200, R"({"status":"success","data":{"resultType":"vector","result":[
            {"metric":{"pod":"app-1"},"value":[1700000000.5,"0.3"]}]}})"),
        origin);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
    ASSERT_EQ(parsed.value().series.size(), 1);
    EXPECT_EQ(parsed.value().series[0].labels.value(QStringLiteral("pod")),
              QStringLiteral("app-1"));
    EXPECT_EQ(parsed.value().series[0].points[0].first, 1700000000500);
    const auto single = singleValueOf(parsed.value());
    ASSERT_TRUE(single.ok());
    EXPECT_DOUBLE_EQ(single.value().value.value(), 0.3);
}

TEST(PromData, AnEmptyResultIsNoDataNeverZero)
{
    const auto parsed = parsePrometheusAnswer(
        answer(200, R"({"status":"success","data":{"resultType":"vector","result":[]}})"), origin);
    ASSERT_TRUE(parsed.ok());
    EXPECT_TRUE(parsed.value().isEmpty());
    const auto single = singleValueOf(parsed.value());
    ASSERT_TRUE(single.ok());
    EXPECT_FALSE(single.value().value.has_value());
    EXPECT_TRUE(single.value().note.startsWith(QLatin1String("no data")));
}

TEST(PromData, NaNIsNoDataAndSaysWhy)
{
    const auto parsed = parsePrometheusAnswer(
        answer(200, R"({"status":"success","data":{"resultType":"vector","result":[
            {"metric":{},"value":[1700000000,"NaN"]}]}})"),
        origin);
    ASSERT_TRUE(parsed.ok());
    const auto single = singleValueOf(parsed.value());
    ASSERT_TRUE(single.ok());
    EXPECT_FALSE(single.value().value.has_value());
    EXPECT_TRUE(single.value().note.contains(QLatin1String("NaN")));
}

TEST(PromData, MatrixAndScalarResultsAreRead)
{
    const auto matrix = parsePrometheusAnswer(
        answer(200, R"({"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{"endpoint":"chat"},"values":[[1700000000,"1"],[1700000015,"+Inf"]]}]}})"),
        origin);
    ASSERT_TRUE(matrix.ok()) << matrix.error().message.toStdString();
    EXPECT_EQ(matrix.value().type, PromData::Type::Matrix);
    ASSERT_EQ(matrix.value().series[0].points.size(), 2);
    EXPECT_TRUE(std::isinf(matrix.value().series[0].points[1].second));
    EXPECT_FALSE(singleValueOf(matrix.value()).ok()); // a range is not one number

    const auto scalar = parsePrometheusAnswer(
        answer(200,
               R"({"status":"success","data":{"resultType":"scalar","result":[1700000000,"42"]}})"),
        origin);
    ASSERT_TRUE(scalar.ok());
    EXPECT_DOUBLE_EQ(singleValueOf(scalar.value()).value().value.value(), 42.0);
}

TEST(PromData, PrometheusErrorsAreShownInPrometheusWords)
{
    const auto refused = parsePrometheusAnswer(
        answer(
            400,
            R"({"status":"error","errorType":"bad_data","error":"1:21: parse error: unexpected \"}\""})"),
        origin);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, promerror::refused);
    EXPECT_EQ(refused.error().message,
              QStringLiteral("Prometheus refused the query (bad_data): 1:21: parse error: "
                             "unexpected \"}\""));
}

TEST(PromData, AnswersThatAreNotPrometheusAreNamedWithTheirStatus)
{
    const auto html = parsePrometheusAnswer(answer(502, "<html>Bad gateway</html>"), origin);
    ASSERT_FALSE(html.ok());
    EXPECT_EQ(html.error().kind, promerror::badAnswer);
    EXPECT_TRUE(html.error().message.contains(QLatin1String("HTTP 502")))
        << html.error().message.toStdString();
    EXPECT_TRUE(html.error().message.contains(QLatin1String("Bad gateway")));

    const auto login = parsePrometheusAnswer(answer(401, "Unauthorized"), origin);
    ASSERT_FALSE(login.ok());
    EXPECT_TRUE(login.error().message.contains(QLatin1String("refused golive's credentials")));

    const auto many = singleValueOf(
        parsePrometheusAnswer(
            answer(200, R"({"status":"success","data":{"resultType":"vector","result":[
                {"metric":{"pod":"a"},"value":[1,"1"]},{"metric":{"pod":"b"},"value":[1,"2"]}]}})"),
            origin)
            .value());
    ASSERT_FALSE(many.ok());
    EXPECT_TRUE(many.error().message.contains(QLatin1String("2 series")));
}

TEST(PromData, NoAnswerAtAllNamesTheServerAndTheTransportError)
{
    HttpOutcome http;
    http.kind = HttpOutcomeKind::Timeout;
    http.message = QStringLiteral("no answer within 300 ms");
    const auto parsed = parsePrometheusAnswer(http, origin);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().kind, promerror::unreachable);
    EXPECT_EQ(parsed.error().message,
              QStringLiteral("Prometheus at http://127.0.0.1:9090 did not answer: no answer "
                             "within 300 ms"));
}
