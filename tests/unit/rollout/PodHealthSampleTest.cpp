// What one `kubectl get --raw .../pods/NAME:PORT/proxy/PATH` says about a pod: the seed's health
// JSON classified like the team-health probe, and kubectl's "Error from server (Reason)" told
// apart: a 403 names the pods/proxy permission, a deleted pod is gone (not down).
#include "src/rollout/PodHealthSample.h"

#include <gtest/gtest.h>

using namespace golive;
using PodStatus = PodHealthSample::Status;

namespace {

KubectlRun answered(const QString &body)
{
    KubectlRun run;
    run.outcome = KubectlOutcome::Succeeded;
    run.exitCode = 0;
    run.startedAtMs = 10;
    run.durationMs = 42;
    run.stdoutText = body;
    return run;
}

KubectlRun failed(const QString &stderrText, KubectlOutcome outcome = KubectlOutcome::Failed)
{
    KubectlRun run;
    run.outcome = outcome;
    run.exitCode = 1;
    run.startedAtMs = 10;
    run.durationMs = 30;
    run.stderrText = stderrText;
    run.message = QStringLiteral("kubectl exited with code 1");
    return run;
}

PodHealthSample classify(const KubectlRun &run)
{
    return PodHealthSample::fromRun(run, QStringLiteral("app-7c9-x2"), PodVersion::Canary,
                                    QStringLiteral("shop"), 1000);
}

} // namespace

TEST(PodHealthSampleTest, TheSeedsHealthyAnswerIsHealthyWithTheRoundTripAsLatency)
{
    const auto s = classify(answered(QStringLiteral(
        R"({"status":"ok","cohere":{"status":"healthy","latencyMs":120},"timestamp":"2026-11-30T12:00:00.000Z"})")));
    EXPECT_EQ(s.status, PodStatus::Healthy);
    EXPECT_EQ(s.httpStatus, 200);
    EXPECT_EQ(s.latencyMs, 42);
    EXPECT_TRUE(s.error.isEmpty());
    EXPECT_TRUE(s.isAnswer());
    EXPECT_FALSE(s.isFailure());
}

TEST(PodHealthSampleTest, ABodySayingCohereIsDegradedOrDownCountsAsAFailure)
{
    const auto degraded = classify(answered(QStringLiteral(
        R"({"status":"degraded","cohere":{"status":"degraded","latencyMs":9},"timestamp":"2026-11-30T12:00:00.000Z"})")));
    EXPECT_EQ(degraded.status, PodStatus::Degraded);
    EXPECT_EQ(degraded.failure, FailureKind::ReportedDegraded);
    EXPECT_TRUE(degraded.isFailure());
    const auto down = classify(answered(QStringLiteral(
        R"({"status":"degraded","cohere":{"status":"down","latencyMs":9},"timestamp":"2026-11-30T12:00:00.000Z"})")));
    EXPECT_EQ(down.status, PodStatus::Down);
    EXPECT_EQ(down.error, QStringLiteral("the pod reports status degraded, Cohere down"));
}

TEST(PodHealthSampleTest, AnUnreadableBodyIsDownAndQuoted)
{
    const auto s = classify(answered(QStringLiteral("<html>nginx</html>")));
    EXPECT_EQ(s.status, PodStatus::Down);
    EXPECT_EQ(s.failure, FailureKind::BadBody);
    EXPECT_TRUE(s.error.startsWith(QStringLiteral("unexpected response: <html>nginx</html>")));
}

TEST(PodHealthSampleTest, A503FromTheProxyIsDownNotAnUnreachableCluster)
{
    const auto s = classify(failed(
        QStringLiteral("Error from server (ServiceUnavailable): error trying to reach service: "
                       "dial tcp 10.0.0.5:8080: connect: connection refused\n"),
        KubectlOutcome::Unreachable));
    EXPECT_EQ(s.status, PodStatus::Down);
    EXPECT_EQ(s.httpStatus, 503);
    EXPECT_EQ(s.failure, FailureKind::Server5xx);
    EXPECT_TRUE(s.error.startsWith(QStringLiteral("HTTP 503 through the pod proxy: Error from "
                                                  "server (ServiceUnavailable)")));
}

TEST(PodHealthSampleTest, A403NamesThePodsProxyPermission)
{
    const auto s = classify(failed(QStringLiteral(
        "Error from server (Forbidden): pods \"app-7c9-x2\" is forbidden: User \"tester\" cannot "
        "get resource \"pods/proxy\" in API group \"\" in the namespace \"shop\"\n")));
    EXPECT_EQ(s.status, PodStatus::Forbidden);
    EXPECT_EQ(s.httpStatus, 403);
    EXPECT_FALSE(s.isAnswer());
    EXPECT_TRUE(s.error.startsWith(QStringLiteral(
        "the profile's user may not get pods/proxy in namespace shop (RBAC: grant get on "
        "pods/proxy)")));
}

TEST(PodHealthSampleTest, APodDeletedBetweenListAndProbeIsGone)
{
    const auto gone = classify(
        failed(QStringLiteral("Error from server (NotFound): pods \"app-7c9-x2\" not found\n")));
    EXPECT_EQ(gone.status, PodStatus::Gone);
    EXPECT_FALSE(gone.isAnswer());
    // A 404 from the app's own path is the pod answering, not the pod missing.
    const auto wrongPath = classify(failed(QStringLiteral(
        "Error from server (NotFound): the server could not find the requested resource\n")));
    EXPECT_EQ(wrongPath.status, PodStatus::Down);
    EXPECT_EQ(wrongPath.httpStatus, 404);
}

TEST(PodHealthSampleTest, KubectlThatCouldNotAskTellsNothingAboutThePod)
{
    const auto s = classify(failed(QStringLiteral("Unable to connect to the server: dial tcp "
                                                  "127.0.0.1:1: connect: connection refused\n"),
                                   KubectlOutcome::Unreachable));
    EXPECT_EQ(s.status, PodStatus::Error);
    EXPECT_FALSE(s.isAnswer());
}

TEST(PodHealthSampleTest, NamesAreCheckedBeforeTheyGoIntoTheProxyPath)
{
    const PodHealthEndpoint endpoint{8080, QStringLiteral("/api/health")};
    EXPECT_EQ(PodHealthSample::proxyPath(QStringLiteral("shop"), QStringLiteral("app-7c9-x2"),
                                         endpoint)
                  .value(),
              QStringLiteral("/api/v1/namespaces/shop/pods/app-7c9-x2:8080/proxy/api/health"));
    for (const char *bad : {"../secrets", "app/../../x", "App", "a b", "-x", ""})
        EXPECT_FALSE(PodHealthSample::proxyPath(QStringLiteral("shop"), QString::fromLatin1(bad),
                                                endpoint)
                         .ok())
            << bad;
    EXPECT_FALSE(PodHealthSample::proxyPath(QStringLiteral("shop"), QStringLiteral("app-1"),
                                            {8080, QStringLiteral("/a/../b")})
                     .ok());
    EXPECT_FALSE(PodHealthSample::proxyPath(QStringLiteral("shop"), QStringLiteral("app-1"),
                                            {8080, QStringLiteral("/health?x=1")})
                     .ok());
}
