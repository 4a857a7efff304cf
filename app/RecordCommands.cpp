#include "RecordCommands.h"

#include "CommandIo.h"

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
    const auto verification = ReleaseRecord::verify(recordPathOf(release.value()));
    if (!verification.ok()) {
        complain(verification.error().message);
        return ExitFailure;
    }
    writeOut(stdout, verification.value().summary() + QLatin1Char('\n'));
    // What the chain cannot say: kubectl commands that began and were never seen to end.
    const auto events = ReleaseRecord::readEvents(recordPathOf(release.value()));
    if (events.ok()) {
        const QStringList interrupted =
            RecordDigest::fromEvents(events.value()).interruptionLines();
        for (const QString &line : interrupted)
            writeOut(stdout, QStringLiteral("interrupted: %1\n").arg(line));
    }
    return verification.value().intact ? ExitOk : ExitFailure;
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
    const auto gathered = gatherReleaseReport(store, release.value().id, gates);
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

} // namespace

QList<CommandSpec> recordCommands()
{
    const QCommandLineOption releaseOption(QStringLiteral("release"),
                                           QStringLiteral("Use release ID instead of the newest."),
                                           QStringLiteral("ID"));

    CommandSpec verifyCommand;
    verifyCommand.words = {QStringLiteral("verify")};
    verifyCommand.summary = QStringLiteral(
        "Check that a release's record is intact (exit 1 and the first broken line if not)");
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
    return {verifyCommand, reportCommand};
}

} // namespace golive::app
