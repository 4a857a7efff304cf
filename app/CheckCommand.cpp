#include "CheckCommand.h"

#include "src/common/Clock.h"
#include "src/config/ProfileLoader.h"
#include "src/console/CheckRun.h"
#include "src/secrets/KeyStore.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

namespace golive::app {

namespace {

// The keychain entry `golive check` reads when CO_API_KEY is not set.
constexpr auto keyProfileName = "default";

void writeOut(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void complain(const QString &message)
{
    writeOut(stderr, QStringLiteral("golive: %1\n").arg(message).toLocal8Bit());
}

int runCheck(const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    Profile profile;
    if (!invocation.profilePath.isEmpty()) {
        const auto loaded = ProfileLoader::fromFile(invocation.profilePath);
        if (!loaded.ok()) {
            complain(QStringLiteral("the profile %1 is not usable; no probe was started:\n%2")
                         .arg(invocation.profilePath, loaded.error().message));
            return ExitUsage;
        }
        profile = loaded.value();
    }
    const bool json = invocation.isSet(QStringLiteral("json"));
    CheckRun::Options options;
    options.dataDir = invocation.dataDir;
    options.probesOnly = invocation.isSet(QStringLiteral("probes-only"));

    KeyStore keys(QString::fromLatin1(keyProfileName));
    std::unique_ptr<CheckRun> run;
    auto startRun = [&] {
        if (run)
            return;
        options.apiKey = keys.key();
        run = std::make_unique<CheckRun>(profile, options, SystemClock::instance());
        QObject::connect(run.get(), &CheckRun::finished, [json](const CheckReport &report) {
            writeOut(stdout, json ? report.toJson() : report.toTable().toUtf8());
            QCoreApplication::exit(report.go() ? ExitOk : ExitFailure);
        });
        run->start();
    };
    QObject::connect(&keys, &KeyStore::keyLoaded, startRun);
    // No key (no keychain, locked, timed out): the Cohere probes report themselves skipped.
    QObject::connect(&keys, &KeyStore::failed, startRun);
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
    };
    spec.run = runCheck;
    return spec;
}

} // namespace golive::app
