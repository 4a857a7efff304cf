#include "src/traffic/TrafficTemplate.h"

#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

TEST(TrafficTemplate, PodsBecomeARegexAlternationInTheMatcher)
{
    const VersionSelector canary{
        QStringLiteral("canary"),
        {QStringLiteral("app-7c9d-abcde"), QStringLiteral("app-7c9d-fghij")},
        QStringLiteral("7c9d")};
    const auto matcher =
        traffictemplate::versionMatcher(QStringLiteral(R"(pod=~"${pods}")"), canary);
    ASSERT_TRUE(matcher.ok());
    EXPECT_EQ(matcher.value(), QStringLiteral(R"(pod=~"app-7c9d-abcde|app-7c9d-fghij")"));
    const auto byHash = traffictemplate::versionMatcher(
        QStringLiteral(R"(version="${pod_template_hash}")"), canary);
    EXPECT_EQ(byHash.value(), QStringLiteral(R"(version="7c9d")"));
}

TEST(TrafficTemplate, AVersionWithoutPodsSelectsNothingRatherThanEverything)
{
    const auto matcher = traffictemplate::versionMatcher(
        QStringLiteral(R"(pod=~"${pods}")"), VersionSelector{QStringLiteral("canary"), {}, {}});
    ASSERT_FALSE(matcher.ok());
    EXPECT_TRUE(matcher.error().message.contains(QLatin1String("canary has no pods")));
}

TEST(TrafficTemplate, NamesThatAreNotPodNamesNeverReachPromQL)
{
    const auto matcher = traffictemplate::versionMatcher(
        QStringLiteral(R"(pod=~"${pods}")"),
        VersionSelector{QStringLiteral("canary"), {QStringLiteral(R"(x"} or vector(1) #)")}, {}});
    EXPECT_FALSE(matcher.ok());
    const auto dotted = traffictemplate::versionMatcher(
        QStringLiteral(R"(pod=~"${pods}")"),
        VersionSelector{QStringLiteral("canary"), {QStringLiteral("app.v2-1")}, {}});
    EXPECT_EQ(dotted.value(), QStringLiteral(R"(pod=~"app\\.v2-1")"));
}

TEST(TrafficTemplate, VersionAndWindowAreExpandedAndAnEmptyMatcherTakesItsCommaAlong)
{
    const QString query = QStringLiteral(
        R"(sum(rate(cohere_requests_total{${version}, code="429"}[${window}])) / sum(rate(cohere_requests_total{${version}}[${window}])))");
    EXPECT_EQ(
        traffictemplate::expand(query, QStringLiteral(R"(pod=~"a|b")"), QStringLiteral("5m")),
        QStringLiteral(
            R"(sum(rate(cohere_requests_total{pod=~"a|b", code="429"}[5m])) / sum(rate(cohere_requests_total{pod=~"a|b"}[5m])))"));
    EXPECT_EQ(
        traffictemplate::expand(query, QString(), QStringLiteral("1m")),
        QStringLiteral(
            R"(sum(rate(cohere_requests_total{code="429"}[1m])) / sum(rate(cohere_requests_total{}[1m])))"));
    EXPECT_EQ(traffictemplate::expand(QStringLiteral(R"(x{code="1", ${version}})"), QString(),
                                      QStringLiteral("1m")),
              QStringLiteral(R"(x{code="1"})"));
}
