#include "GoliveProcess.h"
#include "LoopbackHttpServer.h"
#include "StubKubectl.h"
#include "TestEnvironment.h"
#include "src/common/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;

namespace {

const QStringList kFlags = {"--context", "stub-context", "--namespace", "shop"};

using test::GoliveRun;

// `golive run ...` against the stub kubectl, named by the profile's kubectl.path.
class RunCommandTest : public ::testing::Test {
protected:
    test::StubKubectl stub;
    test::LoopbackHttpServer health; // the team's production /api/health
    QString healthStatus = QStringLiteral("healthy");
    QTemporaryDir dataDir;
    QString profilePath;

    void SetUp() override
    {
        ASSERT_TRUE(health.listen());
        health.setHandler([this](const test::LoopbackRequest &request) {
            if (request.path == QLatin1String("/status.json"))
                return test::LoopbackResponse::json(
                    200, QJsonObject{{"status", QJsonObject{{"indicator", "none"}}}});
            // The seed's /api/health answer.
            return test::LoopbackResponse::json(
                200, QJsonObject{
                         {"status", healthStatus == QLatin1String("healthy") ? "ok" : "degraded"},
                         {"cohere", QJsonObject{{"status", healthStatus}, {"latencyMs", 120}}},
                         {"timestamp", "2026-11-24T12:00:00.000Z"}});
        });
        profilePath = QDir(dataDir.path()).filePath(QStringLiteral("golive.json"));
        const QString json =
            QStringLiteral(R"({"kubectl": {"path": "%1", "context": "stub-context",
                "namespace": "shop", "deployment": "app", "manifest": "%2"},
                "health": {"production": "%3", "staging": "%3"},
                "status_page": {"url": "%4"}})")
                .arg(stub.kubectlPath(), stub.manifestPath(), health.url("/api/health").toString(),
                     health.url("/status.json").toString());
        ASSERT_TRUE((writeFileAtomically(profilePath, json.toUtf8())).ok());
    }

    GoliveRun run(const QStringList &arguments, const QByteArray &stdinText = {})
    {
        test::GoliveRunOptions options;
        options.input = stdinText;
        return test::runGolive(QStringList{"--data-dir", dataDir.path(), "run"} + arguments,
                               options);
    }
};

} // namespace

TEST_F(RunCommandTest, StatusRunsKubectlAndStreamsItsOutput)
{
    const auto result = run({"status", "--profile", profilePath, "--yes"});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("successfully rolled out")) << result.out.toStdString();
    EXPECT_EQ(stub.calls(),
              (QList<QStringList>{
                  QStringList{"rollout", "status", "deployment/app", "--watch=false"} + kFlags}));
}

TEST_F(RunCommandTest, AMutatingStepWithoutYesIsRefusedWhenNoTerminalCanConfirm)
{
    const auto result = run({"pause", "--profile", profilePath}, "yes\n");
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains("not a terminal")) << result.err.toStdString();
    EXPECT_TRUE(stub.calls().isEmpty());
}

TEST_F(RunCommandTest, AnOpenGateRefusesDeployUnlessAReasonIsGiven)
{
    const auto refused = run({"deploy-canary", "--profile", profilePath, "--yes"});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.out.contains("prereq-staging-verified")) << refused.out.toStdString();
    EXPECT_TRUE(stub.calls().isEmpty());
    const auto overridden = run({"deploy-canary", "--profile", profilePath, "--yes",
                                 "--override-reason", "CTO signed off in the meeting"});
    EXPECT_TRUE(overridden.out.contains("overridden")) << overridden.out.toStdString();
    EXPECT_TRUE(stub.calls().contains(QStringList{"apply", "-f", stub.manifestPath()} + kFlags));
}

TEST_F(RunCommandTest, AnUnknownStepIsAUsageErrorListingTheValidOnes)
{
    const auto result = run({"deploy", "--profile", profilePath, "--yes"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(
        result.err.contains("preflight, deploy-canary, pause, watch-canary, promote, rollback, "
                            "status, history"))
        << result.err.toStdString();
}

TEST_F(RunCommandTest, ABrokenProfileIsAUsageError)
{
    ASSERT_TRUE((writeFileAtomically(profilePath, "{\"kubectl\": 3}")).ok());
    const auto result = run({"status", "--profile", profilePath});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("kubectl")) << result.err.toStdString();
}

// The profile's `runbook` names a team's own runbook, which replaces the bundled one.
TEST_F(RunCommandTest, ATeamsOwnRunbookFromTheProfileIsTheOneThatRuns)
{
    QFile bundledFile(QStringLiteral(":/golive/runbooks/default.json"));
    ASSERT_TRUE(bundledFile.open(QIODevice::ReadOnly));
    QByteArray teamRunbook = bundledFile.readAll();
    // The team's status step asks for the rollout history instead.
    teamRunbook.replace(R"("rollout", "status", "deployment/${deployment}", "--watch=false")",
                        R"("rollout", "history", "deployment/${deployment}")");
    const QString runbookPath = QDir(dataDir.path()).filePath(QStringLiteral("team-runbook.json"));
    ASSERT_TRUE((writeFileAtomically(runbookPath, teamRunbook)).ok());
    QByteArray profile = readFileCapped(profilePath, 1 << 20).value();
    profile.replace("\"kubectl\":",
                    QStringLiteral("\"runbook\": \"%1\", \"kubectl\":").arg(runbookPath).toUtf8());
    ASSERT_TRUE((writeFileAtomically(profilePath, profile)).ok());

    const auto result = run({"status", "--profile", profilePath, "--yes"});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(
        stub.calls().contains(QStringList{"rollout", "history", "deployment/app"} + kFlags));
}

TEST_F(RunCommandTest, ABrokenTeamRunbookIsAUsageErrorNamingIt)
{
    const QString runbookPath = QDir(dataDir.path()).filePath(QStringLiteral("team-runbook.json"));
    ASSERT_TRUE((writeFileAtomically(runbookPath, "{\"steps\": 42}")).ok());
    QByteArray profile = readFileCapped(profilePath, 1 << 20).value();
    profile.replace("\"kubectl\":",
                    QStringLiteral("\"runbook\": \"%1\", \"kubectl\":").arg(runbookPath).toUtf8());
    ASSERT_TRUE((writeFileAtomically(profilePath, profile)).ok());

    const auto result = run({"status", "--profile", profilePath, "--yes"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(runbookPath)) << result.err.toStdString();
    EXPECT_TRUE(stub.calls().isEmpty());
}

// A console killed with SIGKILL gets no chance to stop kubectl: the kernel does it for it.
TEST_F(RunCommandTest, KubectlDiesWithAKilledGolive)
{
    const QString pidFile = QDir(dataDir.path()).filePath(QStringLiteral("kubectl.pid"));
    QFile script(stub.kubectlPath());
    ASSERT_TRUE(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
    script.write(QStringLiteral("#!/bin/sh\ntrap '' TERM INT\necho $$ > '%1'\n"
                                "while :; do sleep 1; done\n")
                     .arg(pidFile)
                     .toUtf8());
    script.close();

    QProcess golive;
    golive.start(
        test::builtBinary(QStringLiteral("app/golive")),
        {"--data-dir", dataDir.path(), "run", "status", "--profile", profilePath, "--yes"});
    ASSERT_TRUE(golive.waitForStarted());
    qint64 kubectlPid = 0;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            QFile f(pidFile);
            if (f.open(QIODevice::ReadOnly))
                kubectlPid = f.readAll().trimmed().toLongLong();
            return kubectlPid > 0;
        },
        10'000));
    const QString proc = QStringLiteral("/proc/%1").arg(kubectlPid);
    ASSERT_TRUE(QFile::exists(proc));
    golive.kill();
    ASSERT_TRUE(golive.waitForFinished());
    EXPECT_TRUE(QTest::qWaitFor([&] { return !QFile::exists(proc); }, 2'000))
        << "kubectl (pid " << kubectlPid << ") outlived golive";
}
