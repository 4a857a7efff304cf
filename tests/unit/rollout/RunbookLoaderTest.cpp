#include "src/rollout/RunbookLoader.h"
#include "src/common/AtomicFile.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

// A minimal valid runbook with `extraStep` (JSON text) added before its rollback step.
QByteArray runbookWith(const QByteArray &extraStep)
{
    return R"({"steps": [)" + extraStep + (extraStep.isEmpty() ? "" : ",") + R"(
        {"id": "rollback", "title": "Roll back", "mutates": true, "confirm": "Roll back?",
         "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})";
}

QString problems(const QByteArray &json)
{
    const auto book = RunbookLoader::fromJson(json);
    return book.ok() ? QString() : book.error().message;
}

::testing::AssertionResult refusedWith(const QByteArray &json, const QString &expected)
{
    const QString message = problems(json);
    if (message.isEmpty())
        return ::testing::AssertionFailure() << "the runbook was accepted";
    if (!message.contains(expected))
        return ::testing::AssertionFailure() << "message \"" << message.toStdString()
                                             << "\" lacks \"" << expected.toStdString() << "\"";
    return ::testing::AssertionSuccess();
}

} // namespace

TEST(DefaultRunbook, HasTheSeedsGradualRolloutStepsInOrder)
{
    const auto book = RunbookLoader::bundledDefault();
    ASSERT_TRUE(book.ok()) << book.error().message.toStdString();
    EXPECT_EQ(book.value().stepIds(),
              (QStringList{"preflight", "deploy-canary", "pause", "watch-canary", "promote",
                           "rollback", "status", "history"}));
}

TEST(DefaultRunbook, GatesOnlyDeployAndPromoteAndNeverRollback)
{
    const auto book = RunbookLoader::bundledDefault();
    ASSERT_TRUE(book.ok());
    const Runbook &r = book.value();
    EXPECT_EQ(r.step("deploy-canary")->gate, QStringLiteral("deploy"));
    EXPECT_EQ(r.step("promote")->gate, QStringLiteral("promote"));
    for (const QString id : {"preflight", "pause", "watch-canary", "rollback", "status", "history"})
        EXPECT_TRUE(r.step(id)->gate.isEmpty()) << id.toStdString();
}

TEST(DefaultRunbook, MarksExactlyTheChangingStepsAsMutatingWithConfirmation)
{
    const auto book = RunbookLoader::bundledDefault();
    ASSERT_TRUE(book.ok());
    for (const RunbookStep &s : book.value().steps) {
        const bool shouldMutate =
            QStringList{"deploy-canary", "pause", "promote", "rollback"}.contains(s.id);
        EXPECT_EQ(s.mutates, shouldMutate) << s.id.toStdString();
        EXPECT_EQ(!s.confirm.isEmpty(), shouldMutate) << s.id.toStdString();
    }
}

TEST(DefaultRunbook, WatchesTheCanaryForTenMinutesAndChecksProductionAfterRollback)
{
    const auto book = RunbookLoader::bundledDefault();
    ASSERT_TRUE(book.ok());
    const RunbookStep *watch = book.value().step("watch-canary");
    ASSERT_EQ(watch->actions.size(), 1);
    EXPECT_EQ(watch->actions.first().kind, RunbookAction::Kind::Watch);
    EXPECT_EQ(watch->actions.first().watchMinutes, 10.0);

    const RunbookStep *rollback = book.value().step("rollback");
    EXPECT_EQ(rollback->actions.first().kind, RunbookAction::Kind::SelectRollbackTarget)
        << "the target is chosen before anything changes";
    EXPECT_EQ(rollback->actions.at(2).kind, RunbookAction::Kind::RestoreTemplate);
    EXPECT_EQ(rollback->actions.last().kind, RunbookAction::Kind::Health);
    EXPECT_EQ(rollback->actions.last().healthTarget, QStringLiteral("production"));
    EXPECT_TRUE(rollback->expect.restored);
    EXPECT_EQ(rollback->expect.paused, false);
    EXPECT_TRUE(book.value().step("deploy-canary")->expect.canary);

    const RunbookStep *preflight = book.value().step("preflight");
    ASSERT_EQ(preflight->actions.size(), 2);
    EXPECT_EQ(preflight->actions.at(0).healthTarget, QStringLiteral("staging"));
    EXPECT_EQ(preflight->actions.at(1).healthTarget, QStringLiteral("status-page"));
}

TEST(DefaultRunbook, NamesTheRoleOfEachStepCodeAsksFor)
{
    const auto book = RunbookLoader::bundledDefault();
    ASSERT_TRUE(book.ok());
    EXPECT_EQ(book.value().idOfRole(steprole::deploy), QStringLiteral("deploy-canary"));
    EXPECT_EQ(book.value().idOfRole(steprole::watch), QStringLiteral("watch-canary"));
    EXPECT_EQ(book.value().idOfRole(steprole::promote), QStringLiteral("promote"));
    EXPECT_EQ(book.value().idOfRole(steprole::rollback), QStringLiteral("rollback"));
}

TEST(RunbookLoader, RefusesARestoreWithoutATargetAndATargetChosenAfterAChange)
{
    EXPECT_TRUE(refusedWith(R"({"steps": [{"id": "rollback", "title": "R", "mutates": true,
        "confirm": "?", "actions": [{"restore-template": true}]}]})",
                            "restore-template needs a select-rollback-target before it"));
    EXPECT_TRUE(refusedWith(R"({"steps": [{"id": "rollback", "title": "R", "mutates": true,
        "confirm": "?", "actions": [{"kubectl": ["rollout", "pause", "deployment/${deployment}"]},
        {"select-rollback-target": true}]}]})",
                            "step \"rollback\" at steps[0].actions[1]: select-rollback-target "
                            "must come before every kubectl action"));
    EXPECT_TRUE(refusedWith(R"({"steps": [{"id": "rollback", "title": "R", "role": "deploy",
        "mutates": true, "confirm": "?", "actions": [{"select-rollback-target": true}]}]})",
                            "the \"rollback\" step can only have the role \"rollback\""));
}

TEST(RunbookLoader, ATeamMayNameItsRollbackStepAsItLikesWhenItsRoleSaysSo)
{
    const auto book = RunbookLoader::fromJson(R"({"steps": [{"id": "back-out", "title": "B",
        "role": "rollback", "mutates": true, "confirm": "?",
        "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})");
    ASSERT_TRUE(book.ok()) << book.error().message.toStdString();
    EXPECT_EQ(book.value().idOfRole(steprole::rollback), QStringLiteral("back-out"));
    EXPECT_TRUE(refusedWith(R"({"steps": [{"id": "back-out", "title": "B", "mutates": false,
        "actions": [{"kubectl": ["get", "pods"]}]}]})",
                            "no rollback step"));
}

TEST(RunbookLoader, ReportsInvalidJsonWithItsPosition)
{
    const QString message = problems(R"({"steps": [)");
    EXPECT_TRUE(message.contains("not valid JSON")) << message.toStdString();
    EXPECT_TRUE(message.contains("byte")) << message.toStdString();
}

TEST(RunbookLoader, ReportsAnUnknownPlaceholderWithStepIdAndJsonPath)
{
    EXPECT_TRUE(refusedWith(
        runbookWith(R"({"id": "look", "title": "Look", "mutates": false,
        "actions": [{"kubectl": ["get", "pods", "-l", "app=${app_name}"]}]})"),
        R"(step "look" at steps[0].actions[0].kubectl[3]: unknown placeholder ${app_name})"));
}

TEST(RunbookLoader, ReportsUnknownKeysWithStepIdAndJsonPath)
{
    EXPECT_TRUE(
        refusedWith(runbookWith(R"({"id": "look", "title": "Look", "mutates": false,
        "gates": "deploy", "actions": [{"watch": {"minutes": 1, "verdict": "auto"}}]})"),
                    R"(step "look" at steps[0].gates: unknown key (did you mean "gate"?))"));
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "look", "title": "Look", "mutates": false,
        "actions": [{"watch": {"minutes": 1, "verdict": "auto"}}]})"),
                            R"(step "look" at steps[0].actions[0].watch.verdict: unknown key)"));
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "look", "title": "Look", "mutates": false,
        "actions": [{"shell": "curl x"}]})"),
                            R"(step "look" at steps[0].actions[0]: unknown action "shell")"));
}

TEST(RunbookLoader, ReportsDuplicateIds)
{
    const QByteArray step = R"({"id": "history", "title": "History", "mutates": false,
        "actions": [{"kubectl": ["rollout", "history", "deployment/${deployment}"]}]})";
    EXPECT_TRUE(refusedWith(runbookWith(step + "," + step),
                            R"(step "history" at steps[1].id: duplicate id)"));
}

TEST(RunbookLoader, ReportsMissingFields)
{
    EXPECT_TRUE(refusedWith(
        runbookWith(R"({"id": "x", "mutates": false, "actions": [{"readback": true}]})"),
        R"(step "x" at steps[0]: missing "title")"));
    EXPECT_TRUE(
        refusedWith(runbookWith(R"({"id": "x", "title": "X", "actions": [{"readback": true}]})"),
                    R"(step "x" at steps[0]: missing "mutates")"));
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "x", "title": "X", "mutates": false})"),
                            R"(step "x" at steps[0]: missing "actions")"));
    EXPECT_TRUE(refusedWith(
        runbookWith(R"({"title": "X", "mutates": false, "actions": [{"readback": true}]})"),
        R"(steps[0]: missing "id")"));
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "x", "title": "X", "mutates": true,
        "actions": [{"kubectl": ["rollout", "restart", "deployment/${deployment}"]}]})"),
                            R"(step "x" at steps[0]: missing "confirm")"));
}

TEST(RunbookLoader, RefusesAGatedOrConditionalRollbackAndARunbookWithoutOne)
{
    EXPECT_TRUE(refusedWith(R"({"steps": [{"id": "rollback", "title": "R", "mutates": true,
        "confirm": "?", "gate": "deploy", "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})",
                            "rollback is never gated"));
    EXPECT_TRUE(refusedWith(R"({"steps": [{"id": "rollback", "title": "R", "mutates": true,
        "confirm": "?", "preconditions": ["staging-health"],
        "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]}]})",
                            "rollback must always be possible"));
    EXPECT_TRUE(refusedWith(R"({"steps": [{"id": "history", "title": "H", "mutates": false,
        "actions": [{"kubectl": ["rollout", "history", "deployment/${deployment}"]}]}]})",
                            "no rollback step (id \"rollback\" or \"role\": \"rollback\")"));
}

TEST(RunbookLoader, RefusesAReadOnlyStepThatChangesTheCluster)
{
    EXPECT_TRUE(refusedWith(
        runbookWith(R"({"id": "status", "title": "S", "mutates": false,
        "actions": [{"kubectl": ["rollout", "undo", "deployment/${deployment}"]}]})"),
        R"(steps[0].actions[0].kubectl: the step is marked "mutates": false but runs "kubectl rollout undo")"));
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "s", "title": "S", "mutates": false,
        "actions": [{"kubectl": ["apply", "-f", "${manifest}"]}]})"),
                            R"(runs "kubectl apply", which changes the cluster)"));
}

// An allowlist, not a denylist: every flag and command below ran before, some without a
// confirmation because their step said it changed nothing.
TEST(RunbookLoader, RefusesKubectlCommandsAndFlagsOutsideTheAllowlistWithTheirJsonPath)
{
    const QList<std::pair<QString, QString>> refused = {
        {R"(["get", "pods", "-A"])", R"("-A" is not a flag golive lets "kubectl get" take)"},
        {R"(["get", "pods", "--all-namespaces"])", R"("--all-namespaces" is not a flag)"},
        {R"(["get", "pods", "--as-uid=0"])", R"("--as-uid=0" is not a flag)"},
        {R"(["get", "pods", "--insecure-skip-tls-verify"])",
         R"("--insecure-skip-tls-verify" is not a flag)"},
        {R"(["get", "pods", "--client-certificate", "/x"])", R"("--client-certificate" is not)"},
        {R"(["get", "pods", "--client-key=/x"])", R"("--client-key=/x" is not a flag)"},
        {R"(["get", "pods", "--certificate-authority=/x"])", R"("--certificate-authority=/x")"},
        {R"(["get", "pods", "--tls-server-name=x"])", R"("--tls-server-name=x" is not a flag)"},
        {R"(["get", "pods", "--username=x"])", R"("--username=x" is not a flag)"},
        {R"(["get", "pods", "--password=x"])", R"("--password=x" is not a flag)"},
        {R"(["config", "use-context", "other"])",
         R"("kubectl config use-context" is not a command)"},
        {R"(["debug", "pod/x", "--image=busybox"])", R"("kubectl debug pod/x" is not a command)"},
        {R"(["certificate", "approve", "x"])", R"("kubectl certificate approve" is not a command)"},
        {R"(["auth", "reconcile", "-f", "x"])", R"("kubectl auth reconcile" is not a command)"},
    };
    for (const auto &[argv, why] : refused) {
        const QString message = problems(runbookWith(
            QStringLiteral(
                R"({"id": "look", "title": "L", "mutates": false, "actions": [{"kubectl": %1}]})")
                .arg(argv)
                .toUtf8()));
        EXPECT_TRUE(
            message.contains(QStringLiteral("step \"look\" at steps[0].actions[0].kubectl")))
            << message.toStdString();
        EXPECT_TRUE(message.contains(why)) << argv.toStdString() << ": " << message.toStdString();
    }
}

TEST(RunbookLoader, LetsThroughWhatTheBundledRunbookAndUsualReadsUse)
{
    for (const QString argv :
         {R"(["get", "pods", "-l", "app=web", "-o", "wide"])",
          R"(["get", "deployment/${deployment}", "-o", "json"])",
          R"(["rollout", "status", "deployment/${deployment}", "--watch=false"])",
          R"(["logs", "deployment/${deployment}", "--tail", "50"])"}) {
        EXPECT_EQ(problems(runbookWith(QStringLiteral(R"({"id": "look", "title": "L",
            "mutates": false, "actions": [{"kubectl": %1}]})")
                                           .arg(argv)
                                           .toUtf8())),
                  QString())
            << argv.toStdString();
    }
}

TEST(RunbookLoader, RefusesArgumentsThatChooseTheClusterInsteadOfTheProfile)
{
    for (const char *flag :
         {"--context=other", "--namespace", "-n", "-nkube-system", "--kubeconfig=/evil",
          "--server=https://x", "--token=abc", "--as=admin"}) {
        const QByteArray step = QByteArray(R"({"id": "s", "title": "S", "mutates": false,
            "actions": [{"kubectl": ["get", "pods", ")") +
                                flag + R"("]}]})";
        EXPECT_TRUE(refusedWith(runbookWith(step), R"(step "s" at steps[0].actions[0].kubectl[2])"))
            << flag;
    }
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "s", "title": "S", "mutates": false,
        "actions": [{"kubectl": ["get", "pods", "--"]}]})"),
                            "would make kubectl ignore the profile's --context"));
}

TEST(RunbookLoader, RefusesBadActionValues)
{
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "w", "title": "W", "mutates": false,
        "actions": [{"watch": {"minutes": 0}}]})"),
                            "steps[0].actions[0].watch.minutes"));
    EXPECT_TRUE(refusedWith(
        runbookWith(R"({"id": "h", "title": "H", "mutates": false,
        "actions": [{"health": "prod"}]})"),
        R"(step "h" at steps[0].actions[0].health: expected one of production, staging, status-page)"));
    EXPECT_TRUE(refusedWith(runbookWith(R"({"id": "h", "title": "H", "mutates": false,
        "actions": [{"kubectl": []}]})"),
                            "expected a non-empty list of arguments"));
    EXPECT_TRUE(
        refusedWith(runbookWith(R"({"id": "h", "title": "H", "mutates": false, "timeout_s": -3,
        "actions": [{"readback": true}]})"),
                    "steps[0].timeout_s"));
}

TEST(RunbookLoader, ReportsEveryProblemAtOnce)
{
    const QString message = problems(runbookWith(R"({"id": "a", "title": "A", "mutates": false,
        "actions": [{"kubectl": ["get", "${nope}"]}, {"health": "moon"}]})"));
    EXPECT_TRUE(message.contains("${nope}")) << message.toStdString();
    EXPECT_TRUE(message.contains("moon") || message.contains("actions[1].health"))
        << message.toStdString();
}

TEST(RunbookLoader, ReadsATeamsOwnFileAndNamesItInErrors)
{
    QTemporaryDir dir;
    const QString good = dir.filePath("runbook.json");
    ASSERT_TRUE((writeFileAtomically(good, runbookWith({}))).ok());
    const auto book = RunbookLoader::fromFile(good);
    ASSERT_TRUE(book.ok()) << book.error().message.toStdString();
    EXPECT_EQ(book.value().stepIds(), QStringList{"rollback"});

    const QString bad = dir.filePath("bad.json");
    ASSERT_TRUE((writeFileAtomically(bad, "[]")).ok());
    const auto refused = RunbookLoader::fromFile(bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.startsWith(bad)) << refused.error().message.toStdString();

    EXPECT_FALSE(RunbookLoader::fromFile(dir.filePath("missing.json")).ok());
}
