#include "src/console/ReleaseRecorder.h"

#include "RecordFixture.h"

#include <QJsonArray>
#include <QSignalSpy>

#include "src/release/RecordDigest.h"
#include "src/secrets/Redactor.h"

#include <QCoreApplication>

using namespace golive;
using golive::test::RecordFixture;

namespace {

class ReleaseRecorderTest : public RecordFixture {
protected:
    std::unique_ptr<ReleaseRecord> record = openRecord();
    ReleaseRecorder recorder{*record};

    QList<RecordEvent> events() const { return ReleaseRecord::readEvents(recordPath()).value(); }
    QStringList kinds() const
    {
        QStringList result;
        for (const RecordEvent &event : events())
            result << event.kind;
        return result;
    }

    static ItemState state(bool checked, const QString &note = {})
    {
        ItemState s;
        s.checked = checked;
        s.who = QStringLiteral("alice");
        s.note = note;
        return s;
    }
};

} // namespace

TEST_F(ReleaseRecorderTest, TickingUntickingAndAnnotatingAreRecordedAsSuch)
{
    recorder.recordItemState(QStringLiteral("prod-key"), state(true));
    recorder.recordItemState(QStringLiteral("prod-key"), state(true, QStringLiteral("from vault")));
    recorder.recordItemState(QStringLiteral("prod-key"),
                             state(false, QStringLiteral("from vault")));
    EXPECT_EQ(kinds(), (QStringList{QStringLiteral("tick"), QStringLiteral("note"),
                                    QStringLiteral("untick")}));
    EXPECT_EQ(events().at(1).data.value(QStringLiteral("note")).toString(),
              QStringLiteral("from vault"));
    EXPECT_EQ(events().at(0).who, QStringLiteral("alice"));
}

TEST_F(ReleaseRecorderTest, AStateThatDidNotChangeIsNotRecordedAgain)
{
    recorder.setKnownStates({{QStringLiteral("prod-key"), state(true)}});
    recorder.recordItemState(QStringLiteral("prod-key"), state(true));
    EXPECT_TRUE(kinds().isEmpty());
    recorder.recordItemState(QStringLiteral("other"),
                             state(false, QStringLiteral("asked finance")));
    EXPECT_EQ(kinds(), QStringList{QStringLiteral("note")});
}

namespace {

CommandIntent resumeIntent()
{
    return {{QStringLiteral("promote"), QStringLiteral("promote"), true},
            QStringLiteral("/usr/bin/kubectl"),
            {QStringLiteral("rollout"), QStringLiteral("resume"), QStringLiteral("deployment/app"),
             QStringLiteral("--context"), QStringLiteral("prod"), QStringLiteral("-n"),
             QStringLiteral("web")}};
}

} // namespace

TEST_F(ReleaseRecorderTest, ACommandIsRecordedAsBegunBeforeItRunsAndAsEndedNamingItsBeginning)
{
    recorder.setOperator(QStringLiteral("bob"));
    const auto begun = recorder.recordCommandBegun(resumeIntent());
    ASSERT_TRUE(begun.ok());
    // On disk when recordCommandBegun returns: this is what lets kubectl start.
    ASSERT_EQ(kinds(), QStringList{QStringLiteral("command-begun")});
    const QJsonObject intent = events().at(0).data;
    EXPECT_EQ(intent.value(QStringLiteral("step")).toString(), QStringLiteral("promote"));
    EXPECT_EQ(intent.value(QStringLiteral("context")).toString(), QStringLiteral("prod"));
    EXPECT_EQ(intent.value(QStringLiteral("namespace")).toString(), QStringLiteral("web"));
    EXPECT_EQ(intent.value(QStringLiteral("argv")).toArray().size(), 8);
    EXPECT_TRUE(intent.value(QStringLiteral("mutating_step")).toBool());
    EXPECT_EQ(events().at(0).who, QStringLiteral("bob"));

    KubectlRun run;
    run.program = resumeIntent().program;
    run.arguments = resumeIntent().arguments;
    run.outcome = KubectlOutcome::Succeeded;
    run.exitCode = 0;
    run.durationMs = 420;
    run.stdoutText = QStringLiteral("deployment.apps/app resumed");
    recorder.recordCommandEnded(begun.value().seq, resumeIntent(), run);
    StepResult result;
    result.stepId = QStringLiteral("promote");
    result.outcome = StepResult::Outcome::Ok;
    result.message = QStringLiteral("Rollout resumed.");
    result.runs = {run};
    recorder.recordStepFinished(result);

    const auto recorded = events();
    ASSERT_EQ(kinds(), (QStringList{QStringLiteral("command-begun"), QStringLiteral("command"),
                                    QStringLiteral("step")}));
    const QJsonObject command = recorded.at(1).data;
    EXPECT_EQ(command.value(QStringLiteral("begun_seq")).toInteger(), begun.value().seq);
    EXPECT_EQ(command.value(QStringLiteral("exit_code")).toInt(), 0);
    EXPECT_EQ(command.value(QStringLiteral("duration_ms")).toInt(), 420);
    EXPECT_TRUE(
        command.value(QStringLiteral("output")).toString().contains(QLatin1String("resumed")));
    EXPECT_EQ(recorded.at(2).data.value(QStringLiteral("outcome")).toString(),
              QStringLiteral("ok"));
    EXPECT_EQ(recorded.at(2).who, QStringLiteral("bob"));
    EXPECT_TRUE(RecordDigest::unfinished(recorded).isEmpty());
}

TEST_F(ReleaseRecorderTest, ACommandBegunByAGoliveThatIsGoneIsRecordedAsInterruptedOnce)
{
    QJsonObject data{
        {QStringLiteral("step"), QStringLiteral("deploy-canary")},
        {QStringLiteral("argv"), QJsonArray{QStringLiteral("kubectl"), QStringLiteral("apply")}},
        {QStringLiteral("pid"), 0x7ffffff0}}; // no such process
    ASSERT_TRUE(record->append(QStringLiteral("command-begun"), {}, data).ok());
    recorder.recordInterruptedCommands();
    recorder.recordInterruptedCommands(); // a second opening adds nothing
    ASSERT_EQ(kinds(),
              (QStringList{QStringLiteral("command-begun"), QStringLiteral("interrupted")}));
    const RecordEvent interrupted = events().at(1);
    EXPECT_EQ(interrupted.data.value(QStringLiteral("begun_seq")).toInteger(), 1);
    EXPECT_EQ(interrupted.data.value(QStringLiteral("step")).toString(),
              QStringLiteral("deploy-canary"));
    const RecordDigest digest = RecordDigest::fromEvents(events());
    ASSERT_EQ(digest.interruptionLines().size(), 1);
    EXPECT_TRUE(digest.interruptionLines().first().contains(QLatin1String("`kubectl apply`")));
}

TEST_F(ReleaseRecorderTest, ACommandOfAGoliveStillRunningIsNotMarkedInterrupted)
{
    // This very process stands for the other golive (the window) whose kubectl is running now.
    QJsonObject data{{QStringLiteral("step"), QStringLiteral("promote")},
                     {QStringLiteral("argv"), QJsonArray{QStringLiteral("kubectl")}},
                     {QStringLiteral("pid"), qint64(QCoreApplication::applicationPid())}};
    ASSERT_TRUE(record->append(QStringLiteral("command-begun"), {}, data).ok());
    recorder.recordInterruptedCommands();
    EXPECT_EQ(kinds(), QStringList{QStringLiteral("command-begun")});
    // Still shown as unfinished: the report and verify say so.
    EXPECT_EQ(RecordDigest::fromEvents(events()).unfinishedCommands.size(), 1);
}

TEST_F(ReleaseRecorderTest, ACancelledWatchIsRecordedAsCancelledWithItsVerdictSoFar)
{
    StepResult result;
    result.stepId = QStringLiteral("watch-canary");
    result.outcome = StepResult::Outcome::Cancelled;
    result.message = QStringLiteral("Cancelled after 3:10 of the 10:00 canary watch; verdict so "
                                    "far: Unhealthy (5xx-share): roll back.");
    CanaryVerdict verdict;
    verdict.overall = CanaryVerdict::Overall::Unhealthy;
    verdict.reasons << CanaryReason{QStringLiteral("5xx-share"), CanaryReason::Mark::Fail,
                                    QStringLiteral("5xx share 30.0% > baseline 0.0%")};
    result.verdict = verdict;
    recorder.recordStepFinished(result);

    const QJsonObject step = events().last().data;
    EXPECT_EQ(step.value(QStringLiteral("outcome")).toString(), QStringLiteral("cancelled"));
    EXPECT_FALSE(step.value(QStringLiteral("ok")).toBool());
    const QJsonObject recorded = step.value(QStringLiteral("verdict")).toObject();
    EXPECT_EQ(recorded.value(QStringLiteral("overall")).toString(), QStringLiteral("Unhealthy"));
    EXPECT_EQ(recorded.value(QStringLiteral("recommendation")).toString(),
              QStringLiteral("roll back"));
    EXPECT_EQ(recorded.value(QStringLiteral("reasons"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QStringLiteral("mark")),
              QJsonValue(QStringLiteral("fail")));
}

TEST_F(ReleaseRecorderTest, ASecretInCommandOutputNeverReachesTheRecord)
{
    const QString secret = QStringLiteral("cohere-secret-key-0987654321zyxw");
    Redactor::registerSecret(secret);
    StepResult result;
    result.stepId = QStringLiteral("status");
    KubectlRun run;
    run.stderrText = QStringLiteral("env: CO_KEY=%1").arg(secret);
    result.runs = {run};
    recorder.recordCommandEnded(1, {}, run);
    recorder.recordStepFinished(result);
    Redactor::forgetSecret(secret);
    QFile file(recordPath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_FALSE(file.readAll().contains(secret.toUtf8()));
}

TEST_F(ReleaseRecorderTest, EveryProbeResultIsSampledButStatusIsRecordedOnlyOnChange)
{
    recorder.recordProbeResult(QStringLiteral("cohere-chat"), QStringLiteral("healthy"), 800, 200,
                               {});
    recorder.recordProbeResult(QStringLiteral("cohere-chat"), QStringLiteral("healthy"), 900, 200,
                               {});
    recorder.recordProbeResult(QStringLiteral("cohere-chat"), QStringLiteral("down"), 30000, 0,
                               QStringLiteral("timed out"));
    EXPECT_EQ(kinds(), (QStringList{QStringLiteral("probe-sample"), QStringLiteral("probe-status"),
                                    QStringLiteral("probe-sample"), QStringLiteral("probe-sample"),
                                    QStringLiteral("probe-status")}));
    const QJsonObject change = events().last().data;
    EXPECT_EQ(change.value(QStringLiteral("from")).toString(), QStringLiteral("healthy"));
    EXPECT_EQ(change.value(QStringLiteral("to")).toString(), QStringLiteral("down"));
    EXPECT_EQ(change.value(QStringLiteral("error")).toString(), QStringLiteral("timed out"));
}

TEST_F(ReleaseRecorderTest, ProbeSamplesReadBackWithTheirFailureKinds)
{
    const QString health = QStringLiteral("health-production");
    recorder.recordProbeResult(health, QStringLiteral("healthy"), 40, 200, {},
                               ReleaseRecorder::failureName(FailureKind::Ok));
    recorder.recordProbeResult(health, QStringLiteral("degraded"), 45, 200,
                               QStringLiteral("the service reports Cohere degraded"),
                               ReleaseRecorder::failureName(FailureKind::ReportedDegraded));
    recorder.recordProbeResult(health, QStringLiteral("down"), 50, 503, {},
                               ReleaseRecorder::failureName(FailureKind::Server5xx));
    // An event from before failure kinds were recorded: a 200 whose body said "degraded".
    recorder.recordProbeResult(health, QStringLiteral("degraded"), 55, 200, {});
    recorder.recordProbeResult(health, QStringLiteral("down"), 10'000, 0, QStringLiteral("timed out"),
                               ReleaseRecorder::failureName(FailureKind::Timeout));

    const auto samples = ReleaseRecorder::recordedSamples(events());
    ASSERT_EQ(samples.count(health), 1u);
    const std::vector<Sample> &list = samples.at(health);
    ASSERT_EQ(list.size(), 5u);
    EXPECT_EQ(list[0].failure, FailureKind::Ok);
    EXPECT_EQ(list[1].failure, FailureKind::ReportedDegraded) << "a 200 that reported degraded";
    EXPECT_EQ(list[1].httpStatus, 200);
    EXPECT_EQ(list[2].failure, FailureKind::Server5xx);
    EXPECT_EQ(list[3].failure, FailureKind::ReportedDegraded) << "never a 5xx";
    EXPECT_EQ(list[4].failure, FailureKind::Timeout);
    EXPECT_EQ(list[4].latencyMs, 10'000);
    EXPECT_EQ(list[4].outcome, Outcome::Down);
}

TEST_F(ReleaseRecorderTest, AnEditedNoteIsCreditedToWhoeverEditedIt)
{
    ItemState ticked = state(true);
    recorder.recordItemState(QStringLiteral("keys"), ticked); // alice ticks
    ItemState edited = ticked;
    edited.note = QStringLiteral("vault path confirmed");
    TickRecord edit{true, QStringLiteral("bob"), {}, edited.note, {}};
    edit.noteEdit = true;
    edited.history = {TickRecord{true, QStringLiteral("alice"), {}, {}, {}}, edit};
    recorder.recordItemState(QStringLiteral("keys"), edited);
    const QList<RecordEvent> all = events();
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all.last().kind, QStringLiteral("note"));
    EXPECT_EQ(all.last().who, QStringLiteral("bob"));
}

TEST_F(ReleaseRecorderTest, AlertsAndOverridesAreRecordedAndAnnounced)
{
    QSignalSpy recorded(&recorder, &ReleaseRecorder::eventRecorded);
    Alert alert;
    alert.ruleId = QString::fromLatin1(ruleid::highLatency);
    alert.severity = AlertSeverity::P2;
    alert.title = QStringLiteral("High latency");
    alert.message = QStringLiteral("P95 6.2 s over 5 min (limit 5 s)");
    recorder.recordAlertFired(alert);
    recorder.recordAlertResolved(alert);
    recorder.recordGateOverride(QStringLiteral("deploy-canary"), QStringLiteral("deploy"),
                                {QStringLiteral("billing-alerts")},
                                QStringLiteral("finance on it"));
    EXPECT_EQ(recorded.count(), 3);
    const auto all = events();
    EXPECT_EQ(all.at(0).data.value(QStringLiteral("severity")).toString(), QStringLiteral("P2"));
    EXPECT_EQ(all.at(1).kind, QStringLiteral("alert-resolved"));
    EXPECT_EQ(all.at(2).data.value(QStringLiteral("reason")).toString(),
              QStringLiteral("finance on it"));
}

TEST_F(ReleaseRecorderTest, EachPodHealthAnswerIsRecordedWithItsPodAndVersion)
{
    PodHealthSample canary;
    canary.pod = QStringLiteral("app-7c9-x2");
    canary.version = PodVersion::Canary;
    canary.atMs = 1000;
    canary.status = PodHealthSample::Status::Down;
    canary.httpStatus = 503;
    canary.latencyMs = 12;
    canary.error = QStringLiteral("HTTP 503 through the pod proxy");
    PodHealthSample gone = canary;
    gone.pod = QStringLiteral("app-5b4f6-a");
    gone.version = PodVersion::Stable;
    gone.status = PodHealthSample::Status::Gone;
    gone.httpStatus = 404;
    recorder.recordPodHealth(canary);
    recorder.recordPodHealth(gone);
    const QList<RecordEvent> recorded = events();
    ASSERT_EQ(recorded.size(), 2);
    EXPECT_EQ(recorded[0].kind, QStringLiteral("probe-sample"));
    EXPECT_EQ(recorded[0].data.value(QStringLiteral("name")).toString(),
              QStringLiteral("pod-health-canary"));
    EXPECT_EQ(recorded[0].data.value(QStringLiteral("pod")).toString(),
              QStringLiteral("app-7c9-x2"));
    EXPECT_EQ(recorded[0].data.value(QStringLiteral("outcome")).toString(), QStringLiteral("down"));
    EXPECT_EQ(recorded[0].data.value(QStringLiteral("http_status")).toInt(), 503);
    EXPECT_EQ(recorded[1].data.value(QStringLiteral("name")).toString(),
              QStringLiteral("pod-health-stable"));
    EXPECT_EQ(recorded[1].data.value(QStringLiteral("outcome")).toString(), QStringLiteral("gone"));
    // The report counts the canary's 503, not the stable pod that was deleted under the probe.
    const RecordDigest digest = RecordDigest::fromEvents(recorded);
    ASSERT_EQ(digest.probes.size(), 1);
    EXPECT_EQ(digest.probes.first().name, QStringLiteral("pod-health-canary"));
    EXPECT_EQ(digest.probes.first().failures, 1);
}
