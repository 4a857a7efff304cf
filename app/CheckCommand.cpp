#include "CheckCommand.h"

#include "CommandIo.h"

#include "src/common/Clock.h"
#include "src/console/CheckRun.h"
#include "src/console/Console.h"

#include <QCoreApplication>
#include <QTimer>

namespace golive::app {

namespace {

int runCheck(const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    const auto profile = loadProfile(invocation);
    if (!profile.ok()) {
        complain(QStringLiteral("the profile %1 is not usable; no probe was started:\n%2")
                     .arg(invocation.profilePath, profile.error().message));
        return ExitUsage;
    }
    const bool json = invocation.isSet(QStringLiteral("json"));
    CheckRun::Options options;
    options.probesOnly = invocation.isSet(QStringLiteral("probes-only"));
    if (invocation.isSet(QStringLiteral("skip"))) {
        const QString skip = invocation.value(QStringLiteral("skip"));
        if (skip != QLatin1String(CheckReport::skipCohere)) {
            complain(QStringLiteral("--skip takes \"cohere\" (found \"%1\").").arg(skip));
            return ExitUsage;
        }
        options.skipCohere = true;
    }

    Console console(profile.value(), invocation.dataDir, SystemClock::instance(),
                    Console::Options::forCheck());
    CheckRun run(console, options);
    QObject::connect(&run, &CheckRun::finished, [json](const CheckReport &report) {
        writeOut(stdout, json ? report.toJson() : report.toTable().toUtf8());
        QCoreApplication::exit(report.go() ? ExitOk : ExitFailure);
    });
    // The key first; without one (no keychain, locked, timed out) the Cohere probes report
    // themselves skipped, and the verdict is no-go unless the caller passed --skip cohere.
    KeyStore &keys = console.keyStore();
    QObject::connect(&keys, &KeyStore::keyLoaded, &run, &CheckRun::start);
    QObject::connect(&keys, &KeyStore::failed, &run, &CheckRun::start);
    QTimer::singleShot(0, &keys, &KeyStore::load);
    return QCoreApplication::exec();
}

} // namespace

CommandSpec checkCommand()
{
    CommandSpec spec;
    spec.words = {QStringLiteral("check")};
    spec.summary = QStringLiteral(
        "Run every probe once, evaluate alerts and the deploy gate; exit 0 = go, 1 = no-go");
    spec.options = {
        QCommandLineOption(QStringLiteral("json"),
                           QStringLiteral("Print the result as JSON instead of a table.")),
        QCommandLineOption(QStringLiteral("probes-only"),
                           QStringLiteral("Leave the checklist gate out of the verdict.")),
        QCommandLineOption(QStringLiteral("skip"),
                           QStringLiteral("Leave Cohere out on purpose (\"cohere\"): without it, "
                                          "a check that could not reach Cohere is no-go."),
                           QStringLiteral("cohere")),
    };
    spec.run = runCheck;
    return spec;
}

} // namespace golive::app
