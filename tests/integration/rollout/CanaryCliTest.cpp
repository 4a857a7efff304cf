// `golive canary` as a pipeline or a terminal runs it: the real golive binary, the real kubectl,
// and the loopback fake Kubernetes API server with its pod proxy and per-image faults.
#include "FakeKubeApi.h"
#include "GoliveProcess.h"
#include "src/common/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr int kWaitMs = 30'000;
const QString kV1 = QStringLiteral("example/app:v1");
const QString kV2 = QStringLiteral("example/app:v2");
const QString kV3 = QStringLiteral("example/app:v3");

QJsonArray reasonsOf(const QJsonObject &json)
{
    return json.value("verdict").toObject().value("reasons").toArray();
}

QJsonObject reason(const QJsonObject &json, const QString &id)
{
    for (const QJsonValue &r : reasonsOf(json)) {
        if (r.toObject().value("id").toString() == id)
            return r.toObject();
    }
    return {};
}

class CanaryCliTest : public ::testing::Test {
protected:
    test::FakeKubeApi kube;
    QTemporaryDir dataDir;
    QString profilePath;

    void SetUp() override
    {
        ASSERT_TRUE(kube.start());
        kube.writeManifest(kV3);
        writeProfile(QStringLiteral(R"("pod_health": {"port": 8080, "path": "/api/health"},
                                       "health_latency_factor": 50)"));
    }

    void writeProfile(const QString &canarySection)
    {
        const KubectlSettings k = kube.settings();
        profilePath = QDir(dataDir.path()).filePath(QStringLiteral("golive.json"));
        const QString json =
            QStringLiteral(R"({"kubectl": {"kubeconfig": "%1", "context": "%2", "namespace": "%3",
                "deployment": "app", "manifest": "%4"}, "canary": {%5}})")
                .arg(k.kubeconfig, k.context, k.namespaceName, k.manifest, canarySection);
        ASSERT_TRUE((writeFileAtomically(profilePath, json.toUtf8())).ok());
    }

    test::GoliveRun canary(const QStringList &extra = {"--json"})
    {
        return test::runGolive(QStringList{"--data-dir", dataDir.path(), "canary", "--profile",
                                           profilePath, "--rounds", "3", "--interval-s", "0"} +
                               extra);
    }

    void kubectl(const QStringList &args)
    {
        QProcess process;
        process.start(QStringLiteral("kubectl"),
                      args + QStringList{"--kubeconfig", kube.kubeconfigPath(), "--context",
                                         "prod-eu-1", "--namespace", "shop"});
        ASSERT_TRUE(process.waitForFinished(kWaitMs));
        ASSERT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    }

    // Four pods on v2, then v3 applied: the controller moves `newPods` pods before the pause.
    void makeCanary(int newPods = 1)
    {
        kube.createDeployment(4, {kV1, kV2});
        kube.freezeController();
        kubectl({"apply", "-f", kube.settings().manifest});
        kube.stepController(newPods);
        kubectl({"rollout", "pause", "deployment/app"});
        kube.stepController();
        ASSERT_EQ(kube.podImages().count(kV3), newPods) << kube.podImages().join(' ').toStdString();
    }

    QStringList podsOf(const QJsonObject &json, const char *side)
    {
        QStringList names;
        for (const QJsonValue &pod : json.value(side).toObject().value("pods").toArray())
            names << pod.toObject().value("name").toString();
        return names;
    }
};

// Every key of the documented contract, with its type.
void expectContract(const QJsonObject &json, bool withHealth)
{
    for (const char *key : {"deployment", "context", "namespace"})
        EXPECT_TRUE(json.value(key).isString()) << key;
    EXPECT_TRUE(json.value("paused").isBool());
    for (const char *side : {"canary", "stable"}) {
        const QJsonObject rs = json.value(side).toObject();
        ASSERT_TRUE(json.value(side).isObject()) << side;
        for (const char *key : {"revision", "desired", "ready", "restarts"})
            EXPECT_TRUE(rs.value(key).isDouble()) << side << "." << key;
        for (const char *key : {"image", "pod_template_hash"})
            EXPECT_TRUE(rs.value(key).isString()) << side << "." << key;
        ASSERT_TRUE(rs.value("pods").isArray());
        for (const QJsonValue &p : rs.value("pods").toArray()) {
            const QJsonObject pod = p.toObject();
            EXPECT_TRUE(pod.value("name").isString());
            EXPECT_TRUE(pod.value("ready").isBool());
            EXPECT_TRUE(pod.value("restarts").isDouble());
            EXPECT_TRUE(pod.value("reason").isString() || pod.value("reason").isNull());
            if (!withHealth) {
                EXPECT_TRUE(pod.value("health").isNull());
                continue;
            }
            const QJsonObject health = pod.value("health").toObject();
            ASSERT_TRUE(pod.value("health").isObject());
            EXPECT_TRUE(health.value("status").isString());
            EXPECT_TRUE(health.value("http_status").isDouble() ||
                        health.value("http_status").isNull());
            EXPECT_TRUE(health.value("latency_ms").isDouble() ||
                        health.value("latency_ms").isNull());
            EXPECT_TRUE(health.value("error").isString() || health.value("error").isNull());
            EXPECT_EQ(health.keys(),
                      QStringList({"error", "http_status", "latency_ms", "status"}));
            EXPECT_EQ(pod.keys(), QStringList({"health", "name", "ready", "reason", "restarts"}));
        }
        // Without prometheus.url there is no real traffic to show: `traffic` is null.
        EXPECT_TRUE(rs.value("traffic").isNull()) << side;
        EXPECT_EQ(rs.keys(), QStringList({"desired", "image", "pod_template_hash", "pods",
                                          "ready", "restarts", "revision", "traffic"}));
    }
    const QJsonObject verdict = json.value("verdict").toObject();
    EXPECT_TRUE(QStringList({"healthy", "unhealthy", "insufficient-data", "no-canary"})
                    .contains(verdict.value("overall").toString()));
    EXPECT_TRUE(QStringList({"promote", "wait", "roll-back"})
                    .contains(verdict.value("recommendation").toString()));
    for (const QJsonValue &r : verdict.value("reasons").toArray()) {
        EXPECT_TRUE(r.toObject().value("id").isString());
        EXPECT_TRUE(QStringList({"pass", "fail", "no-data"})
                        .contains(r.toObject().value("mark").toString()));
        EXPECT_FALSE(r.toObject().value("text").toString().isEmpty());
    }
    EXPECT_EQ(json.keys(), QStringList({"canary", "context", "deployment", "namespace", "paused",
                                        "stable", "verdict"}));
}

} // namespace

TEST_F(CanaryCliTest, WithNoRolloutInProgressThereIsNoCanaryAndTheCommandSaysSo)
{
    kube.createDeployment(4, {kV1, kV2});
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString() << result.err.toStdString();
    const QJsonObject json = result.json();
    EXPECT_TRUE(json.value("canary").isNull());
    EXPECT_TRUE(json.value("stable").isNull());
    EXPECT_EQ(json.value("deployment").toString(), "app");
    EXPECT_EQ(json.value("context").toString(), "prod-eu-1");
    EXPECT_EQ(json.value("namespace").toString(), "shop");
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "no-canary");
    EXPECT_EQ(json.value("verdict").toObject().value("recommendation").toString(), "wait");
    EXPECT_TRUE(reason(json, "no-canary").value("text").toString().contains(
        "no canary: all 4 pods run revision 2"))
        << result.out.toStdString();
}

TEST_F(CanaryCliTest, APausedCanaryWithOneHealthyPodIsComparedWithStableAndPromoted)
{
    makeCanary(1);
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    const QJsonObject json = result.json();
    expectContract(json, true);
    EXPECT_TRUE(json.value("paused").toBool());
    const QJsonObject c = json.value("canary").toObject();
    const QJsonObject s = json.value("stable").toObject();
    EXPECT_EQ(c.value("revision").toInt(), 3);
    EXPECT_EQ(c.value("image").toString(), kV3);
    EXPECT_EQ(c.value("pods").toArray().size(), 1);
    EXPECT_EQ(s.value("revision").toInt(), 2);
    EXPECT_EQ(s.value("image").toString(), kV2);
    EXPECT_EQ(s.value("pods").toArray().size(), 3);
    const QJsonObject health =
        c.value("pods").toArray().first().toObject().value("health").toObject();
    EXPECT_EQ(health.value("status").toString(), "healthy");
    EXPECT_EQ(health.value("http_status").toInt(), 200);
    EXPECT_TRUE(health.value("error").isNull());
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "healthy");
    EXPECT_EQ(json.value("verdict").toObject().value("recommendation").toString(), "promote");
    EXPECT_TRUE(reason(json, "canary-health-failures").value("text").toString().contains(
        "canary health failures 0/3 (0.0 %) vs stable 0/9 (0.0 %)"))
        << result.out.toStdString();
}

TEST_F(CanaryCliTest, WithoutPodHealthConfiguredHealthIsNullAndTheVerdictIsNeverAPass)
{
    writeProfile(QString());
    makeCanary(1);
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    const QJsonObject json = result.json();
    expectContract(json, false);
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "insufficient-data");
    EXPECT_TRUE(reason(json, "pod-health").value("text").toString().contains("canary.pod_health"));
}

TEST_F(CanaryCliTest, ARolloutCaughtBeforeItsNewReplicaSetHasNoCanaryYet)
{
    kube.createDeployment(4, {kV1, kV2});
    kube.freezeController();
    kubectl({"apply", "-f", kube.settings().manifest});
    kubectl({"rollout", "pause", "deployment/app"});
    kube.stepController();
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    const QJsonObject json = result.json();
    EXPECT_TRUE(json.value("canary").isNull());
    EXPECT_EQ(json.value("stable").toObject().value("pods").toArray().size(), 4);
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "no-canary");
    EXPECT_TRUE(reason(json, "no-canary").value("text").toString().contains(
        "no ReplicaSet runs the deployment's template (example/app:v3) yet"))
        << result.out.toStdString();
}

TEST_F(CanaryCliTest, ARolloutThatCompletedBeforeThePauseIsNoCanary)
{
    kube.createDeployment(4, {kV1, kV2});
    kube.stepOnChange(10);
    kubectl({"apply", "-f", kube.settings().manifest});
    kubectl({"rollout", "pause", "deployment/app"});
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    const QJsonObject json = result.json();
    EXPECT_TRUE(json.value("paused").toBool());
    EXPECT_TRUE(json.value("canary").isNull());
    EXPECT_TRUE(json.value("stable").isNull());
    EXPECT_TRUE(reason(json, "no-canary").value("text").toString().contains(
        "no canary: all 4 pods run revision 3, image example/app:v3"))
        << result.out.toStdString();
}

TEST_F(CanaryCliTest, ACrashLoopingCanaryIsRolledBackNamingThePodAndItsReason)
{
    makeCanary(1);
    kube.setPodFault(kV3, {{"crashloop", true}});
    kube.stepController(4); // the kubelet restarts it a few times
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString() << result.err.toStdString();
    const QJsonObject json = result.json();
    expectContract(json, true);
    const QString pod = podsOf(json, "canary").value(0);
    ASSERT_FALSE(pod.isEmpty());
    const QJsonObject p = json.value("canary").toObject().value("pods").toArray()[0].toObject();
    EXPECT_EQ(p.value("reason").toString(), "CrashLoopBackOff");
    EXPECT_FALSE(p.value("ready").toBool());
    EXPECT_GE(p.value("restarts").toInt(), 4);
    EXPECT_EQ(p.value("health").toObject().value("http_status").toInt(), 503);
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "unhealthy");
    EXPECT_EQ(json.value("verdict").toObject().value("recommendation").toString(), "roll-back");
    const QJsonObject pods = reason(json, "canary-pods");
    EXPECT_EQ(pods.value("mark").toString(), "fail");
    EXPECT_TRUE(pods.value("text").toString().startsWith(
        QStringLiteral("canary pod %1 CrashLoopBackOff, ").arg(pod)))
        << pods.value("text").toString().toStdString();

    const auto text = canary({});
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_TRUE(text.out.contains("recommendation: roll-back")) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("[fail] canary pod %1 CrashLoopBackOff").arg(pod)))
        << text.out.toStdString();
}

TEST_F(CanaryCliTest, ACanaryAnswering503WhileStableIsFineIsRolledBackWithTheCounts)
{
    makeCanary(1);
    kube.setPodFault(kV3, {{"health_status", 503}});
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString() << result.err.toStdString();
    const QJsonObject json = result.json();
    const QJsonObject p = json.value("canary").toObject().value("pods").toArray()[0].toObject();
    EXPECT_TRUE(p.value("ready").toBool());
    EXPECT_EQ(p.value("health").toObject().value("status").toString(), "down");
    EXPECT_EQ(p.value("health").toObject().value("http_status").toInt(), 503);
    EXPECT_EQ(json.value("verdict").toObject().value("recommendation").toString(), "roll-back");
    const QJsonObject failures = reason(json, "canary-health-failures");
    EXPECT_EQ(failures.value("mark").toString(), "fail");
    EXPECT_TRUE(failures.value("text").toString().startsWith(
        "canary health failures 3/3 (100.0 %) vs stable 0/9 (0.0 %), tolerance 5 percentage "
        "points"))
        << failures.value("text").toString().toStdString();
    EXPECT_TRUE(failures.value("text").toString().contains(podsOf(json, "canary").value(0)));
}

TEST_F(CanaryCliTest, AForbiddenPodProxyNamesTheMissingPermission)
{
    makeCanary(1);
    kube.setPodFault(kV3, {{"proxy_status", 403}});
    kube.setPodFault(kV2, {{"proxy_status", 403}});
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString();
    const QJsonObject json = result.json();
    const QJsonObject p = json.value("canary").toObject().value("pods").toArray()[0].toObject();
    EXPECT_EQ(p.value("health").toObject().value("status").toString(), "forbidden");
    EXPECT_EQ(p.value("health").toObject().value("http_status").toInt(), 403);
    EXPECT_TRUE(p.value("health").toObject().value("error").toString().contains(
        "may not get pods/proxy in namespace shop"));
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "insufficient-data");
    EXPECT_TRUE(reason(json, "pod-health").value("text").toString().contains(
        "may not get pods/proxy in namespace shop (grant get on pods/proxy)"))
        << result.out.toStdString();
}

TEST_F(CanaryCliTest, APodThatDisappearsBetweenListAndProbeIsGoneNotDown)
{
    makeCanary(1);
    const QString doomed = [&] {
        for (const QJsonValue &pod : kube.state().value("pods").toArray()) {
            const QJsonObject p = pod.toObject();
            if (p.value("spec").toObject().value("containers").toArray()[0].toObject().value(
                    "image") == kV2)
                return p.value("metadata").toObject().value("name").toString();
        }
        return QString();
    }();
    ASSERT_FALSE(doomed.isEmpty());
    kube.deleteOnProxy(doomed);
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    const QJsonObject json = result.json();
    for (const QJsonValue &pod : json.value("stable").toObject().value("pods").toArray()) {
        const QJsonObject p = pod.toObject();
        const QString status = p.value("health").toObject().value("status").toString();
        EXPECT_EQ(status, p.value("name").toString() == doomed ? "gone" : "healthy");
    }
    const QString failures = reason(json, "canary-health-failures").value("text").toString();
    EXPECT_TRUE(failures.contains("vs stable 0/6")) << failures.toStdString();
    EXPECT_TRUE(failures.contains(QStringLiteral("not counted: %1 gone").arg(doomed)))
        << failures.toStdString();
}

TEST_F(CanaryCliTest, EveryKubectlCallCarriesTheProfilesContextAndNamespace)
{
    makeCanary(1);
    // A kubeconfig whose current context points nowhere and whose namespace is another one: a
    // call without --context cannot reach the server, one without --namespace asks elsewhere.
    QFile file(kube.kubeconfigPath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QString config = QString::fromUtf8(file.readAll());
    file.close();
    config.replace("namespace: \"shop\"", "namespace: \"default\"");
    config.replace("current-context: \"prod-eu-1\"", "current-context: \"nowhere\"");
    config.replace("contexts:\n", "contexts:\n- name: \"nowhere\"\n  context:\n    cluster: "
                                  "dead\n    user: tester\n");
    config.replace("clusters:\n",
                   "clusters:\n- name: dead\n  cluster:\n    server: \"http://127.0.0.1:1\"\n");
    ASSERT_TRUE(writeFileAtomically(kube.kubeconfigPath(), config.toUtf8()).ok());
    QProcess bare;
    bare.start("kubectl", {"--kubeconfig", kube.kubeconfigPath(), "get", "pods"});
    ASSERT_TRUE(bare.waitForFinished(kWaitMs));
    ASSERT_NE(bare.exitCode(), 0) << "the trap kubeconfig still reaches the cluster";

    QJsonArray before = kube.requests();
    const auto result = canary();
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    const QJsonArray after = kube.requests();
    int namespaced = 0;
    int proxied = 0;
    for (qsizetype i = before.size(); i < after.size(); ++i) {
        const QString path = after[i].toObject().value("path").toString();
        if (!path.contains("/namespaces/"))
            continue;
        ++namespaced;
        proxied += path.contains("/proxy/api/health") ? 1 : 0;
        EXPECT_TRUE(path.contains("/namespaces/shop/")) << path.toStdString();
    }
    EXPECT_EQ(proxied, 12); // 4 pods, 3 rounds
    EXPECT_EQ(namespaced, 3 + 12);
}

TEST_F(CanaryCliTest, BadConfigurationExitsTwoWithoutAskingTheCluster)
{
    kube.createDeployment(4, {kV1, kV2});
    const KubectlSettings k = kube.settings();
    const QString path = QDir(dataDir.path()).filePath(QStringLiteral("bad.json"));
    ASSERT_TRUE(writeFileAtomically(
                    path, QStringLiteral(R"({"kubectl": {"kubeconfig": "%1", "context": "%2",
                        "namespace": "shop", "deployment": "app"},
                        "canary": {"pod_health": {"port": 70000, "path": "api/health"}}})")
                              .arg(k.kubeconfig, k.context)
                              .toUtf8())
                    .ok());
    const auto bad = test::runGolive({"--data-dir", dataDir.path(), "canary", "--profile", path});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains("canary.pod_health.port")) << bad.err.toStdString();
    EXPECT_TRUE(bad.err.contains("must start with '/'")) << bad.err.toStdString();

    ASSERT_TRUE(writeFileAtomically(
                    path, QStringLiteral(R"({"kubectl": {"kubeconfig": "%1", "context": "elsewhere",
                        "namespace": "shop", "deployment": "app"}})")
                              .arg(k.kubeconfig)
                              .toUtf8())
                    .ok());
    const auto unknown =
        test::runGolive({"--data-dir", dataDir.path(), "canary", "--profile", path});
    EXPECT_EQ(unknown.exitCode, 2) << unknown.err.toStdString();
    EXPECT_TRUE(unknown.err.contains("elsewhere")) << unknown.err.toStdString();
}
