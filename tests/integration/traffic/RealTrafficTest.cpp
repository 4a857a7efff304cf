#include "src/metrics/AlertEngine.h"
#include "src/metrics/MetricsStore.h"
#include "src/traffic/PrometheusAlertEvaluator.h"
#include "src/traffic/PrometheusClient.h"
#include "src/traffic/TrafficReader.h"
#include "src/traffic/TrafficVerdict.h"

#include "CohereTrafficExporter.h"
#include "LoopbackHttpServer.h"
#include "QStringPrinter.h"
#include "RealPrometheus.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace golive;
using test::CohereTrafficExporter;
using test::PodTraffic;
using test::RealPrometheus;

namespace {

// Pods of the versions the tests compare, each with its own Cohere traffic per scrape (1 s).
const QStringList stablePods{QStringLiteral("app-6d4f8-aaaaa"), QStringLiteral("app-6d4f8-bbbbb")};
const QString failingCanaryPod = QStringLiteral("app-7c9d2-ccccc"); // 30 % 5xx
const QString slowCanaryPod = QStringLiteral("app-8e1a3-ddddd");    // chat takes 2 s
const QString idleCanaryPod = QStringLiteral("app-9f2b4-eeeee");    // exports, serves nothing
const QString refusedCanaryPod = QStringLiteral("app-5a6b7-fffff"); // one 401 a scrape
const QString absentPod = QStringLiteral("app-0c0d0-zzzzz");        // never exported

VersionSelector version(const QString &name, const QStringList &pods)
{
    return VersionSelector{name, pods, pods.first().section(QLatin1Char('-'), 1, 1)};
}

class RealTrafficTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        exporter = std::make_unique<CohereTrafficExporter>();
        ASSERT_TRUE(exporter->listen());
        PodTraffic normal;
        normal.chatOk = 10;
        normal.chatLatencyS = 0.2;
        normal.embedOk = 5;
        for (const QString &pod : stablePods)
            exporter->setPod(pod, normal);
        PodTraffic failing = normal;
        failing.chatOk = 7;
        failing.chatServerErrors = 3;
        failing.embedOk = 0; // 3 of its 10 calls a scrape fail: 30 %
        exporter->setPod(failingCanaryPod, failing);
        PodTraffic slow = normal;
        slow.chatLatencyS = 2.0;
        exporter->setPod(slowCanaryPod, slow);
        exporter->setPod(idleCanaryPod, PodTraffic{});
        PodTraffic refused = normal;
        refused.chatAuthFailures = 1;
        exporter->setPod(refusedCanaryPod, refused);

        prometheus = std::make_unique<RealPrometheus>();
        QString error;
        ASSERT_TRUE(prometheus->start({exporter->target()}, {}, &error)) << error.toStdString();
        // Three scrapes served means at least two samples of every series are in the TSDB: a
        // rate has what it needs.
        ASSERT_TRUE(QTest::qWaitFor([] { return exporter->scrapes() >= 4; }, 60'000))
            << prometheus->log().toStdString();
        ASSERT_TRUE(prometheus->waitForValue(
            QStringLiteral("count(count_over_time(cohere_requests_total[5m]) >= 3)"), 1, 30'000));
    }
    static void TearDownTestSuite()
    {
        prometheus.reset();
        exporter.reset();
    }

    static PrometheusSettings settings()
    {
        PrometheusSettings s;
        s.url = prometheus->url();
        return s;
    }

    static QList<VersionTraffic> read(const PrometheusSettings &s,
                                      const QList<VersionSelector> &versions)
    {
        QNetworkAccessManager network;
        PrometheusClient client(network, s);
        TrafficReader reader(client);
        QList<VersionTraffic> traffic;
        QObject::connect(&reader, &TrafficReader::finished,
                         [&](const QList<VersionTraffic> &read) { traffic = read; });
        QSignalSpy finished(&reader, &TrafficReader::finished);
        reader.read(versions);
        EXPECT_TRUE(finished.wait(30'000));
        EXPECT_EQ(finished.size(), 1);
        return traffic;
    }

    static TrafficVerdict judge(const QString &canaryPod)
    {
        const auto traffic = read(settings(), {version(QStringLiteral("canary"), {canaryPod}),
                                               version(QStringLiteral("stable"), stablePods)});
        if (traffic.size() != 2) {
            ADD_FAILURE() << "no traffic read";
            return {};
        }
        return TrafficVerdict::evaluate(traffic[0], traffic[1], AlertThresholds{},
                                        GateThresholds{});
    }

    static const TrafficLine &line(const TrafficVerdict &verdict, const QString &id)
    {
        for (const TrafficLine &l : verdict.lines) {
            if (l.id == id)
                return l;
        }
        static const TrafficLine none;
        ADD_FAILURE() << "no line " << id.toStdString();
        return none;
    }

    static std::unique_ptr<CohereTrafficExporter> exporter;
    static std::unique_ptr<RealPrometheus> prometheus;
};

std::unique_ptr<CohereTrafficExporter> RealTrafficTest::exporter;
std::unique_ptr<RealPrometheus> RealTrafficTest::prometheus;

} // namespace

TEST_F(RealTrafficTest, ACanaryWith30Percent5xxAgainstACleanStableFailsNamingQueryValueAndThreshold)
{
    const auto traffic = read(settings(), {version(QStringLiteral("canary"), {failingCanaryPod}),
                                           version(QStringLiteral("stable"), stablePods)});
    ASSERT_EQ(traffic.size(), 2);
    EXPECT_NEAR(traffic[0].error5xxShare.value.value_or(-1), 0.30, 0.001);
    EXPECT_NEAR(traffic[1].error5xxShare.value.value_or(-1), 0.0, 1e-9);
    // rate() divides by the whole 5m range, and the series are seconds old: low, but not zero.
    EXPECT_GT(traffic[0].requestsPerS.value.value_or(0), 0.0);
    EXPECT_TRUE(
        traffic[0].error5xxShare.promql.contains(QLatin1String(R"(pod=~"app-7c9d2-ccccc")")))
        << traffic[0].error5xxShare.promql.toStdString();

    const TrafficVerdict verdict =
        TrafficVerdict::evaluate(traffic[0], traffic[1], AlertThresholds{}, GateThresholds{});
    EXPECT_EQ(verdict.overall, TrafficVerdict::Overall::Unhealthy);
    const TrafficLine &share = line(verdict, QStringLiteral("traffic-5xx-share"));
    EXPECT_EQ(share.mark, TrafficLine::Mark::Fail);
    EXPECT_EQ(share.text, QStringLiteral("canary 5xx share 30.0 % over 5m > 5.0 % (seed limit); "
                                         "stable 0.0 %"));
    EXPECT_EQ(share.promql, traffic[0].error5xxShare.promql);
    EXPECT_DOUBLE_EQ(share.threshold.value_or(0), 0.05);

    const QJsonObject json = traffic[0].toJson();
    EXPECT_EQ(json.value(QStringLiteral("source")).toString(), QStringLiteral("prometheus"));
    EXPECT_NEAR(json.value(QStringLiteral("error_5xx_share")).toDouble(), 0.30, 0.001);
    EXPECT_TRUE(json.value(QStringLiteral("rerank_p95_ms")).isNull());
}

TEST_F(RealTrafficTest, ACanarySlowerThanStableFailsOnItsP95EvenBelowTheGate)
{
    const TrafficVerdict verdict = judge(slowCanaryPod);
    const TrafficLine &chat = line(verdict, QStringLiteral("traffic-chat-p95"));
    EXPECT_EQ(chat.mark, TrafficLine::Mark::Fail) << chat.text.toStdString();
    // Every call took 2 s: P95 interpolates in the (1 s, 2.5 s] bucket; stable's in (0.1, 0.25].
    EXPECT_NEAR(chat.value.value_or(0), 2425, 1);
    EXPECT_TRUE(chat.text.contains(QStringLiteral("× stable's 243 ms")) ||
                chat.text.contains(QStringLiteral("× stable's 242 ms")))
        << chat.text.toStdString();
    EXPECT_EQ(line(verdict, QStringLiteral("traffic-embed-p95")).mark, TrafficLine::Mark::Pass);
    EXPECT_EQ(line(verdict, QStringLiteral("traffic-5xx-share")).mark, TrafficLine::Mark::Pass);
}

TEST_F(RealTrafficTest, ACanaryWithoutTrafficIsInsufficientDataNotHealthy)
{
    const TrafficVerdict verdict = judge(idleCanaryPod);
    EXPECT_EQ(verdict.overall, TrafficVerdict::Overall::InsufficientData);
    const TrafficLine &volume = line(verdict, QStringLiteral("traffic-volume"));
    EXPECT_EQ(volume.mark, TrafficLine::Mark::Insufficient);
    EXPECT_TRUE(
        volume.text.startsWith(QLatin1String("canary served 0.00 Cohere requests/s over 5m")))
        << volume.text.toStdString();
    // No calls: the P95 is NaN, which is no data, while stable has one.
    const TrafficLine &chat = line(verdict, QStringLiteral("traffic-chat-p95"));
    EXPECT_EQ(chat.mark, TrafficLine::Mark::Insufficient);
    EXPECT_TRUE(chat.text.contains(QLatin1String("NaN"))) << chat.text.toStdString();
}

TEST_F(RealTrafficTest, AnEmptyResultIsNoDataNeverZero)
{
    const auto traffic = read(settings(), {version(QStringLiteral("canary"), {absentPod})});
    ASSERT_EQ(traffic.size(), 1);
    for (const TrafficSignal *signal : traffic[0].signalList()) {
        EXPECT_FALSE(signal->value.has_value()) << signal->key.toStdString();
        EXPECT_FALSE(signal->failed()) << signal->error.toStdString();
        EXPECT_TRUE(signal->note.startsWith(QLatin1String("no data")))
            << signal->note.toStdString();
    }
    const QJsonObject json = traffic[0].toJson();
    EXPECT_TRUE(json.value(QStringLiteral("requests_per_s")).isNull());
    EXPECT_TRUE(json.value(QStringLiteral("error_5xx_share")).isNull());
}

TEST_F(RealTrafficTest, AnyCanary401Fails)
{
    const TrafficLine &auth = line(judge(refusedCanaryPod), QStringLiteral("traffic-auth"));
    EXPECT_EQ(auth.mark, TrafficLine::Mark::Fail);
    EXPECT_GT(auth.value.value_or(0), 0.0); // one a scrape
    EXPECT_TRUE(auth.text.contains(QLatin1String("any is a failure"))) << auth.text.toStdString();
}

TEST_F(RealTrafficTest, APromQLErrorIsShownAsPrometheusSaidIt)
{
    PrometheusSettings s = settings();
    s.queries.requestsPerS =
        QStringLiteral("sum(rate(cohere_requests_total{${version}}[${window}])");
    const auto traffic = read(s, {version(QStringLiteral("canary"), {failingCanaryPod})});
    ASSERT_EQ(traffic.size(), 1);
    const TrafficSignal &requests = traffic[0].requestsPerS;
    EXPECT_FALSE(requests.value.has_value());
    EXPECT_TRUE(
        requests.error.startsWith(QLatin1String("Prometheus refused the query (bad_data): ")))
        << requests.error.toStdString();
    EXPECT_TRUE(requests.error.contains(QLatin1String("parse error")))
        << requests.error.toStdString();
    // The other signals do not depend on the broken template and still read.
    EXPECT_TRUE(traffic[0].chatP95Ms.value.has_value());
    const QJsonObject queries = traffic[0].toJson().value(QStringLiteral("queries")).toObject();
    EXPECT_EQ(queries.value(QStringLiteral("requests_per_s"))
                  .toObject()
                  .value(QStringLiteral("error"))
                  .toString(),
              requests.error);
}

TEST_F(RealTrafficTest, APrometheusThatIsDownIsNamedWithTheConnectionError)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    PrometheusSettings s;
    s.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
    closed.close();
    const auto traffic = read(s, {version(QStringLiteral("canary"), {failingCanaryPod})});
    ASSERT_EQ(traffic.size(), 1);
    const TrafficSignal &requests = traffic[0].requestsPerS;
    EXPECT_FALSE(requests.value.has_value());
    EXPECT_TRUE(requests.error.startsWith(
        QStringLiteral("Prometheus at %1 did not answer: ").arg(s.url.toString())))
        << requests.error.toStdString();
    EXPECT_TRUE(requests.error.contains(QLatin1String("refused"), Qt::CaseInsensitive))
        << requests.error.toStdString();
    const TrafficVerdict verdict =
        TrafficVerdict::evaluate(traffic[0], traffic[0], AlertThresholds{}, GateThresholds{});
    EXPECT_EQ(verdict.overall, TrafficVerdict::Overall::InsufficientData);
}

TEST_F(RealTrafficTest, APrometheusThatNeverAnswersTimesOutWithTheTimeoutNamed)
{
    test::LoopbackHttpServer silent;
    ASSERT_TRUE(silent.listen());
    silent.setHandler([](const test::LoopbackRequest &) {
        test::LoopbackResponse response;
        response.delivery = test::LoopbackResponse::Delivery::NeverAnswer;
        return response;
    });
    PrometheusSettings s;
    s.url = silent.url();
    s.timeoutMs = 300;
    const auto traffic = read(s, {version(QStringLiteral("canary"), {failingCanaryPod})});
    ASSERT_EQ(traffic.size(), 1);
    for (const TrafficSignal *signal : traffic[0].signalList())
        EXPECT_TRUE(
            signal->error.endsWith(QLatin1String("did not answer: no answer within 300 ms")))
            << signal->error.toStdString();
}

// The seed's six rules on the application's real traffic (all pods, no version matcher): the one
// 401 a scrape of one pod raises the auth-failure alert; the chat P95 of 2 s stays below the 10 s
// alert; a rule Prometheus cannot answer decides nothing.
TEST_F(RealTrafficTest, TheSixAlertRulesEvaluateOnRealTraffic)
{
    Profile profile;
    profile.prometheus = settings();
    QNetworkAccessManager network;
    PrometheusClient client(network, profile.prometheus);
    PrometheusAlertEvaluator evaluator(client, PrometheusRules::fromProfile(profile, 10));
    ASSERT_EQ(evaluator.rules().size(), 6);
    QMap<QString, QString> firing;
    QStringList clear;
    QObject::connect(&evaluator, &PrometheusAlertEvaluator::firing,
                     [&](const QString &rule, const QString &message) { firing[rule] = message; });
    QObject::connect(&evaluator, &PrometheusAlertEvaluator::clear,
                     [&](const QString &rule) { clear << rule; });
    QSignalSpy round(&evaluator, &PrometheusAlertEvaluator::roundFinished);
    evaluator.evaluate();
    ASSERT_TRUE(round.wait(30'000));

    ASSERT_TRUE(firing.contains(QStringLiteral("auth-failure")))
        << firing.keys().join(' ').toStdString() << " clear: " << clear.join(' ').toStdString();
    EXPECT_TRUE(firing.value(QStringLiteral("auth-failure"))
                    .startsWith(QLatin1String("CohereAuthFailure: ")))
        << firing.value(QStringLiteral("auth-failure")).toStdString();
    EXPECT_TRUE(firing.value(QStringLiteral("auth-failure")).contains(QLatin1String("(Prometheus: ")));
    EXPECT_TRUE(clear.contains(QStringLiteral("high-latency"))) << clear.join(' ').toStdString();
    EXPECT_FALSE(firing.contains(QStringLiteral("high-latency")));

    // Fed to the alert engine, the alert is marked with its source.
    MetricsStore store;
    AlertEngine engine(store, AlertThresholds{}, AlertSources{}, SystemClock::instance());
    for (auto it = firing.cbegin(); it != firing.cend(); ++it)
        engine.reportExternal(it.key(), AlertSource::Prometheus, it.value());
    ASSERT_FALSE(engine.activeAlerts().isEmpty());
    for (const Alert &alert : engine.activeAlerts())
        EXPECT_EQ(alert.source, AlertSource::Prometheus);
}
