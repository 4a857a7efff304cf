#include "rollout/HealthChecker.h"

#include <gtest/gtest.h>

using namespace golive;

TEST(HttpHealthChecker, TheTeamEndpointMustSayCohereIsHealthy)
{
    EXPECT_FALSE(HttpHealthChecker::judgeHealthBody(R"({"cohere": {"status": "healthy"}})"));
    const auto degraded =
        HttpHealthChecker::judgeHealthBody(R"({"cohere": {"status": "degraded"}})");
    ASSERT_TRUE(degraded);
    EXPECT_TRUE(degraded->message.contains("degraded"));
    const auto garbage = HttpHealthChecker::judgeHealthBody("<html>");
    ASSERT_TRUE(garbage);
    EXPECT_TRUE(garbage->message.contains("cohere.status"));
}

TEST(HttpHealthChecker, TheStatusPageMayReportNoneOrMinorOnly)
{
    EXPECT_FALSE(HttpHealthChecker::judgeStatusPageBody(R"({"status": {"indicator": "none"}})"));
    EXPECT_FALSE(HttpHealthChecker::judgeStatusPageBody(R"({"status": {"indicator": "minor"}})"));
    const auto major =
        HttpHealthChecker::judgeStatusPageBody(R"({"status": {"indicator": "major"}})");
    ASSERT_TRUE(major);
    EXPECT_TRUE(major->message.contains("major"));
    EXPECT_TRUE(HttpHealthChecker::judgeStatusPageBody("{}"));
}
