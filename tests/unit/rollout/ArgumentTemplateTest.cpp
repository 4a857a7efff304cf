#include "src/rollout/ArgumentTemplate.h"
#include "StubKubectl.h"
#include "src/rollout/RunbookLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;
using golive::test::StubKubectl;

namespace {

const QStringList kProfileFlags = {"--context", "stub-context", "--namespace", "shop"};

// The kubectl argument lists of one default step, as kubectl would receive them.
QList<QStringList> defaultStepArgv(const KubectlSettings &settings, const QString &stepId,
                                   const QString &revision = {})
{
    const auto book = RunbookLoader::bundledDefault();
    EXPECT_TRUE(book.ok()) << book.error().message.toStdString();
    const RunbookStep *step = book.value().step(stepId);
    EXPECT_NE(step, nullptr) << stepId.toStdString();
    QList<QStringList> out;
    const ArgumentTemplate expander(settings, {revision, step->timeoutSeconds});
    for (const RunbookAction &action : step->actions) {
        if (action.kind != RunbookAction::Kind::Kubectl)
            continue;
        const auto argv = expander.argv(action.args);
        EXPECT_TRUE(argv.ok()) << argv.error().message.toStdString();
        out << argv.value();
    }
    return out;
}

QString errorOf(const Result<QStringList> &r)
{
    return r.ok() ? QString() : r.error().message;
}

} // namespace

TEST(DefaultRunbookArgv, DeployCanaryAppliesTheResolvedManifestThenPauses)
{
    StubKubectl stub;
    const QString manifest = QFileInfo(stub.manifestPath()).canonicalFilePath();
    EXPECT_EQ(
        defaultStepArgv(stub.settings(), "deploy-canary"),
        (QList<QStringList>{QStringList{"apply", "-f", manifest} + kProfileFlags,
                            QStringList{"rollout", "pause", "deployment/app"} + kProfileFlags}));
}

TEST(DefaultRunbookArgv, PauseStatusAndHistory)
{
    StubKubectl stub;
    EXPECT_EQ(
        defaultStepArgv(stub.settings(), "pause"),
        (QList<QStringList>{QStringList{"rollout", "pause", "deployment/app"} + kProfileFlags}));
    EXPECT_EQ(
        defaultStepArgv(stub.settings(), "status"),
        (QList<QStringList>{QStringList{"rollout", "status", "deployment/app", "--watch=false"} +
                            kProfileFlags}));
    EXPECT_EQ(
        defaultStepArgv(stub.settings(), "history"),
        (QList<QStringList>{QStringList{"rollout", "history", "deployment/app"} + kProfileFlags}));
}

TEST(DefaultRunbookArgv, PromoteResumesThenWaitsWithKubectlsTimeoutInsideTheStepBound)
{
    StubKubectl stub;
    // promote allows 600 s; kubectl's own --timeout is 5 s shorter so its message arrives first.
    EXPECT_EQ(
        defaultStepArgv(stub.settings(), "promote"),
        (QList<QStringList>{QStringList{"rollout", "resume", "deployment/app"} + kProfileFlags,
                            QStringList{"rollout", "status", "deployment/app", "--timeout=595s"} +
                                kProfileFlags}));
}

TEST(DefaultRunbookArgv, RollbackPausesBeforeItsTemplateIsRestoredAndResumesAfter)
{
    StubKubectl stub;
    // The template is put back (restore-template, no argv of its own here) between a pause and
    // a resume, so the version being rolled back never advances; both are merge patches, so
    // they succeed whatever the deployment's state.
    const QStringList pause = QStringList{"patch", "deployment/app", "--type=merge", "-p",
                                          R"({"spec":{"paused":true}})"} +
                              kProfileFlags;
    const QStringList resume = QStringList{"patch", "deployment/app", "--type=merge", "-p",
                                           R"({"spec":{"paused":false}})"} +
                               kProfileFlags;
    const QStringList status =
        QStringList{"rollout", "status", "deployment/app", "--timeout=295s"} + kProfileFlags;
    EXPECT_EQ(defaultStepArgv(stub.settings(), "rollback"),
              (QList<QStringList>{pause, resume, status}));
}

TEST(DefaultRunbookArgv, ReadOnlyChecksRunNoKubectl)
{
    StubKubectl stub;
    EXPECT_TRUE(defaultStepArgv(stub.settings(), "preflight").isEmpty());
    EXPECT_TRUE(defaultStepArgv(stub.settings(), "watch-canary").isEmpty());
}

TEST(ArgumentTemplate, AppendsTheKubeconfigWhenTheProfileNamesOne)
{
    StubKubectl stub;
    KubectlSettings settings = stub.settings();
    settings.kubeconfig = stub.manifestPath(); // any existing file will do
    const auto argv =
        ArgumentTemplate(settings).argv({"rollout", "history", "deployment/${deployment}"});
    ASSERT_TRUE(argv.ok()) << errorOf(argv).toStdString();
    EXPECT_EQ(argv.value(), (QStringList{"rollout", "history", "deployment/app", "--context",
                                         "stub-context", "--namespace", "shop", "--kubeconfig",
                                         QFileInfo(stub.manifestPath()).canonicalFilePath()}));
}

TEST(ArgumentTemplate, SubstitutesInsideAnArgumentAndNeverSplitsIt)
{
    StubKubectl stub;
    const auto argv = ArgumentTemplate(stub.settings())
                          .argv({"get", "deployment/${deployment}", "--selector=ns=${namespace}",
                                 "-o", "jsonpath={.spec}"});
    ASSERT_TRUE(argv.ok()) << errorOf(argv).toStdString();
    EXPECT_EQ(argv.value().mid(0, 5), (QStringList{"get", "deployment/app", "--selector=ns=shop",
                                                   "-o", "jsonpath={.spec}"}));
}

TEST(ArgumentTemplate, NeverExpandsAPlaceholderThatArrivesInsideAValue)
{
    StubKubectl stub;
    KubectlSettings settings = stub.settings();
    settings.context = QStringLiteral("ctx-${manifest}");
    const auto argv = ArgumentTemplate(settings).argv({"config", "view", "--minify=${context}"});
    ASSERT_TRUE(argv.ok()) << errorOf(argv).toStdString();
    EXPECT_EQ(argv.value().at(2), QStringLiteral("--minify=ctx-${manifest}"));
}

TEST(ArgumentTemplate, RefusesAnUnknownPlaceholderByName)
{
    StubKubectl stub;
    const auto argv =
        ArgumentTemplate(stub.settings()).argv({"rollout", "undo", "deployment/${app}"});
    ASSERT_FALSE(argv.ok());
    EXPECT_TRUE(argv.error().message.contains("${app}")) << argv.error().message.toStdString();
    EXPECT_FALSE(ArgumentTemplate::placeholdersIn("deployment/${deployment").ok());
}

struct UnsafeValue {
    const char *label;
    void (*apply)(KubectlSettings &);
    const char *expectedInMessage;
};

void PrintTo(const UnsafeValue &v, std::ostream *os)
{
    *os << v.label;
}

class UnsafeSettings : public ::testing::TestWithParam<UnsafeValue> {};

TEST_P(UnsafeSettings, AreRefusedWithAMessageNamingTheSetting)
{
    StubKubectl stub;
    KubectlSettings settings = stub.settings();
    GetParam().apply(settings);
    const auto argv =
        ArgumentTemplate(settings).argv({"apply", "-f", "${manifest}", "deployment/${deployment}"});
    ASSERT_FALSE(argv.ok()) << argv.value().join(' ').toStdString();
    EXPECT_EQ(argv.error().kind, QStringLiteral("unsafe-value"));
    EXPECT_TRUE(argv.error().message.contains(GetParam().expectedInMessage))
        << argv.error().message.toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    ArgumentTemplate, UnsafeSettings,
    ::testing::Values(
        UnsafeValue{"DeploymentWithSpace", [](KubectlSettings &s) { s.deployment = "my app"; },
                    "kubectl.deployment \"my app\" is not a valid Kubernetes name"},
        UnsafeValue{"DeploymentSmugglingAFlag",
                    [](KubectlSettings &s) { s.deployment = "--kubeconfig=/evil"; },
                    "kubectl.deployment \"--kubeconfig=/evil\" is not a valid"},
        UnsafeValue{"DeploymentWithPath", [](KubectlSettings &s) { s.deployment = "../app"; },
                    "kubectl.deployment \"../app\""},
        UnsafeValue{"DeploymentUppercase", [](KubectlSettings &s) { s.deployment = "App"; },
                    "kubectl.deployment \"App\""},
        UnsafeValue{"Deployment64Chars",
                    [](KubectlSettings &s) { s.deployment = QString(64, 'a'); },
                    "is 64 characters long"},
        UnsafeValue{"DeploymentEmpty", [](KubectlSettings &s) { s.deployment.clear(); },
                    "kubectl.deployment is empty"},
        UnsafeValue{"NamespaceSmugglingAFlag",
                    [](KubectlSettings &s) { s.namespaceName = "--kubeconfig=/evil"; },
                    "kubectl.namespace \"--kubeconfig=/evil\""},
        UnsafeValue{"NamespaceWithSpace", [](KubectlSettings &s) { s.namespaceName = "my shop"; },
                    "kubectl.namespace \"my shop\""},
        UnsafeValue{"Namespace64Chars",
                    [](KubectlSettings &s) { s.namespaceName = QString(64, 'n'); },
                    "is 64 characters long"},
        UnsafeValue{"ContextSmugglingAFlag",
                    [](KubectlSettings &s) { s.context = "--kubeconfig=/evil"; },
                    "starts with '-'"},
        UnsafeValue{"ContextWithSpace", [](KubectlSettings &s) { s.context = "prod eu"; },
                    "contains whitespace or a control character"},
        UnsafeValue{"ContextWithControlChar", [](KubectlSettings &s) { s.context = "prod\x1b[2J"; },
                    "kubectl.context \"prod\\u001b[2J\""},
        UnsafeValue{"ContextEmpty", [](KubectlSettings &s) { s.context.clear(); },
                    "kubectl.context is empty"},
        UnsafeValue{"ManifestMissing",
                    [](KubectlSettings &s) { s.manifest = "/nonexistent/app.yaml"; },
                    "kubectl.manifest \"/nonexistent/app.yaml\" does not exist"},
        UnsafeValue{"ManifestIsAFolder", [](KubectlSettings &s) { s.manifest = QDir::tempPath(); },
                    "is not a regular file"},
        UnsafeValue{"ManifestLooksLikeAFlag", [](KubectlSettings &s) { s.manifest = "-k"; },
                    "kubectl.manifest \"-k\" starts with '-'"},
        UnsafeValue{"KubeconfigMissing",
                    [](KubectlSettings &s) { s.kubeconfig = "/nonexistent/kubeconfig"; },
                    "kubectl.kubeconfig \"/nonexistent/kubeconfig\" does not exist"}),
    [](const ::testing::TestParamInfo<UnsafeValue> &info) {
        return std::string(info.param.label);
    });

TEST(ArgumentTemplate, RefusesARevisionThatIsNotAPositiveWholeNumber)
{
    StubKubectl stub;
    for (const QString bad : {"0", "-1", "abc", "2; rm -rf /", "1.5", "99999999999"}) {
        const auto argv = ArgumentTemplate(stub.settings(), {bad, 0})
                              .argv({"rollout", "undo", "--to-revision=${revision}"});
        ASSERT_FALSE(argv.ok()) << bad.toStdString();
        EXPECT_TRUE(argv.error().message.contains("is not a positive whole number"))
            << argv.error().message.toStdString();
    }
}

TEST(ArgumentTemplate, OnlyChecksTheValuesAStepUses)
{
    StubKubectl stub;
    KubectlSettings settings = stub.settings();
    settings.manifest = QStringLiteral("/nonexistent/app.yaml");
    // history never reads the manifest, so a missing one must not block it.
    EXPECT_TRUE(
        ArgumentTemplate(settings).argv({"rollout", "history", "deployment/${deployment}"}).ok());
}
