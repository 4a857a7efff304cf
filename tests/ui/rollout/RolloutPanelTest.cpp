#include "ui/rollout/RolloutPanel.h"
#include "FakeKubeApi.h"
#include "ScriptedHealth.h"
#include "StubKubectl.h"
#include "src/metrics/MetricsStore.h"
#include "src/rollout/RunbookLoader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr int kWaitMs = 20'000;

using test::ScriptedHealth;

// With GOLIVE_PANEL_PNG_DIR set, the panel's picture goes there (for the README's screenshots).
void savePicture(QWidget &panel, const char *name)
{
    if (const QByteArray dir = qgetenv("GOLIVE_PANEL_PNG_DIR"); !dir.isEmpty()) {
        // Let pending layout requests run so the picture shows the settled layout.
        QCoreApplication::sendPostedEvents();
        panel.grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + QLatin1String(name));
    }
}

// The panel over a controller over the stub kubectl; no release open, so the deploy gate's
// required items (bundled checklist) are all open.
struct PanelFixture {
    test::StubKubectl stub;
    MetricsStore metrics;
    std::unique_ptr<RolloutController> controller;
    std::unique_ptr<RolloutPanel> panel;
    std::unique_ptr<QSignalSpy> finished;

    explicit PanelFixture(const QString &context = QStringLiteral("stub-context"))
    {
        stub.setEnv("STUB_KUBECTL_CONTEXTS", ("stub-context " + context).toUtf8());
        Profile profile;
        profile.kubectl = stub.settings();
        profile.kubectl.context = context;
        controller =
            std::make_unique<RolloutController>(profile, RunbookLoader::bundledDefault().value(),
                                                metrics, [] { return QList<Alert>(); });
        controller->executor().setKillGracePeriodMs(300);
        finished = std::make_unique<QSignalSpy>(controller.get(), &RolloutController::stepFinished);
        panel = std::make_unique<RolloutPanel>(*controller);
        panel->resize(1000, 640);
        panel->show();
    }

    QPushButton *button(const QString &name) const { return panel->findChild<QPushButton *>(name); }
    QString console() const { return panel->findChild<QPlainTextEdit *>("console")->toPlainText(); }

    void save(const char *name) const { savePicture(*panel, name); }
};

} // namespace

TEST(RolloutPanelTest, DeployIsDisabledWithATooltipListingTheOpenItems)
{
    PanelFixture f;
    QPushButton *deploy = f.button("step-deploy-canary");
    ASSERT_NE(deploy, nullptr);
    EXPECT_FALSE(deploy->isEnabled());
    EXPECT_TRUE(deploy->toolTip().contains("prereq-staging-verified"))
        << deploy->toolTip().toStdString();
    EXPECT_TRUE(f.button("overrideButton")->isVisible());
    EXPECT_TRUE(f.button("step-status")->isEnabled());
    EXPECT_TRUE(f.button("rollbackButton")->isEnabled());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return f.panel->findChild<QLabel *>("contextLabel")
                ->text()
                .contains("stub-context</b>");
        },
        kWaitMs));
    f.save("rollout-panel-idle.png");
}

namespace {

// The panel over a controller over the real kubectl and the fake API server: deployment "app"
// with revisions v1 and v2 (v2 serving on 4 pods); the context "prod-eu-1" is production.
struct ClusterPanelFixture {
    test::FakeKubeApi kube;
    MetricsStore metrics;
    ScriptedHealth health;
    std::unique_ptr<RolloutController> controller;
    std::unique_ptr<RolloutPanel> panel;
    std::unique_ptr<QSignalSpy> finished;

    ClusterPanelFixture()
    {
        EXPECT_TRUE(kube.start());
        kube.createDeployment(4, {"example/app:v1", "example/app:v2"});
        kube.writeManifest("example/app:v3");
        Profile profile;
        profile.kubectl = kube.settings();
        profile.canary.watchMinutes = 7;
        controller =
            std::make_unique<RolloutController>(profile, RunbookLoader::bundledDefault().value(),
                                                metrics, [] { return QList<Alert>(); });
        controller->setHealthChecker(&health);
        controller->executor().setKillGracePeriodMs(300);
        finished = std::make_unique<QSignalSpy>(controller.get(), &RolloutController::stepFinished);
        panel = std::make_unique<RolloutPanel>(*controller);
        panel->resize(1100, 700);
        panel->show();
    }

    QPushButton *button(const QString &name) const { return panel->findChild<QPushButton *>(name); }
    QComboBox *revisions() const { return panel->findChild<QComboBox *>("revisionCombo"); }
    QString console() const { return panel->findChild<QPlainTextEdit *>("console")->toPlainText(); }
    QString strip() const { return panel->findChild<QLabel *>("resultStrip")->text(); }

    // The revision list once the cluster has been read (the tab was shown).
    bool revisionsRead() const
    {
        return QTest::qWaitFor([&] { return revisions()->count() > 1; }, kWaitMs);
    }

    QMessageBox *rollbackDialog() const
    {
        QMessageBox *box = nullptr;
        // Either the dialog opens or the strip says why not; the caller asserts which.
        (void)QTest::qWaitFor(
            [&] {
                box = panel->findChild<QMessageBox *>("rollbackDialog");
                return box != nullptr || strip().contains("NOT rolled back");
            },
            kWaitMs);
        return box;
    }

    void save(const char *name) const { savePicture(*panel, name); }
};

} // namespace

TEST(RolloutPanelTest, TheRevisionListIsReadFromTheClusterWithImagesAndTheCurrentOneMarked)
{
    ClusterPanelFixture f;
    ASSERT_TRUE(f.revisionsRead());
    QStringList items;
    for (int i = 1; i < f.revisions()->count(); ++i)
        items << f.revisions()->itemText(i).section(QStringLiteral(" · "), 0, 1) +
                     (f.revisions()->itemText(i).endsWith("(current)") ? " (current)" : "");
    EXPECT_EQ(items, (QStringList{"revision 2 · example/app:v2 (current)",
                                  "revision 1 · example/app:v1"}));
    auto *model = qobject_cast<QStandardItemModel *>(f.revisions()->model());
    ASSERT_NE(model, nullptr);
    EXPECT_FALSE(model->item(1)->isEnabled()) << "what runs now is no rollback target";
    EXPECT_TRUE(f.panel->findChild<QLabel *>("clusterView")->text().contains("example/app:v2"));
    EXPECT_EQ(f.button("step-watch-canary")->text(), QStringLiteral("Watch canary (7 min)"));
}

TEST(RolloutPanelTest, RollbackNamesItsTargetBeforeAnythingRunsAndCancelsTheRunningStep)
{
    ClusterPanelFixture f;
    f.button("step-watch-canary")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.controller->isRunning(); }, kWaitMs));
    EXPECT_TRUE(f.button("rollbackButton")->isEnabled());

    f.button("rollbackButton")->click();
    QMessageBox *box = f.rollbackDialog();
    ASSERT_NE(box, nullptr) << f.strip().toStdString();
    EXPECT_TRUE(box->text().contains("Roll back to revision 1: example/app:v1"))
        << box->text().toStdString();
    EXPECT_TRUE(box->text().contains("it will run 4 pods")) << box->text().toStdString();
    EXPECT_TRUE(box->text().contains("Production now: example/app:v2 on 4 pods"));
    EXPECT_TRUE(box->text().contains("'watch-canary' will be cancelled first"));
    EXPECT_TRUE(f.kube.mutatingRequests().isEmpty()) << "nothing changed before OK";
    f.save("rollout-panel-rollback-confirm.png");
    box->button(QMessageBox::Ok)->click();

    ASSERT_TRUE(QTest::qWaitFor([&] { return f.finished->size() == 2; }, kWaitMs))
        << f.finished->size();
    EXPECT_EQ(f.finished->at(0).first().value<StepResult>().outcome,
              StepResult::Outcome::Cancelled);
    const auto rollback = f.finished->at(1).first().value<StepResult>();
    EXPECT_EQ(rollback.outcome, StepResult::Outcome::Ok) << rollback.message.toStdString();
    EXPECT_TRUE(f.strip().contains(">rolled back</b>")) << f.strip().toStdString();
    EXPECT_EQ(f.kube.podImages(), QStringList(4, "example/app:v1"));
    // Read-backs are one line each in the console; their JSON is one click away.
    EXPECT_TRUE(f.console().contains("read back before: revision 2, image example/app:v2"))
        << f.console().toStdString();
    EXPECT_FALSE(f.console().contains("\"apiVersion\"")) << "no JSON dumps in the console";
    f.button("readbackJsonButton")->click();
    auto *json = f.panel->findChild<QDialog *>("readbackJsonDialog");
    ASSERT_NE(json, nullptr);
    EXPECT_TRUE(
        json->findChild<QPlainTextEdit *>()->toPlainText().contains("\"kind\": \"Deployment\""));
}

TEST(RolloutPanelTest, AChoiceThatNoLongerExistsCannotBeSubmitted)
{
    ClusterPanelFixture f;
    ASSERT_TRUE(f.revisionsRead());
    const int v1 = f.revisions()->findText("revision 1", Qt::MatchStartsWith);
    ASSERT_GT(v1, 0);
    f.revisions()->setCurrentIndex(v1);
    // Someone deletes that ReplicaSet from another terminal.
    QProcess kubectl;
    kubectl.start("kubectl", {"delete", "replicaset",
                              f.kube.replicaSets()
                                  .at(0)
                                  .toObject()
                                  .value("metadata")
                                  .toObject()
                                  .value("name")
                                  .toString(),
                              "--kubeconfig", f.kube.kubeconfigPath(), "--context", "prod-eu-1",
                              "--namespace", "shop"});
    ASSERT_TRUE(kubectl.waitForFinished(kWaitMs));
    ASSERT_EQ(kubectl.exitCode(), 0) << kubectl.readAllStandardError().toStdString();
    const int before = int(f.kube.mutatingRequests().size());

    f.button("rollbackButton")->click();
    EXPECT_EQ(f.rollbackDialog(), nullptr);
    EXPECT_TRUE(f.strip().contains("NOT rolled back")) << f.strip().toStdString();
    EXPECT_TRUE(f.strip().contains("no longer exists")) << f.strip().toStdString();
    EXPECT_EQ(f.kube.mutatingRequests().size(), before);
}

TEST(RolloutPanelTest, ARollbackThatWorkedWhileProductionIsStillUnhealthyIsAmberWithBothFacts)
{
    ClusterPanelFixture f;
    f.health.production = Error{"down", "Cohere status: down"};
    f.button("rollbackButton")->click();
    QMessageBox *box = f.rollbackDialog();
    ASSERT_NE(box, nullptr) << f.strip().toStdString();
    box->button(QMessageBox::Ok)->click();
    ASSERT_TRUE(f.finished->wait(kWaitMs));
    EXPECT_TRUE(f.strip().contains("rolled back — production still unhealthy"))
        << f.strip().toStdString();
    EXPECT_TRUE(f.strip().contains("Cohere status: down"));
    f.save("rollout-panel-rolled-back-unhealthy.png");
}

TEST(RolloutPanelTest, ANewDeployClearsTheLastWatchsVerdict)
{
    ClusterPanelFixture f;
    auto *verdict = f.panel->findChild<QLabel *>("canaryVerdict");
    f.button("step-watch-canary")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.controller->isRunning(); }, kWaitMs));
    f.button("cancelButton")->click();
    ASSERT_TRUE(f.finished->wait(kWaitMs));
    EXPECT_TRUE(verdict->text().contains("Final verdict")) << verdict->text().toStdString();
    EXPECT_TRUE(f.strip().contains("cancelled")) << f.strip().toStdString();
    EXPECT_TRUE(f.strip().contains("verdict so far")) << f.strip().toStdString();

    f.kube.stepOnChange(1);
    ASSERT_TRUE((f.controller->runStep("deploy-canary", "checklist ticked on paper")).ok());
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.finished->size() == 2; }, kWaitMs));
    ASSERT_TRUE(f.finished->last().first().value<StepResult>().ok())
        << f.finished->last().first().value<StepResult>().message.toStdString();
    EXPECT_TRUE(verdict->text().startsWith("No canary watch yet")) << verdict->text().toStdString();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return f.panel->findChild<QLabel *>("clusterView")->text().contains("<b>Canary</b>");
        },
        kWaitMs));
    f.save("rollout-panel-canary.png");
}

TEST(RolloutPanelTest, PromotingACanaryThatWasNotWatchedAsksForAReason)
{
    ClusterPanelFixture f;
    f.controller->setChecklist(nullptr);
    f.button("step-promote")->setEnabled(true); // the gate's own refusal is tested elsewhere
    f.button("step-promote")->click();
    auto *dialog = f.panel->findChild<QInputDialog *>("promoteReasonDialog");
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->labelText().contains("the current canary was not watched"))
        << dialog->labelText().toStdString();
    dialog->reject();
    EXPECT_TRUE(f.kube.mutatingRequests().isEmpty());
}

TEST(RolloutPanelTest, AMutatingStepAsksFirstAndAFailedPostConditionIsShown)
{
    PanelFixture f;
    // kubectl says "paused" but the deployment does not end up paused.
    f.stub.setScript({"rollout pause\tstdout=deployment.apps/app paused"});
    f.button("step-pause")->click();
    auto *box = f.panel->findChild<QMessageBox *>("confirmDialog");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains(
        f.stub.kubectlPath() +
        " rollout pause deployment/app --context stub-context --namespace shop"));
    for (const QStringList &call : f.stub.calls())
        EXPECT_TRUE(call.first() == QLatin1String("config") || call.first() == QLatin1String("get"))
            << "only reads before the confirmation: " << call.join(' ').toStdString();
    box->button(QMessageBox::Ok)->click();
    ASSERT_TRUE(f.finished->wait(kWaitMs));
    const auto result = f.finished->first().first().value<StepResult>();
    EXPECT_EQ(result.outcome, StepResult::Outcome::Failed);
    auto *strip = f.panel->findChild<QLabel *>("resultStrip");
    EXPECT_TRUE(strip->text().contains("failed", Qt::CaseInsensitive));
    EXPECT_TRUE(strip->text().contains("before:"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.button("step-status")->isEnabled(); }, kWaitMs));
    f.save("rollout-panel-failed.png");
}

TEST(RolloutPanelTest, AProductionContextIsMarkedInRed)
{
    PanelFixture staging;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return staging.panel->findChild<QLabel *>("contextLabel")
                ->text()
                .contains("current context: <b>stub-context");
        },
        kWaitMs));
    EXPECT_FALSE(staging.panel->findChild<QLabel *>("productionLabel")->isVisible());

    PanelFixture production(QStringLiteral("prod-eu"));
    auto *label = production.panel->findChild<QLabel *>("productionLabel");
    ASSERT_TRUE(QTest::qWaitFor([&] { return label->isVisible(); }, kWaitMs));
    EXPECT_TRUE(production.panel->findChild<QLabel *>("contextLabel")
                    ->text()
                    .contains("color:#c62828'>prod-eu"));
    production.save("rollout-panel-production.png");
}

namespace {

// A paused canary (1 pod on v3 beside 3 on v2) on the fake API server, with pod health probed
// through the pod proxy.
struct CanaryPanelFixture {
    test::FakeKubeApi kube;
    MetricsStore metrics;
    ScriptedHealth health;
    std::unique_ptr<RolloutController> controller;
    std::unique_ptr<RolloutPanel> panel;

    CanaryPanelFixture()
    {
        EXPECT_TRUE(kube.start());
        kube.createDeployment(4, {"example/app:v1", "example/app:v2"});
        kube.writeManifest("example/app:v3");
        kube.freezeController();
        kubectl({"apply", "-f", kube.settings().manifest});
        kube.stepController();
        kubectl({"rollout", "pause", "deployment/app"});
        kube.stepController();
        Profile profile;
        profile.kubectl = kube.settings();
        profile.canary.watchMinutes = 10;
        profile.canary.podHealth = {8080, QStringLiteral("/api/health")};
        controller =
            std::make_unique<RolloutController>(profile, RunbookLoader::bundledDefault().value(),
                                                metrics, [] { return QList<Alert>(); });
        controller->setHealthChecker(&health);
        controller->executor().setKillGracePeriodMs(300);
        panel = std::make_unique<RolloutPanel>(*controller);
        panel->resize(1250, 860);
        panel->show();
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

    QString cluster() const { return panel->findChild<QLabel *>("clusterView")->text(); }
    QString verdict() const { return panel->findChild<QLabel *>("canaryVerdict")->text(); }
};

} // namespace

TEST(RolloutPanelTest, TheWatchShowsEachPodsHealthAndFailsACrashLoopingCanaryNamingThePod)
{
    CanaryPanelFixture f;
    f.kube.setPodFault("example/app:v3", {{"crashloop", true}});
    f.kube.stepController(3);
    QSignalSpy finished(&f.controller->canaryWatch(), &CanaryWatch::finished);
    QSignalSpy sampled(f.controller.get(), &RolloutController::podHealthSampled);
    f.panel->findChild<QPushButton *>("step-watch-canary")->click();
    ASSERT_TRUE(!finished.isEmpty() || finished.wait(kWaitMs)) << "the watch did not fail at once";
    const auto verdict = finished.first().first().value<CanaryVerdict>();
    EXPECT_EQ(verdict.overall, CanaryVerdict::Overall::Unhealthy);
    ASSERT_TRUE(QTest::qWaitFor([&] { return sampled.size() >= 4; }, kWaitMs)) << sampled.size();
    // Every pod of both versions was asked, each with its version.
    int canary = 0;
    for (const auto &args : sampled)
        canary += args.first().value<PodHealthSample>().version == PodVersion::Canary ? 1 : 0;
    EXPECT_EQ(canary, 1);
    EXPECT_TRUE(QTest::qWaitFor([&] { return f.cluster().contains("health: "); }, kWaitMs));
    EXPECT_TRUE(f.cluster().contains("CrashLoopBackOff")) << f.cluster().toStdString();
    EXPECT_TRUE(f.cluster().contains("down 503")) << f.cluster().toStdString();
    EXPECT_TRUE(f.cluster().contains("healthy 200")) << f.cluster().toStdString();
    EXPECT_TRUE(f.verdict().contains("CrashLoopBackOff, ")) << f.verdict().toStdString();
    EXPECT_TRUE(f.verdict().contains("Final verdict: Unhealthy")) << f.verdict().toStdString();
    EXPECT_TRUE(f.verdict().contains("Cohere from this machine: chat P95"));
    // Every line of the verdict is on screen, down to the recommendation.
    auto *verdictLabel = f.panel->findChild<QLabel *>("canaryVerdict");
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return verdictLabel->height() >= verdictLabel->sizeHint().height(); }, kWaitMs))
        << verdictLabel->height() << " < " << verdictLabel->sizeHint().height();
    savePicture(*f.panel, "rollout-canary-verdict.png");
}

TEST(RolloutPanelTest, DuringTheWatchCanaryAndStableAreReadAgainWithoutAClick)
{
    CanaryPanelFixture f;
    f.controller->setPodRefreshIntervalMs(200);
    QSignalSpy sampled(f.controller.get(), &RolloutController::podHealthSampled);
    f.panel->findChild<QPushButton *>("step-watch-canary")->click();
    // Two rounds over the four pods: the watch keeps asking.
    ASSERT_TRUE(QTest::qWaitFor([&] { return sampled.size() >= 8; }, kWaitMs)) << sampled.size();
    EXPECT_TRUE(f.controller->canaryWatch().isWatching());
    EXPECT_FALSE(f.cluster().contains("CrashLoopBackOff"));
    // The canary starts crash-looping in the middle of the watch; nobody clicks anything.
    f.kube.setPodFault("example/app:v3", {{"crashloop", true}});
    EXPECT_TRUE(QTest::qWaitFor([&] { return f.cluster().contains("CrashLoopBackOff"); }, kWaitMs))
        << f.cluster().toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !f.controller->canaryWatch().isWatching(); },
                                kWaitMs));
    EXPECT_EQ(f.controller->canaryWatch().verdict().overall, CanaryVerdict::Overall::Unhealthy);
}

// With Prometheus configured, the watch's traffic lines show value, threshold and window, and
// the PromQL each ran appears on demand: "why did it fail?" is answered on screen.
TEST(RolloutPanelTest, TrafficLinesShowTheirNumbersAndThePromqlOnDemand)
{
    test::StubKubectl stub;
    stub.setEnv("STUB_KUBECTL_CONTEXTS", "stub-context");
    MetricsStore metrics;
    Profile profile;
    profile.kubectl = stub.settings();
    profile.kubectl.context = QStringLiteral("stub-context");
    profile.prometheus.url = QUrl(QStringLiteral("http://127.0.0.1:9"));
    RolloutController controller(profile, RunbookLoader::bundledDefault().value(), metrics,
                                 [] { return QList<Alert>(); });
    RolloutPanel panel(controller);
    panel.resize(1000, 640);
    panel.show();
    auto *showQueries = panel.findChild<QCheckBox *>("showTrafficQueries");
    ASSERT_NE(showQueries, nullptr);
    EXPECT_TRUE(showQueries->isVisible());

    VersionTraffic canary;
    canary.version = QStringLiteral("canary");
    canary.window = QStringLiteral("5m");
    VersionTraffic stable = canary;
    stable.version = QStringLiteral("stable");
    for (VersionTraffic *t : {&canary, &stable}) {
        for (const TrafficSignal *signal : t->signalList()) {
            TrafficSignal *s = t->signalByKey(signal->key);
            s->promql = QStringLiteral("%1{pod=~\"%2\"}").arg(signal->key, t->version);
            s->value = 0.0;
        }
        t->requestsPerS.value = 2.0;
        t->chatP95Ms.value = 250;
    }
    canary.error5xxShare.value = 0.30;
    CanaryWatch &watch = controller.canaryWatch();
    watch.start(600'000);
    watch.setTrafficEvidence(TrafficVerdict::evaluate(canary, stable, {}, {}), canary);

    auto *verdict = panel.findChild<QLabel *>("canaryVerdict");
    const QString shown = verdict->text();
    EXPECT_TRUE(shown.contains("traffic-5xx-share <small>(Prometheus, fail; value 30.0 %, "
                               "threshold 5.0 %, window 5m)"))
        << shown.toStdString();
    EXPECT_FALSE(shown.contains("error_5xx_share{pod=~&quot;canary&quot;}"));
    showQueries->setChecked(true);
    EXPECT_TRUE(verdict->text().contains("error_5xx_share{pod=~&quot;canary&quot;}"))
        << verdict->text().toStdString();
    savePicture(panel, "rollout-traffic-verdict.png");
    watch.stop();
}
