#include "ChecklistCommands.h"
#include "src/common/ErrorKind.h"

#include "CommandIo.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/ChecklistExporter.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/common/Clock.h"
#include "src/release/ReleaseStore.h"

namespace golive::app {

namespace {

// The checklist and state to export: the named release, else the newest, else the bundled
// checklist unticked.
int exportChecklist(const Invocation &invocation)
{
    const QString format = invocation.value(QStringLiteral("format"));
    if (format != QLatin1String("markdown")) {
        complain(QStringLiteral("unknown format '%1'; the only format is 'markdown'.").arg(format));
        return ExitUsage;
    }
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }

    ReleaseStore store(invocation.dataDir, SystemClock::instance());
    QString releaseId = invocation.value(QStringLiteral("release"));
    if (releaseId.isEmpty()) {
        const auto newest = store.newestRelease();
        if (newest.ok())
            releaseId = newest.value().id;
        else if (newest.error().kind != errorkind::noReleases) {
            complain(newest.error().message);
            return ExitFailure;
        }
    }

    QByteArray source = BundledChecklist::markdown();
    ChecklistState state;
    if (!releaseId.isEmpty()) {
        const auto loadedSource = store.loadChecklistSource(releaseId);
        if (!loadedSource.ok()) {
            complain(loadedSource.error().message);
            return ExitFailure;
        }
        source = loadedSource.value();
        const auto loaded = store.loadState(releaseId);
        if (!loaded.ok()) {
            complain(loaded.error().message);
            return ExitFailure;
        }
        for (const QString &warning : loaded.value().warnings)
            complain(warning);
        state = loaded.value().state;
    }

    const auto document = MarkdownChecklistParser::parse(source);
    if (!document.ok()) {
        complain(document.error().message);
        return ExitFailure;
    }
    writeOut(stdout, ChecklistExporter::toMarkdown(document.value(), state));
    return ExitOk;
}

} // namespace

QList<CommandSpec> checklistCommands()
{
    CommandSpec exportCommand;
    exportCommand.words = {QStringLiteral("checklist"), QStringLiteral("export")};
    exportCommand.summary = QStringLiteral(
        "Print a release's checklist with its ticks as Markdown (newest release by default)");
    exportCommand.options = {
        QCommandLineOption(QStringLiteral("release"),
                           QStringLiteral("Export release ID instead of the newest."),
                           QStringLiteral("ID")),
        QCommandLineOption(QStringLiteral("format"), QStringLiteral("Output format: markdown."),
                           QStringLiteral("FORMAT"), QStringLiteral("markdown")),
    };
    exportCommand.run = exportChecklist;
    return {exportCommand};
}

} // namespace golive::app
