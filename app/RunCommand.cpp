#include "RunCommand.h"

#include "CommandIo.h"
#include "RecordKeyWait.h"
#include "OsUserName.h"
#include "StopSignals.h"

#include "src/common/Clock.h"
#include "src/common/ErrorKind.h"
#include "src/console/Console.h"

#include <QCoreApplication>
#include <QEvent>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace golive::app {

namespace {

// A person at a terminal types "yes"; anything else, or no terminal at all, is a no.
bool confirmedOnTerminal()
{
    if (!isatty(STDIN_FILENO)) {
        complain(QStringLiteral("refusing a mutating step without --yes: standard input is not a "
                                "terminal to confirm on."));
        return false;
    }
    writeOut(stdout, QStringLiteral("Type 'yes' to go ahead: "));
    char line[64] = {};
    if (!std::fgets(line, sizeof line, stdin))
        return false;
    return QString::fromLocal8Bit(line).trimmed() == QLatin1String("yes");
}

QString resultLine(const StepResult &result)
{
    QString line = QStringLiteral("%1: %2").arg(toString(result.outcome), result.message);
    if (result.before || result.after) {
        line += QStringLiteral("\n  before: %1\n  after:  %2")
                    .arg(result.before ? result.before->summary() : QStringLiteral("-"),
                         result.after ? result.after->summary() : QStringLiteral("-"));
    }
    return line + QLatin1Char('\n');
}

int runStep(const Invocation &invocation)
{
    if (invocation.arguments.size() != 1) {
        complain(QStringLiteral("expected exactly one STEP, e.g. 'golive run status'."));
        return ExitUsage;
    }
    const QString stepId = invocation.arguments.first();

    const auto loaded = loadProfile(invocation);
    if (!loaded.ok()) {
        complain(loaded.error().message);
        return ExitUsage;
    }
    const Profile &profile = loaded.value();
    const QString revision = invocation.value(QStringLiteral("revision"));
    const QString overrideReason = invocation.value(QStringLiteral("override-reason"));
    if (invocation.isSet(QStringLiteral("override-reason")) && overrideReason.trimmed().isEmpty()) {
        complain(QStringLiteral("--override-reason needs a typed reason, not blanks."));
        return ExitUsage;
    }

    // The same Console the window builds, so the step is gated, checked and recorded exactly as
    // the button would do it: into the newest release, or the first one, created here as the
    // window would.
    Console console(profile, invocation.dataDir, SystemClock::instance());
    // Before the release opens: opening it may already have something to say (a damaged record).
    QObject::connect(&console, &Console::warningRaised,
                     [](const QString &warning) { complain(warning); });
    // Before the release opens: its record names who ran the step.
    console.release().checklist()->setTickerName(osUserName());
    const auto newest = console.release().store().newestRelease();
    if (newest.ok()) {
        if (const Status e = console.release().open(newest.value().id); e.failed()) {
            complain(e->message);
            return ExitFailure;
        }
    } else if (newest.error().kind == errorkind::noReleases) {
        const auto created = console.release().createFirst();
        if (!created.ok()) {
            complain(QStringLiteral("no release could be started to record this run: %1")
                         .arg(created.error().message));
            return ExitFailure;
        }
        complain(QStringLiteral("started release %1 (\"%2\") to record this run.")
                     .arg(created.value().id, created.value().name));
    } else {
        complain(newest.error().message);
    }
    // The record is attached once its key is known; the step must not start before.
    waitForRecordKey(console);
    // Health checks need the key only for Cohere probes; the team's endpoints answer without.
    console.keyStore().load();
    RolloutController &controller = console.rollout();
    if (const auto &problem = console.runbookProblem()) {
        complain(QStringLiteral("the runbook %1 cannot be used: %2")
                     .arg(profile.runbookPath, problem->message));
        return ExitUsage;
    }
    const RunbookStep *step = controller.runbook().step(stepId);
    if (!step) {
        complain(QStringLiteral("unknown step '%1'; valid steps: %2.")
                     .arg(stepId, controller.runbook().stepIds().join(QStringLiteral(", "))));
        return ExitUsage;
    }

    // A production change is recorded before it is made, or not made.
    if (const Status problem = console.recordingProblem(); problem.failed()) {
        const QString releaseId =
            console.release().current() ? console.release().current()->id : QString();
        const QString wayOut =
            QStringLiteral("Start a new release to record into ('golive release new', or "
                           "Release > New release... in the window)%1.")
                .arg(releaseId.isEmpty()
                         ? QString()
                         : QStringLiteral(", or run 'golive verify --release %1' to see where "
                                          "its record breaks")
                               .arg(releaseId));
        if (step->mutates) {
            complain(QStringLiteral("refusing '%1', nothing was run: a production change is "
                                    "recorded before it is made, and the release record cannot "
                                    "be written (%2). %3")
                         .arg(stepId, problem->message, wayOut));
            return ExitUsage;
        }
        complain(QStringLiteral("WARNING: '%1' runs, but it is NOT being recorded (%2). %3")
                     .arg(stepId, problem->message, wayOut));
    }

    const bool rollingBack = stepId == controller.runbook().idOfRole(steprole::rollback);
    const QString concern = stepId == controller.runbook().idOfRole(steprole::promote)
                                ? controller.promoteConcern()
                                : QString();
    if (step->mutates && !rollingBack) {
        const auto text = controller.confirmationText(stepId, revision);
        if (!text.ok()) {
            complain(text.error().message);
            return ExitUsage;
        }
        writeOut(stdout, text.value());
        if (!concern.isEmpty()) {
            writeOut(
                stdout,
                QStringLiteral("Warning: %1; promoting needs --override-reason.\n").arg(concern));
            if (overrideReason.isEmpty()) {
                complain(QStringLiteral("promote needs a typed reason (--override-reason): %1.")
                             .arg(concern));
                return ExitFailure;
            }
        }
        if (!invocation.isSet(QStringLiteral("yes")) && !confirmedOnTerminal()) {
            writeOut(stdout, QStringLiteral("Not confirmed: nothing was run.\n"));
            return ExitFailure;
        }
    }
    const QStringList open = controller.openItems(stepId);
    if (!open.isEmpty()) {
        writeOut(stdout, QStringLiteral("Open required items of gate '%1': %2\n")
                             .arg(step->gate,
                                  controller.openItemTexts(stepId).join(QStringLiteral(", "))));
    }

    // SIGINT / SIGTERM from here on cancel the step like the Cancel button, record the
    // interruption, and end golive with 130 / 143. Before this point nothing has run.
    int stopSignal = 0;
    std::unique_ptr<StopSignals> stopSignals;
    const auto catchStopSignals = [&] {
        stopSignals = std::make_unique<StopSignals>();
        QObject::connect(stopSignals.get(), &StopSignals::stopRequested, [&](int signalNumber) {
            if (stopSignal != 0)
                return; // already stopping: kubectl gets its grace period, then is killed
            stopSignal = signalNumber;
            if (!controller.isRunning())
                return QCoreApplication::exit(StopSignals::exitCodeFor(signalNumber));
            complain(QStringLiteral("%1: cancelling '%2' (kubectl is asked to stop and killed "
                                    "if it has not after its grace period).")
                         .arg(StopSignals::nameOf(signalNumber), controller.runningStepId()));
            controller.cancel();
        });
    };

    QObject::connect(
        &controller, &RolloutController::actionStarted,
        [](const QString &, const QStringList &args) {
            writeOut(stdout,
                     QStringLiteral("$ kubectl %1\n").arg(RolloutController::shellQuoted(args)));
        });
    QObject::connect(&controller, &RolloutController::output,
                     [](const QString &, const QString &text, OutputChannel channel) {
                         writeOut(channel == OutputChannel::Stdout ? stdout : stderr, text);
                     });
    QObject::connect(
        &controller, &RolloutController::overrideRecorded,
        [](const QString &, const QString &gate, const QStringList &items, const QString &reason) {
            writeOut(stdout, QStringLiteral("Gate '%1' overridden past %2: %3\n")
                                 .arg(gate, items.join(QStringLiteral(", ")), reason));
        });
    QObject::connect(&controller, &RolloutController::stepFinished, [&](const StepResult &result) {
        if (stopSignal != 0)
            console.recordInterruption(result.stepId, StopSignals::nameOf(stopSignal));
        // The result is shown only once the record holds it (and any failure to write it).
        console.flushRecord();
        QCoreApplication::sendPostedEvents(&console, QEvent::MetaCall);
        writeOut(stdout, resultLine(result));
        QCoreApplication::exit(stopSignal != 0 ? StopSignals::exitCodeFor(stopSignal)
                               : result.ok()   ? ExitOk
                                               : ExitFailure);
    });
    if (rollingBack) {
        // The target is read from the cluster and named before anything runs; the run is pinned
        // to it, so a version that disappears in between is refused, never replaced.
        QObject::connect(
            &controller, &RolloutController::rollbackPrepared,
            [&](const Result<RollbackTarget> &target) {
                if (!target) {
                    complain(target.error().message);
                    writeOut(stdout, QStringLiteral("refused: nothing was changed.\n"));
                    return QCoreApplication::exit(ExitFailure);
                }
                writeOut(stdout, controller.rollbackConfirmationText(target.value()));
                if (!invocation.isSet(QStringLiteral("yes")) && !confirmedOnTerminal()) {
                    writeOut(stdout, QStringLiteral("Not confirmed: nothing was run.\n"));
                    return QCoreApplication::exit(ExitFailure);
                }
                catchStopSignals();
                if (const Status e = controller.rollback(revision, target.value().templateHash);
                    e.failed()) {
                    complain(e->message);
                    QCoreApplication::exit(ExitFailure);
                }
            });
        controller.prepareRollback(revision);
        return QCoreApplication::exec();
    }
    catchStopSignals();
    if (const Status e = controller.runStep(stepId, overrideReason, revision); e.failed()) {
        complain(e->message);
        return ExitFailure;
    }
    return QCoreApplication::exec();
}

} // namespace

QList<CommandSpec> runCommands()
{
    CommandSpec run;
    run.words = {QStringLiteral("run")};
    run.summary = QStringLiteral("Run one runbook step (e.g. status, rollback) exactly as the "
                                 "rollout panel's button does");
    run.positionalSyntax = QStringLiteral("STEP");
    run.options = {
        QCommandLineOption(QStringLiteral("yes"),
                           QStringLiteral("Do not ask before a mutating step.")),
        QCommandLineOption(QStringLiteral("revision"),
                           QStringLiteral("Rollback target revision (default: the version that "
                                          "served before the current rollout)."),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("override-reason"),
                           QStringLiteral("Go past open required checklist items, or promote a "
                                          "canary without a healthy watch, recording why."),
                           QStringLiteral("TEXT")),
    };
    run.run = runStep;
    return {run};
}

} // namespace golive::app
