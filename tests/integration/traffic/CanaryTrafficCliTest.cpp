// `golive canary --json` judging the canary on real traffic: the real golive binary, the real
// kubectl against the loopback fake Kubernetes API server, and a real Prometheus scraping an
// exporter whose per-pod series carry the pod names the fake API server gave the canary and the
// stable pods.
#include "CohereTrafficExporter.h"
#include "FakeKubeApi.h"
#include "GoliveProcess.h"
#include "RealPrometheus.h"
#include "src/common/AtomicFile.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;
using test::CohereTrafficExporter;
using test::PodTraffic;
using test::RealPrometheus;

namespace {

constexpr int kWaitMs = 30'000;
const QString kV1 = QStringLiteral("example/app:v1");
const QString kV2 = QStringLiteral("example/app:v2");
const QString kV3 = QStringLiteral("example/app:v3");

QJsonObject reason(const QJsonObject &json, const QString &id)
{
    for (const QJsonValue &r : json.value("verdict").toObject().value("reasons").toArray()) {
        if (r.toObject().value("id").toString() == id)
            return r.toObject();
    }
    return {};
}

PodTraffic normalTraffic()
{
    PodTraffic normal;
    normal.chatOk = 10;
    normal.chatLatencyS = 0.2;
    normal.embedOk = 5;
    return normal;
}

class CanaryTrafficCliTest : public ::testing::Test {
protected:
    test::FakeKubeApi kube;
    QTemporaryDir dataDir;
    QString profilePath;
    QStringList canaryPods;
    QStringList stablePods;
    CohereTrafficExporter exporter;
    RealPrometheus prometheus;

    void SetUp() override
    {
        ASSERT_TRUE(kube.start());
        kube.writeManifest(kV3);
        // Four pods on v2, then v3 applied and paused after one pod: one canary, three stable.
        kube.createDeployment(4, {kV1, kV2});
        kube.freezeController();
        kubectl({"apply", "-f", kube.settings().manifest});
        kube.stepController(1);
        kubectl({"rollout", "pause", "deployment/app"});
        kube.stepController();
        const QString pods = kubectl({"get", "pods", "-o",
                                      "jsonpath={range .items[*]}{.metadata.name} "
                                      "{.spec.containers[0].image}{\"\\n\"}{end}"});
        for (const QString &line : pods.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QStringList nameImage = line.split(QLatin1Char(' '));
            ASSERT_EQ(nameImage.size(), 2) << line.toStdString();
            (nameImage[1] == kV3 ? canaryPods : stablePods) << nameImage[0];
        }
        ASSERT_EQ(canaryPods.size(), 1) << pods.toStdString();
        ASSERT_EQ(stablePods.size(), 3) << pods.toStdString();
    }

    // Exports every pod's traffic and waits until Prometheus holds enough samples for a rate.
    void serveTraffic(const PodTraffic &canary)
    {
        ASSERT_TRUE(exporter.listen());
        for (const QString &pod : stablePods)
            exporter.setPod(pod, normalTraffic());
        exporter.setPod(canaryPods.first(), canary);
        QString error;
        ASSERT_TRUE(prometheus.start({exporter.target()}, {}, &error)) << error.toStdString();
        ASSERT_TRUE(QTest::qWaitFor([this] { return exporter.scrapes() >= 6; }, 60'000))
            << prometheus.log().toStdString();
        ASSERT_TRUE(prometheus.waitForValue(
            QStringLiteral("count(count_over_time(cohere_requests_total[1m]) >= 4)"), 1, 30'000));
    }

    void writeProfile(const QString &prometheusUrl)
    {
        const KubectlSettings k = kube.settings();
        profilePath = QDir(dataDir.path()).filePath(QStringLiteral("golive.json"));
        const QString json =
            QStringLiteral(R"({"kubectl": {"kubeconfig": "%1", "context": "%2", "namespace": "%3",
                "deployment": "app", "manifest": "%4"},
                "prometheus": {"url": "%5", "window": "1m", "timeout_ms": 3000}})")
                .arg(k.kubeconfig, k.context, k.namespaceName, k.manifest, prometheusUrl);
        ASSERT_TRUE((writeFileAtomically(profilePath, json.toUtf8())).ok());
    }

    test::GoliveRun canary(const QStringList &extra = {"--json"})
    {
        return test::runGolive(QStringList{"--data-dir", dataDir.path(), "canary", "--profile",
                                           profilePath, "--rounds", "1", "--interval-s", "0"} +
                               extra);
    }

    QString kubectl(const QStringList &args)
    {
        QProcess process;
        process.start(QStringLiteral("kubectl"),
                      args + QStringList{"--kubeconfig", kube.kubeconfigPath(), "--context",
                                         "prod-eu-1", "--namespace", "shop"});
        EXPECT_TRUE(process.waitForFinished(kWaitMs));
        EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
        return QString::fromUtf8(process.readAllStandardOutput());
    }
};

} // namespace

TEST_F(CanaryTrafficCliTest, ACanaryWith30Percent5xxAgainstACleanStableIsRolledBack)
{
    PodTraffic failing = normalTraffic();
    failing.chatOk = 7;
    failing.chatServerErrors = 3;
    failing.embedOk = 0; // 3 of its 10 calls a scrape fail: 30 %
    serveTraffic(failing);
    writeProfile(prometheus.url().toString());

    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString() << result.err.toStdString();
    const QJsonObject json = result.json();
    const QJsonObject verdict = json.value("verdict").toObject();
    EXPECT_EQ(verdict.value("overall").toString(), "unhealthy");
    EXPECT_EQ(verdict.value("recommendation").toString(), "roll-back");

    const QJsonObject canaryTraffic = json.value("canary").toObject().value("traffic").toObject();
    const QJsonObject stableTraffic = json.value("stable").toObject().value("traffic").toObject();
    EXPECT_EQ(canaryTraffic.value("source").toString(), "prometheus");
    EXPECT_NEAR(canaryTraffic.value("error_5xx_share").toDouble(-1), 0.30, 0.001);
    EXPECT_NEAR(stableTraffic.value("error_5xx_share").toDouble(-1), 0.0, 1e-9);
    EXPECT_TRUE(canaryTraffic.value("rerank_p95_ms").isNull());

    const QJsonObject share = reason(json, "traffic-5xx-share");
    EXPECT_EQ(share.value("mark").toString(), "fail") << result.out.toStdString();
    EXPECT_EQ(share.value("text").toString(),
              "canary 5xx share 30.0 % over 1m > 5.0 % (seed limit); stable 0.0 %");
    EXPECT_DOUBLE_EQ(share.value("threshold").toDouble(), 0.05);
    EXPECT_NEAR(share.value("value").toDouble(), 0.30, 0.001);
    EXPECT_EQ(share.value("window").toString(), "1m");
    // The query that ran selects the canary's pod by the name the cluster gave it.
    EXPECT_TRUE(share.value("promql").toString().contains(
        QStringLiteral(R"(pod=~"%1")").arg(canaryPods.first())))
        << share.value("promql").toString().toStdString();

    // The text output says the same, with the query.
    const auto text = canary({});
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_TRUE(text.out.contains(
        "[fail] traffic-5xx-share: canary 5xx share 30.0 % over 1m > 5.0 % (seed limit)"))
        << text.out.toStdString();
    EXPECT_TRUE(text.out.contains("query: " + share.value("promql").toString()))
        << text.out.toStdString();
}

TEST_F(CanaryTrafficCliTest, HealthyTrafficPassesEveryJudgedTrafficLine)
{
    serveTraffic(normalTraffic());
    writeProfile(prometheus.url().toString());

    const auto result = canary();
    const QJsonObject json = result.json();
    for (const char *id : {"traffic-volume", "traffic-5xx-share", "traffic-chat-p95",
                           "traffic-embed-p95", "traffic-429", "traffic-auth"})
        EXPECT_EQ(reason(json, id).value("mark").toString(), "pass")
            << id << ": " << reason(json, id).value("text").toString().toStdString();
    // Neither version calls rerank: a warning that decides nothing.
    EXPECT_EQ(reason(json, "traffic-rerank-p95").value("mark").toString(), "warn");
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "healthy")
        << result.out.toStdString();
    EXPECT_EQ(json.value("verdict").toObject().value("recommendation").toString(), "promote");
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
}

TEST_F(CanaryTrafficCliTest, PrometheusDownIsNoDataNeverAPass)
{
    // A loopback port nothing listens on.
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    writeProfile(QStringLiteral("http://127.0.0.1:%1").arg(port));

    const auto result = canary();
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString() << result.err.toStdString();
    const QJsonObject json = result.json();
    EXPECT_EQ(json.value("verdict").toObject().value("overall").toString(), "insufficient-data");
    EXPECT_EQ(json.value("verdict").toObject().value("recommendation").toString(), "wait");
    const QJsonObject volume = reason(json, "traffic-volume");
    EXPECT_EQ(volume.value("mark").toString(), "no-data") << result.out.toStdString();
    EXPECT_TRUE(volume.value("text").toString().contains("query failed: Prometheus at"))
        << volume.value("text").toString().toStdString();
    for (const QJsonValue &r : json.value("verdict").toObject().value("reasons").toArray()) {
        if (r.toObject().value("id").toString().startsWith("traffic-")) {
            EXPECT_NE(r.toObject().value("mark").toString(), "pass") << result.out.toStdString();
        }
    }
}
