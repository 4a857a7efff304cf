#include "rollout/RolloutPanel.h"
#include "StubKubectl.h"
#include "metrics/MetricsStore.h"
#include "rollout/RunbookLoader.h"

#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace golive;

namespace {

constexpr int kWaitMs = 10'000;

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

    void save(const char *name) const
    {
        if (const QByteArray dir = qgetenv("GOLIVE_PANEL_PNG_DIR"); !dir.isEmpty()) {
            // Let pending layout requests run so the picture shows the settled layout.
            QCoreApplication::sendPostedEvents();
            panel->grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') +
                               QLatin1String(name));
        }
    }
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

TEST(RolloutPanelTest, RollbackStaysEnabledWhileAStepRunsAndItsConfirmationNamesTheCommands)
{
    PanelFixture f;
    f.stub.setScript({"rollout status\tstdout=Waiting for deployment \"app\" rollout to finish: 1 "
                      "of 3 updated\thang"});
    f.button("step-status")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.console().contains("1 of 3 updated"); }, kWaitMs));
    EXPECT_TRUE(f.console().contains(
        "$ kubectl rollout status deployment/app --watch=false --context stub-context"));
    EXPECT_TRUE(f.button("cancelButton")->isEnabled());
    EXPECT_FALSE(f.button("step-history")->isEnabled());
    EXPECT_TRUE(f.button("rollbackButton")->isEnabled());
    f.save("rollout-panel-running.png");

    f.button("rollbackButton")->click();
    auto *box = f.panel->findChild<QMessageBox *>("rollbackDialog");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains("Context: stub-context"));
    EXPECT_TRUE(box->text().contains(
        f.stub.kubectlPath() +
        " rollout undo deployment/app --context stub-context --namespace shop"))
        << box->text().toStdString();
    EXPECT_TRUE(box->text().contains("'status' will be cancelled first"));
    f.stub.setScript({});
    box->button(QMessageBox::Ok)->click();

    ASSERT_TRUE(QTest::qWaitFor([&] { return f.finished->size() == 2; }, kWaitMs))
        << f.finished->size();
    EXPECT_EQ(f.finished->at(0).first().value<StepResult>().outcome,
              StepResult::Outcome::Cancelled);
    EXPECT_EQ(f.finished->at(1).first().value<StepResult>().stepId, QStringLiteral("rollback"));
    EXPECT_TRUE(f.stub.calls().contains(QStringList{
        "rollout", "undo", "deployment/app", "--context", "stub-context", "--namespace", "shop"}));
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
        EXPECT_EQ(call.first(), QStringLiteral("config"))
            << "only the kubeconfig is read before the confirmation";
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
