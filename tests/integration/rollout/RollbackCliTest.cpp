// `golive run rollback` as a terminal or a pipeline runs it: the real golive binary, the real
// kubectl, the fake Kubernetes API server, and the team's health endpoint on loopback.
#include "FakeKubeApi.h"
#include "GoliveProcess.h"
#include "LoopbackHttpServer.h"
#include "src/common/AtomicFile.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

class RollbackCliTest : public ::testing::Test {
protected:
    test::FakeKubeApi kube;
    test::LoopbackHttpServer health;
    QString cohereStatus = QStringLiteral("healthy");
    QTemporaryDir dataDir;
    QString profilePath;

    void SetUp() override
    {
        ASSERT_TRUE(kube.start());
        ASSERT_TRUE(health.listen());
        health.setHandler([this](const test::LoopbackRequest &) {
            return test::LoopbackResponse::json(
                200,
                QJsonObject{{"status", cohereStatus == "healthy" ? "ok" : "degraded"},
                            {"cohere", QJsonObject{{"status", cohereStatus}, {"latencyMs", 90}}},
                            {"timestamp", "2026-11-30T12:00:00.000Z"}});
        });
        const KubectlSettings k = kube.settings();
        profilePath = QDir(dataDir.path()).filePath(QStringLiteral("golive.json"));
        const QString json =
            QStringLiteral(R"({"kubectl": {"kubeconfig": "%1", "context": "%2", "namespace": "%3",
                "deployment": "app", "manifest": "%4"},
                "health": {"production": "%5", "staging": "%5"}})")
                .arg(k.kubeconfig, k.context, k.namespaceName, k.manifest,
                     health.url("/api/health").toString());
        ASSERT_TRUE((writeFileAtomically(profilePath, json.toUtf8())).ok());
    }

    test::GoliveRun rollback(const QStringList &extra)
    {
        return test::runGolive(QStringList{"--data-dir", dataDir.path(), "run", "rollback",
                                           "--profile", profilePath, "--yes"} +
                               extra);
    }
};

} // namespace

TEST_F(RollbackCliTest, ARevisionThatDoesNotExistIsRefusedAndTheDeploymentStaysExactlyAsItWas)
{
    kube.createDeployment(4, {"example/app:v1", "example/app:v2"}, /*paused=*/true);
    const QJsonObject before = kube.deployment();
    const auto result = rollback({"--revision", "99"});
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    EXPECT_TRUE(result.err.contains("Revision 99 does not exist")) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("nothing was changed")) << result.out.toStdString();
    EXPECT_TRUE(kube.mutatingRequests().isEmpty());
    const QJsonObject after = kube.deployment();
    EXPECT_EQ(after.value("spec").toObject().value("paused"), QJsonValue(true));
    EXPECT_EQ(after.value("spec").toObject().value("template"),
              before.value("spec").toObject().value("template"));
}

TEST_F(RollbackCliTest, TheConfirmationNamesTheTargetAndTheRollbackIsVerified)
{
    kube.createDeployment(4, {"example/app:v1", "example/app:v2"});
    const auto result = rollback({});
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("Roll back to revision 1: example/app:v1"))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("ok: Rolled back to revision")) << result.out.toStdString();
    EXPECT_EQ(kube.podImages(), QStringList(4, "example/app:v1"));
}

TEST_F(RollbackCliTest, ARollbackWhoseHealthCheckFailsSaysItRolledBackAndExitsWithOne)
{
    kube.createDeployment(4, {"example/app:v1", "example/app:v2"});
    cohereStatus = QStringLiteral("down");
    const auto result = rollback({});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.out.contains("unhealthy: Rolled back to revision"))
        << result.out.toStdString();
    EXPECT_EQ(kube.podImages(), QStringList(4, "example/app:v1"));
}
