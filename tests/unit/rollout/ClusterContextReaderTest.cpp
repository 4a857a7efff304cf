#include "src/rollout/ClusterContextReader.h"
#include "StubKubectl.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;
using golive::test::StubKubectl;

namespace {

ClusterContext readWith(const KubectlSettings &settings)
{
    ClusterContextReader reader(settings);
    QSignalSpy read(&reader, &ClusterContextReader::contextRead);
    reader.read();
    EXPECT_TRUE(read.wait(10'000));
    EXPECT_FALSE(read.wait(100)) << "reported twice";
    return read.isEmpty() ? ClusterContext{} : read.first().first().value<ClusterContext>();
}

} // namespace

TEST(ClusterContextReader, ShowsTheProfilesContextBesideTheKubeconfigsCurrentOne)
{
    StubKubectl stub;
    stub.setEnv("STUB_KUBECTL_CONTEXTS", "stub-context prod-eu");
    stub.setEnv("STUB_KUBECTL_CURRENT_CONTEXT", "stub-context");
    stub.setEnv("STUB_KUBECTL_NAMESPACES", "stub-context=shop");
    const ClusterContext c = readWith(stub.settings());
    EXPECT_TRUE(c.error.isEmpty()) << c.error.toStdString();
    EXPECT_EQ(c.currentContext, QStringLiteral("stub-context"));
    EXPECT_EQ(c.currentNamespace, QStringLiteral("shop"));
    EXPECT_EQ(c.profileContext, QStringLiteral("stub-context"));
    EXPECT_EQ(c.profileNamespace, QStringLiteral("shop"));
    EXPECT_TRUE(c.profileContextExists);
    EXPECT_FALSE(c.contextMismatch);
    EXPECT_TRUE(c.warnings.isEmpty()) << c.warnings.join(' ').toStdString();
    EXPECT_EQ(stub.calls().first(), (QStringList{"config", "current-context"}));
    EXPECT_EQ(stub.calls().last(),
              (QStringList{"config", "view", "--minify", "--context", "stub-context", "-o",
                           "jsonpath={.contexts[0].context.namespace}"}));
}

TEST(ClusterContextReader, FlagsADifferentCurrentContextAndNamespace)
{
    StubKubectl stub;
    stub.setEnv("STUB_KUBECTL_CONTEXTS", "dev prod-eu");
    stub.setEnv("STUB_KUBECTL_CURRENT_CONTEXT", "dev");
    stub.setEnv("STUB_KUBECTL_NAMESPACES", "dev=playground prod-eu=default");
    KubectlSettings settings = stub.settings();
    settings.context = "prod-eu";
    const ClusterContext c = readWith(settings);
    EXPECT_TRUE(c.contextMismatch);
    EXPECT_TRUE(c.production);
    EXPECT_EQ(c.currentNamespace, QStringLiteral("playground"));
    EXPECT_EQ(c.profileContextNamespace, QStringLiteral("default"));
    ASSERT_EQ(c.warnings.size(), 2) << c.warnings.join(" | ").toStdString();
    EXPECT_EQ(c.warnings.at(0),
              QStringLiteral("kubectl's current context is \"dev\" but the profile uses "
                             "\"prod-eu\"; golive passes --context prod-eu on every call."));
    EXPECT_TRUE(c.warnings.at(1).contains("golive passes --namespace shop"))
        << c.warnings.at(1).toStdString();
}

TEST(ClusterContextReader, SaysWhenTheProfilesContextIsNotInTheKubeconfig)
{
    StubKubectl stub;
    KubectlSettings settings = stub.settings();
    settings.context = "prod-us";
    const ClusterContext c = readWith(settings);
    EXPECT_FALSE(c.profileContextExists);
    ASSERT_FALSE(c.warnings.isEmpty());
    EXPECT_TRUE(
        c.warnings.last().contains("The context \"prod-us\" does not exist in the kubeconfig"))
        << c.warnings.last().toStdString();
}

TEST(ClusterContextReader, CopesWithNoCurrentContext)
{
    StubKubectl stub;
    stub.setEnv("STUB_KUBECTL_CURRENT_CONTEXT", "");
    const ClusterContext c = readWith(stub.settings());
    EXPECT_TRUE(c.error.isEmpty()) << c.error.toStdString();
    EXPECT_TRUE(c.currentContext.isEmpty());
    EXPECT_FALSE(c.contextMismatch);
    EXPECT_TRUE(c.profileContextExists);
}

TEST(ClusterContextReader, PassesTheProfilesKubeconfig)
{
    StubKubectl stub;
    KubectlSettings settings = stub.settings();
    settings.kubeconfig = stub.manifestPath();
    readWith(settings);
    ASSERT_FALSE(stub.calls().isEmpty());
    EXPECT_TRUE(stub.calls().first().contains("--kubeconfig"));
}

TEST(ClusterContextReader, ReportsMissingKubectl)
{
    QTemporaryDir emptyBin;
    StubKubectl stub;
    stub.setEnv("PATH", emptyBin.path().toUtf8());
    KubectlSettings settings = stub.settings();
    settings.path.clear();
    const ClusterContext c = readWith(settings);
    EXPECT_TRUE(c.error.startsWith("kubectl not found")) << c.error.toStdString();
}

TEST(ClusterContextReader, RecognisesProductionByConfigurableMarkers)
{
    ClusterContextReader reader(KubectlSettings{});
    EXPECT_TRUE(reader.isProductionContext("gke_acme_europe-west1_PROD-1"));
    EXPECT_FALSE(reader.isProductionContext("staging-eu"));
    reader.setProductionMarkers({"live", "prd"});
    EXPECT_TRUE(reader.isProductionContext("eu-prd-1"));
    EXPECT_FALSE(reader.isProductionContext("prod-eu"));
}
