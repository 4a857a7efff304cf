// `golive evidence` run as a pipeline runs it, on the sample integrations (tests/fixtures/evidence)
// copied next to a profile, with the loopback fake Cohere for the key and the models.
#include "FakeClock.h"
#include "FakeCohereServer.h"
#include "FakeKubeApi.h"
#include "FakeStatusPageServer.h"
#include "FakeTeamHealthServer.h"
#include "GoliveProcess.h"
#include "QStringPrinter.h"
#include "RealPrometheus.h"
#include "src/common/AtomicFile.h"
#include "src/config/ProfileWriter.h"
#include "src/release/ReleaseRecord.h"
#include "src/release/ReleaseSession.h"
#include "src/release/ReleaseStore.h"
#include "src/traffic/PrometheusRules.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>

using namespace golive;
using namespace golive::test;

namespace {

const QString kTsKey = QStringLiteral("Zx81mQ4rT7vLp2NwK9sB3dFh6JyUc0AeGiOkRt5W");
const QString kPyKey = QStringLiteral("Qm3vT8xLp1NwK6sB9dFh2JyUc5AeGiOkRt7WZx40");

class EvidenceCommandTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(cohere.listen()); }

    // The fixture's integration under <tmp>/team/, the profile at <tmp>/team/golive.json naming
    // its folders relative to itself.
    QString copyIntegration(const char *variant,
                            const std::function<void(Profile &)> &adjust = {})
    {
        const QString from = QStringLiteral(GOLIVE_EVIDENCE_FIXTURES "/") + QLatin1String(variant);
        const QString to = dir.filePath(QStringLiteral("team"));
        QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
            QDir().mkpath(QFileInfo(target).path());
            EXPECT_TRUE(QFile::copy(file, target)) << target.toStdString();
        }
        Profile profile;
        profile.cohere.baseUrl = cohere.url();
        profile.evidence.sourceDirs = {QStringLiteral("shop-api/src"), QStringLiteral("worker")};
        // Only loopback is reachable: the example.com defaults are left out unless a test serves them.
        profile.health.staging = QUrl();
        profile.health.production = QUrl();
        profile.statusPage.url = QUrl();
        if (adjust)
            adjust(profile);
        const QString path = to + QStringLiteral("/golive.json");
        QFile::remove(path);
        EXPECT_FALSE(writeFileAtomically(path, ProfileWriter::toJson(profile)).failed());
        return path;
    }

    GoliveRun evidence(const QString &profilePath, const QStringList &extra = {})
    {
        GoliveRunOptions options;
        options.environment.insert(QStringLiteral("CO_API_KEY"),
                                   QString::fromLatin1(FakeCohereServer::defaultKey));
        options.environment.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1"));
        return runGolive(QStringList{QStringLiteral("--data-dir"), dataDir(),
                                     QStringLiteral("--profile"), profilePath,
                                     QStringLiteral("evidence")} +
                             extra,
                         options);
    }

    QString dataDir() const { return dir.filePath(QStringLiteral("data")); }

    static QJsonObject item(const QJsonObject &root, const QString &id)
    {
        for (const QJsonValue &value : root.value(QStringLiteral("items")).toArray()) {
            if (value.toObject().value(QStringLiteral("id")).toString() == id)
                return value.toObject();
        }
        ADD_FAILURE() << "no item " << id.toStdString();
        return {};
    }

    // "dir/file:line" of an item's file findings.
    static QStringList locations(const QJsonObject &item)
    {
        QStringList result;
        for (const QJsonValue &value : item.value(QStringLiteral("findings")).toArray()) {
            const QJsonObject finding = value.toObject();
            if (finding.value(QStringLiteral("file")).toString().isEmpty())
                continue;
            result << QStringLiteral("%1/%2:%3")
                          .arg(finding.value(QStringLiteral("source_dir")).toString(),
                               finding.value(QStringLiteral("file")).toString())
                          .arg(finding.value(QStringLiteral("line")).toInt());
        }
        return result;
    }

    static QString source(const QJsonObject &item, const QString &name, const char *key)
    {
        for (const QJsonValue &value : item.value(QStringLiteral("details")).toArray()) {
            if (value.toObject().value(QStringLiteral("source")).toString() == name)
                return value.toObject().value(QLatin1String(key)).toString();
        }
        return QStringLiteral("(no %1)").arg(name);
    }

    // A Prometheus with golive's exported rules loaded, all but `leaveOut`.
    void startPrometheusWithRules(RealPrometheus &prometheus, const QString &leaveOut = {})
    {
        QList<PrometheusAlertRule> rules = PrometheusRules::fromProfile(Profile{}, 60);
        rules.removeIf([&](const PrometheusAlertRule &rule) { return rule.alert == leaveOut; });
        const QString file = dir.filePath(QStringLiteral("rules.yml"));
        ASSERT_FALSE(writeFileAtomically(file, PrometheusRules::rulesFile(rules, 60)).failed());
        QString error;
        ASSERT_TRUE(prometheus.start({}, {file}, &error)) << error.toStdString();
    }

    QTemporaryDir dir;
    FakeCohereServer cohere;
};

TEST_F(EvidenceCommandTest, HealthEndpointsAndTheStatusPageAreAskedAndJudgedOnTheirAnswers)
{
    FakeTeamHealthServer staging;
    FakeTeamHealthServer production;
    FakeStatusPageServer statusPage;
    ASSERT_TRUE(staging.listen());
    ASSERT_TRUE(production.listen());
    ASSERT_TRUE(statusPage.listen());
    production.setCohereStatus(QStringLiteral("down"));
    const QString profile = copyIntegration("clean", [&](Profile &p) {
        p.health.staging = staging.healthUrl();
        p.health.production = production.healthUrl();
        p.statusPage.url = statusPage.statusUrl();
    });

    GoliveRun run = evidence(profile, {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    QJsonObject root = run.json();
    const QJsonObject shape = item(root, QStringLiteral("health-json-shape"));
    EXPECT_EQ(shape.value(QStringLiteral("result")).toString(), QStringLiteral("pass"))
        << source(shape, QStringLiteral("health:staging"), "message").toStdString();
    EXPECT_TRUE(source(shape, QStringLiteral("health:staging"), "message")
                    .contains(QLatin1String("cohere.status \"healthy\"")));
    const QJsonObject rollbackHealth = item(root, QStringLiteral("rollback-verify-health"));
    EXPECT_EQ(rollbackHealth.value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
    EXPECT_TRUE(source(rollbackHealth, QStringLiteral("health:production"), "message")
                    .contains(QLatin1String("\"down\"")));
    EXPECT_EQ(item(root, QStringLiteral("preflight-status-page")).value(QStringLiteral("result")),
              QStringLiteral("pass"));
    EXPECT_FALSE(staging.requests().isEmpty());
    EXPECT_FALSE(statusPage.requests().isEmpty());

    // A major outage fails; a page golive cannot read stays unknown; a health endpoint that
    // answers something else than the seed's shape fails the item that checks the shape.
    statusPage.setIndicator(QStringLiteral("major"), QStringLiteral("Major outage"));
    run = evidence(profile, {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    EXPECT_EQ(item(run.json(), QStringLiteral("preflight-status-page")).value(QStringLiteral("result")),
              QStringLiteral("fail"));

    statusPage.setStatusOverride(FakeStatusPageServer::htmlPage());
    LoopbackResponse html;
    html.body = QByteArrayLiteral("<html>ok</html>");
    staging.setOverride(html);
    run = evidence(profile, {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    root = run.json();
    EXPECT_EQ(item(root, QStringLiteral("preflight-status-page")).value(QStringLiteral("result")),
              QStringLiteral("unknown"));
    EXPECT_EQ(item(root, QStringLiteral("health-json-shape")).value(QStringLiteral("result")),
              QStringLiteral("fail"));
}

TEST_F(EvidenceCommandTest, WithoutPrometheusOrAClusterThoseSourcesAreUnknownWithTheReason)
{
    const GoliveRun run = evidence(copyIntegration("clean"), {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    const QJsonObject root = run.json();
    const QJsonObject monitoring = item(root, QStringLiteral("prereq-monitoring"));
    EXPECT_EQ(monitoring.value(QStringLiteral("result")).toString(), QStringLiteral("unknown"));
    EXPECT_TRUE(source(monitoring, QStringLiteral("prometheus:alert-rules"), "message")
                    .contains(QLatin1String("prometheus.url")));
    bool sawRollback = false;
    for (const QJsonValue &value : root.value(QStringLiteral("items")).toArray()) {
        const QJsonObject object = value.toObject();
        if (!object.value(QStringLiteral("sources")).toArray().contains(
                QStringLiteral("kubectl:rollback-ready")))
            continue;
        sawRollback = true;
        EXPECT_TRUE(source(object, QStringLiteral("kubectl:rollback-ready"), "message")
                        .contains(QLatin1String("kubectl.context")));
    }
    EXPECT_TRUE(sawRollback);
}

TEST_F(EvidenceCommandTest, RollbackReadinessAsksTheRealKubectlAndChangesNothing)
{
    test::FakeKubeApi kube;
    ASSERT_TRUE(kube.start());
    kube.createDeployment(2, {QStringLiteral("example/app:v1"), QStringLiteral("example/app:v2")});
    const QString profile = copyIntegration("clean", [&](Profile &p) { p.kubectl = kube.settings(); });
    GoliveRun run = evidence(profile, {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    QJsonObject rollback = item(run.json(), QStringLiteral("rollback-documented"));
    EXPECT_EQ(rollback.value(QStringLiteral("result")).toString(), QStringLiteral("pass"))
        << source(rollback, QStringLiteral("kubectl:rollback-ready"), "message").toStdString();
    EXPECT_TRUE(source(rollback, QStringLiteral("kubectl:rollback-ready"), "message")
                    .contains(QLatin1String("example/app:v1")));
    EXPECT_TRUE(kube.mutatingRequests().isEmpty());
}

TEST_F(EvidenceCommandTest, ADeploymentWithoutAPreviousVersionIsNotRollbackReady)
{
    test::FakeKubeApi kube;
    ASSERT_TRUE(kube.start());
    kube.createDeployment(2, {QStringLiteral("example/app:v1")});
    const QString profile = copyIntegration("clean", [&](Profile &p) { p.kubectl = kube.settings(); });
    const GoliveRun run = evidence(profile, {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    const QJsonObject rollback = item(run.json(), QStringLiteral("rollback-documented"));
    EXPECT_EQ(rollback.value(QStringLiteral("result")).toString(), QStringLiteral("fail"))
        << source(rollback, QStringLiteral("kubectl:rollback-ready"), "message").toStdString();
}

TEST_F(EvidenceCommandTest, PrometheusWithAllSixAlertRulesLoadedPasses)
{
    ASSERT_TRUE(RealPrometheus::installed());
    RealPrometheus prometheus;
    startPrometheusWithRules(prometheus);
    const GoliveRun run = evidence(copyIntegration("clean", [&](Profile &p) {
        p.prometheus.url = prometheus.url();
    }), {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    const QJsonObject monitoring = item(run.json(), QStringLiteral("prereq-monitoring"));
    EXPECT_EQ(monitoring.value(QStringLiteral("result")).toString(), QStringLiteral("pass"))
        << source(monitoring, QStringLiteral("prometheus:alert-rules"), "message").toStdString();
}

TEST_F(EvidenceCommandTest, PrometheusMissingAnAlertRuleFailsNamingIt)
{
    ASSERT_TRUE(RealPrometheus::installed());
    RealPrometheus prometheus;
    startPrometheusWithRules(prometheus, QStringLiteral("CohereBudgetExceeded"));
    const GoliveRun run = evidence(copyIntegration("clean", [&](Profile &p) {
        p.prometheus.url = prometheus.url();
    }), {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    const QJsonObject monitoring = item(run.json(), QStringLiteral("prereq-monitoring"));
    EXPECT_EQ(monitoring.value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
    const QString message = source(monitoring, QStringLiteral("prometheus:alert-rules"), "message");
    EXPECT_TRUE(message.contains(QLatin1String("CohereBudgetExceeded"))) << message.toStdString();
    EXPECT_FALSE(message.contains(QLatin1String("CohereHighLatency"))) << message.toStdString();
}

TEST_F(EvidenceCommandTest, AFaultyIntegrationFailsAtTheRightLinesWithExitOneAndNeverPrintsTheKey)
{
    const GoliveRun run = evidence(copyIntegration("faulty"), {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    EXPECT_EQ(run.exitCode, 1) << run.err.toStdString();
    const QJsonObject root = run.json();
    const auto result = [&](const char *id) {
        return item(root, QLatin1String(id)).value(QStringLiteral("result")).toString();
    };
    EXPECT_EQ(result("api-v2"), QStringLiteral("fail"));
    EXPECT_EQ(locations(item(root, QStringLiteral("api-v2"))),
              (QStringList{QStringLiteral("shop-api/src/cohere.ts:7"),
                           QStringLiteral("worker/jobs.py:7")}));
    EXPECT_EQ(result("no-hardcoded-keys"), QStringLiteral("fail"));
    EXPECT_EQ(locations(item(root, QStringLiteral("no-hardcoded-keys"))),
              (QStringList{QStringLiteral("shop-api/src/cohere.ts:6"),
                           QStringLiteral("worker/jobs.py:10")}));
    EXPECT_EQ(result("embed-input-type"), QStringLiteral("fail"));
    EXPECT_EQ(locations(item(root, QStringLiteral("embed-input-type"))),
              (QStringList{QStringLiteral("shop-api/src/cohere.ts:13"),
                           QStringLiteral("worker/jobs.py:14")}));
    EXPECT_EQ(result("explicit-model"), QStringLiteral("fail"));
    EXPECT_EQ(locations(item(root, QStringLiteral("explicit-model"))),
              (QStringList{QStringLiteral("shop-api/src/cohere.ts:21"),
                           QStringLiteral("worker/jobs.py:31")}));
    EXPECT_EQ(result("model-ids"), QStringLiteral("fail"));
    EXPECT_EQ(locations(item(root, QStringLiteral("model-ids"))),
              (QStringList{QStringLiteral("shop-api/src/cohere.ts:30"),
                           QStringLiteral("worker/jobs.py:24")}));
    EXPECT_FALSE(item(root, QStringLiteral("api-v2")).value(QStringLiteral("checked_at")).toString().isEmpty());

    for (const QString &key : {kTsKey, kPyKey, QString::fromLatin1(FakeCohereServer::defaultKey)}) {
        EXPECT_FALSE(run.out.contains(key)) << "stdout shows a key";
        EXPECT_FALSE(run.err.contains(key)) << "stderr shows a key";
    }
}

TEST_F(EvidenceCommandTest, TheCleanIntegrationPassesEveryScannedItemDespiteItsDecoys)
{
    const GoliveRun run = evidence(copyIntegration("clean"), {QStringLiteral("--json")});
    ASSERT_TRUE(run.finished);
    const QJsonObject root = run.json();
    for (const char *id : {"api-v2", "no-hardcoded-keys", "embed-input-type", "explicit-model",
                           "embed-embedding-types", "error-handling", "chat-streaming",
                           "max-tokens"}) {
        const QJsonObject evidence = item(root, QLatin1String(id));
        EXPECT_EQ(evidence.value(QStringLiteral("result")).toString(), QStringLiteral("pass"))
            << id << ": " << run.out.toStdString();
        EXPECT_TRUE(evidence.value(QStringLiteral("findings")).toArray().isEmpty()) << id;
    }
    // model-ids also names cohere:models, which the fake Cohere answers for the profile's models.
    EXPECT_EQ(item(root, QStringLiteral("model-ids")).value(QStringLiteral("result")).toString(),
              QStringLiteral("pass"))
        << run.out.toStdString();
    EXPECT_EQ(item(root, QStringLiteral("prod-key")).value(QStringLiteral("result")).toString(),
              QStringLiteral("pass"))
        << "cohere:key: the fake Cohere accepts the key";
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
}

TEST_F(EvidenceCommandTest, EveryRunIsAnEvidenceEventInTheReleaseRecord)
{
    FakeClock clock;
    QString releaseId;
    {
        ReleaseSession session(dataDir(), clock);
        ASSERT_TRUE(session.openNewestOrCreate().ok());
        releaseId = session.current()->id;
    }
    const QString profile = copyIntegration("faulty");
    ASSERT_EQ(evidence(profile, {QStringLiteral("--release"), releaseId}).exitCode, 1);
    ASSERT_EQ(evidence(profile).exitCode, 1);

    ReleaseStore store(dataDir(), clock);
    const auto folder = store.releaseFolder(releaseId);
    ASSERT_TRUE(folder.ok());
    const auto events = ReleaseRecord::readEvents(folder.value() + QStringLiteral("/") +
                                                  QLatin1String(ReleaseRecord::fileName));
    ASSERT_TRUE(events.ok()) << events.error().message.toStdString();
    int evidenceEvents = 0;
    for (const RecordEvent &event : events.value()) {
        if (event.kind != QLatin1String("evidence"))
            continue;
        ++evidenceEvents;
        const QByteArray json = QJsonDocument(event.data).toJson();
        EXPECT_FALSE(json.contains(kTsKey.toLatin1())) << "the record holds a key";
        EXPECT_TRUE(json.contains("shop-api/src"));
    }
    EXPECT_EQ(evidenceEvents, 2);
}

TEST_F(EvidenceCommandTest, CheckShowsTheGateItemsLastRecordedEvidenceOrNotRun)
{
    FakeClock clock;
    {
        ReleaseSession session(dataDir(), clock);
        ASSERT_TRUE(session.openNewestOrCreate().ok());
    }
    const QString profile = copyIntegration("faulty");
    const auto check = [&] {
        GoliveRunOptions options;
        options.environment.insert(QStringLiteral("CO_API_KEY"),
                                   QString::fromLatin1(FakeCohereServer::defaultKey));
        return runGolive({QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--profile"),
                          profile, QStringLiteral("check"), QStringLiteral("--json")},
                         options);
    };
    const auto apiV2 = [](const QJsonObject &root) {
        for (const QJsonValue &value : root.value(QStringLiteral("evidence")).toArray()) {
            if (value.toObject().value(QStringLiteral("id")).toString() == QLatin1String("api-v2"))
                return value.toObject();
        }
        return QJsonObject();
    };
    GoliveRun before = check();
    ASSERT_TRUE(before.finished);
    ASSERT_TRUE(before.json().contains(QStringLiteral("verdict"))); // the existing keys stay
    EXPECT_EQ(apiV2(before.json()).value(QStringLiteral("result")).toString(),
              QStringLiteral("not run"));

    ASSERT_EQ(evidence(profile).exitCode, 1);
    GoliveRun after = check();
    ASSERT_TRUE(after.finished);
    const QJsonObject api = apiV2(after.json());
    EXPECT_EQ(api.value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
    EXPECT_FALSE(api.value(QStringLiteral("checked_at")).toString().isEmpty());
    EXPECT_FALSE(api.value(QStringLiteral("stale")).toBool());
    EXPECT_FALSE(api.value(QStringLiteral("findings")).toArray().isEmpty());

    const GoliveRun text = runGolive({QStringLiteral("--data-dir"), dataDir(),
                                      QStringLiteral("--profile"), profile,
                                      QStringLiteral("check")});
    EXPECT_TRUE(text.out.contains(QLatin1String("EVIDENCE"))) << text.out.toStdString();
}

TEST_F(EvidenceCommandTest, AnUnknownReleaseIsBadUsage)
{
    const GoliveRun run =
        evidence(copyIntegration("clean"), {QStringLiteral("--release"), QStringLiteral("nope")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("no evidence was gathered"))) << run.err.toStdString();
}

} // namespace
