#include "src/rollout/DeploymentReadback.h"
#include "src/rollout/StepRun.h"

#include <gtest/gtest.h>

using namespace golive;

namespace {

const QByteArray kDeployment = R"({
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "app", "annotations": {"deployment.kubernetes.io/revision": "12"}},
  "spec": {"replicas": 4, "paused": true, "template": {"spec": {"containers": [
      {"name": "app", "image": "registry.example/app:2.3.0"},
      {"name": "proxy", "image": "registry.example/proxy:1.1"}]}}},
  "status": {"replicas": 4, "readyReplicas": 3}
})";

DeploymentReadback state(const QString &revision, const QString &image, bool paused)
{
    DeploymentReadback r;
    r.revision = revision;
    r.images = {image};
    r.paused = paused;
    return r;
}

} // namespace

TEST(DeploymentReadback, ReadsRevisionImagesPausedAndReplicas)
{
    const auto r = DeploymentReadback::fromJson(kDeployment);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value().revision, QStringLiteral("12"));
    EXPECT_EQ(r.value().images,
              (QStringList{"registry.example/app:2.3.0", "registry.example/proxy:1.1"}));
    EXPECT_TRUE(r.value().paused);
    EXPECT_EQ(r.value().readyReplicas, 3);
    EXPECT_EQ(r.value().replicas, 4);
    EXPECT_EQ(r.value().summary(), QStringLiteral("revision 12, image registry.example/app:2.3.0, "
                                                  "registry.example/proxy:1.1, paused, 3/4 ready"));
}

TEST(DeploymentReadback, RefusesSomethingThatIsNotADeployment)
{
    EXPECT_FALSE(DeploymentReadback::fromJson("not json").ok());
    const auto pod = DeploymentReadback::fromJson(R"({"kind": "Pod"})");
    ASSERT_FALSE(pod.ok());
    EXPECT_TRUE(pod.error().message.contains("\"Pod\"")) << pod.error().message.toStdString();
}

TEST(StepExpectation, PausedMustMatch)
{
    StepExpectation expect;
    expect.paused = true;
    EXPECT_TRUE((StepRun::checkExpectation(expect, std::nullopt, state("3", "a", true))).ok());
    const Status failed = StepRun::checkExpectation(expect, std::nullopt, state("3", "a", false));
    ASSERT_TRUE((failed).failed());
    EXPECT_EQ(failed->message,
              QStringLiteral("The deployment is not paused after the step; it should be paused."));
}

TEST(StepExpectation, ChangeIsJudgedAgainstTheStateBefore)
{
    StepExpectation expect;
    expect.change = StepExpectation::Change::RevisionOrImage;
    EXPECT_TRUE(
        (StepRun::checkExpectation(expect, state("3", "a", false), state("4", "a", false))).ok());
    EXPECT_TRUE(
        (StepRun::checkExpectation(expect, state("3", "a", false), state("3", "b", false))).ok());
    EXPECT_TRUE((StepRun::checkExpectation(expect, state("3", "a", false), state("3", "a", false)))
                    .failed());

    expect.change = StepExpectation::Change::Image;
    EXPECT_TRUE((StepRun::checkExpectation(expect, state("3", "a", false), state("4", "a", false)))
                    .failed());
}

TEST(StepExpectation, AnUnverifiableChangeIsNotASuccess)
{
    StepExpectation expect;
    expect.change = StepExpectation::Change::Revision;
    const Status noBefore = StepRun::checkExpectation(expect, std::nullopt, state("4", "a", false));
    ASSERT_TRUE((noBefore).failed());
    EXPECT_TRUE(noBefore->message.contains("unverified")) << noBefore->message.toStdString();
    EXPECT_TRUE((StepRun::checkExpectation(expect, state("3", "a", false), std::nullopt)).failed());
}
