#include "EvidenceCommand.h"

#include "CommandIo.h"

#include "src/common/Clock.h"
#include "src/console/Console.h"
#include "src/console/EvidenceRun.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

namespace golive::app {

namespace {

int runEvidence(const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    const auto profile = loadProfile(invocation);
    if (!profile.ok()) {
        complain(QStringLiteral("the profile %1 is not usable; no evidence was gathered:\n%2")
                     .arg(invocation.profilePath, profile.error().message));
        return ExitUsage;
    }
    const bool json = invocation.isSet(QStringLiteral("json"));
    // `evidence.source_dirs` are relative to the profile file (to the working folder without one).
    const QString profileDir = invocation.profilePath.isEmpty()
                                   ? QString()
                                   : QFileInfo(invocation.profilePath).absolutePath();

    ConsoleOptions options;
    options.retryCohereCalls = false; // one honest answer per question
    Console console(profile.value(), invocation.dataDir, SystemClock::instance(), options);
    EvidenceRun run(console, profileDir);
    QObject::connect(&run, &EvidenceRun::finished, [&console, json](const EvidenceReport &report) {
        console.flushRecord();
        writeOut(stdout, json ? report.toJson() : report.toTable().toUtf8());
        QCoreApplication::exit(report.requiredFails() ? ExitFailure : ExitOk);
    });
    QObject::connect(&run, &EvidenceRun::failed, [](const Error &error) {
        complain(QStringLiteral("no evidence was gathered: %1").arg(error.message));
        QCoreApplication::exit(ExitUsage);
    });
    const QString releaseId = invocation.value(QStringLiteral("release"));
    KeyStore &keys = console.keyStore();
    const auto start = [&run, releaseId] { run.start(releaseId); };
    QObject::connect(&keys, &KeyStore::keyLoaded, &run, start);
    QObject::connect(&keys, &KeyStore::failed, &run, start);
    QTimer::singleShot(0, &keys, &KeyStore::load);
    return QCoreApplication::exec();
}

} // namespace

CommandSpec evidenceCommand()
{
    CommandSpec spec;
    spec.words = {QStringLiteral("evidence")};
    spec.summary = QStringLiteral("Check the evidence the checklist names (code scan, key, models); "
                                  "exit 1 when a required item's evidence fails");
    spec.options = {
        QCommandLineOption(QStringLiteral("json"),
                           QStringLiteral("Print the result as JSON instead of a table.")),
        QCommandLineOption(QStringLiteral("release"),
                           QStringLiteral("The release whose checklist is checked (default: the "
                                          "newest)."),
                           QStringLiteral("ID")),
    };
    spec.run = runEvidence;
    return spec;
}

} // namespace golive::app
