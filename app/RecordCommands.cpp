#include "RecordCommands.h"

#include "CommandIo.h"
#include "RecordKeyWait.h"

#include "src/checklist/BundledChecklist.h"
#include "src/common/Clock.h"
#include "src/release/RecordDigest.h"
#include "src/release/ReleaseRecord.h"
#include "src/release/ReleaseReport.h"
#include "src/release/ReleaseStore.h"
#include "src/release/ReportWriter.h"

#include <QDir>

namespace golive::app {

namespace {

struct ChosenRelease {
    QString id;
    QString folder;
};

// --release ID, else the newest release.
Result<ChosenRelease> chooseRelease(ReleaseStore &store, const Invocation &invocation)
{
    QString id = invocation.value(QStringLiteral("release"));
    if (id.isEmpty()) {
        const auto newest = store.newestRelease();
        if (!newest.ok())
            return newest.error();
        id = newest.value().id;
    }
    const auto folder = store.releaseFolder(id);
    if (!folder.ok())
        return folder.error();
    return ChosenRelease{id, folder.value()};
}

QString recordPathOf(const ChosenRelease &release)
{
    return QDir(release.folder).filePath(QString::fromLatin1(ReleaseRecord::fileName));
}

int verify(const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    ReleaseStore store(invocation.dataDir, SystemClock::instance());
    const auto release = chooseRelease(store, invocation);
    if (!release.ok()) {
        complain(release.error().message);
        return ExitUsage;
    }
    // Only read: a keychain without a record key gets none from verify.
    const RecordKey key = loadRecordKey(RecordKeyLoader::Mode::LoadOnly);
    const auto verification = ReleaseRecord::verify(recordPathOf(release.value()), key);
    if (!verification.ok()) {
        complain(verification.error().message);
        return ExitFailure;
    }
    const RecordVerification &result = verification.value();
    QString text = result.summary() + QLatin1Char('\n');
    if (const QString details = result.details(); !details.isEmpty())
        text += details + QLatin1Char('\n');
    writeOut(stdout, text);
    // What the chain cannot say: kubectl commands that began and were never seen to end.
    const auto events = ReleaseRecord::readEvents(recordPathOf(release.value()));
    if (events.ok()) {
        const QStringList interrupted =
            RecordDigest::fromEvents(events.value()).interruptionLines();
        for (const QString &line : interrupted)
            writeOut(stdout, QStringLiteral("interrupted: %1\n").arg(line));
    }
    return result.intact ? ExitOk : ExitFailure;
}

int report(const Invocation &invocation)
{
    const QString format = invocation.value(QStringLiteral("format"));
    const QString output = invocation.value(QStringLiteral("output"));
    if (format != QLatin1String("md") && format != QLatin1String("html")) {
        complain(
            QStringLiteral("unknown format '%1'; use --format md or --format html.").arg(format));
        return ExitUsage;
    }
    if (output.isEmpty()) {
        complain(QStringLiteral("say where to write the report with -o FILE."));
        return ExitUsage;
    }
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    const auto profile = loadProfile(invocation);
    if (!profile.ok()) {
        complain(profile.error().message);
        return ExitUsage;
    }
    const GateThresholds &gates = profile.value().gates;

    ReleaseStore store(invocation.dataDir, SystemClock::instance());
    const auto release = chooseRelease(store, invocation);
    if (!release.ok()) {
        complain(release.error().message);
        return ExitUsage;
    }
    const auto gathered = gatherReleaseReport(store, release.value().id, gates,
                                              loadRecordKey(RecordKeyLoader::Mode::LoadOnly));
    if (!gathered.ok()) {
        complain(gathered.error().message);
        return ExitFailure;
    }
    for (const QString &warning : gathered.value().warnings)
        complain(warning);
    const ReportInput &input = gathered.value().input;

    const Status written = format == QLatin1String("md")
                               ? ReportWriter::writeMarkdown(input, output)
                               : ReportWriter::writeHtml(input, output);
    if (written.failed()) {
        complain(written->message);
        return ExitFailure;
    }
    return ExitOk;
}

// A release to record into when the newest one's record cannot be appended to: the same
// checklist (unticked), or the bundled one when there is no release at all.
int newRelease(const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    ReleaseStore store(invocation.dataDir, SystemClock::instance());
    QByteArray checklist = BundledChecklist::markdown();
    QString source = QStringLiteral("bundled");
    const auto newest = store.newestRelease();
    if (newest.ok()) {
        const auto copied = store.loadChecklistSource(newest.value().id);
        if (!copied.ok()) {
            complain(copied.error().message);
            return ExitFailure;
        }
        checklist = copied.value();
        source = QStringLiteral("checklist of release %1").arg(newest.value().id);
    }
    QString name = invocation.value(QStringLiteral("name"));
    if (name.isEmpty())
        name = newest.ok() ? QStringLiteral("%1 (continued)").arg(newest.value().name)
                           : QStringLiteral("First release");
    const auto created = store.createRelease(name, checklist, source);
    if (!created.ok()) {
        complain(created.error().message);
        return created.error().kind == QLatin1String("invalid-name") ? ExitUsage : ExitFailure;
    }
    writeOut(stdout, QStringLiteral("Started release %1 (\"%2\", %3). Every command now records "
                                    "into it; its checklist starts unticked.\n")
                         .arg(created.value().id, created.value().name, source));
    return ExitOk;
}

} // namespace

QList<CommandSpec> recordCommands()
{
    const QCommandLineOption releaseOption(QStringLiteral("release"),
                                           QStringLiteral("Use release ID instead of the newest."),
                                           QStringLiteral("ID"));

    CommandSpec verifyCommand;
    verifyCommand.words = {QStringLiteral("verify")};
    verifyCommand.summary = QStringLiteral(
        "Check a release's record: hash chain and signatures (exit 1 and every finding if broken)");
    verifyCommand.options = {releaseOption};
    verifyCommand.run = verify;

    CommandSpec reportCommand;
    reportCommand.words = {QStringLiteral("report")};
    reportCommand.summary =
        QStringLiteral("Write a release's report for the meeting notes (Markdown or HTML)");
    reportCommand.options = {
        releaseOption,
        QCommandLineOption(QStringLiteral("format"), QStringLiteral("md or html."),
                           QStringLiteral("FORMAT"), QStringLiteral("md")),
        QCommandLineOption(
            {QStringLiteral("o"), QStringLiteral("output")},
            QStringLiteral("Write the report to FILE (Markdown charts go beside it)."),
            QStringLiteral("FILE")),
    };
    reportCommand.run = report;
    CommandSpec newCommand;
    newCommand.words = {QStringLiteral("release"), QStringLiteral("new")};
    newCommand.summary = QStringLiteral("Start a new release to record into (the newest one's "
                                        "checklist, unticked), e.g. when a record is damaged");
    newCommand.options = {QCommandLineOption(
        QStringLiteral("name"), QStringLiteral("The release's name."), QStringLiteral("NAME"))};
    newCommand.run = newRelease;
    return {verifyCommand, reportCommand, newCommand};
}

} // namespace golive::app
