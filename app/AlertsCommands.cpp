#include "AlertsCommands.h"

#include "CommandIo.h"

#include "src/common/AtomicFile.h"
#include "src/config/PrometheusSettings.h"
#include "src/traffic/PrometheusRules.h"

namespace golive::app {

namespace {

int exportAlerts(const Invocation &invocation)
{
    const QString format = invocation.value(QStringLiteral("format"));
    const QString output = invocation.value(QStringLiteral("output"));
    const QString intervalText = invocation.value(QStringLiteral("evaluation-interval"));
    if (format != QLatin1String("prometheus") && format != QLatin1String("prometheus-operator")) {
        complain(QStringLiteral("unknown format '%1'; use --format prometheus or --format "
                                "prometheus-operator.")
                     .arg(format));
        return ExitUsage;
    }
    const auto intervalS = promDurationSeconds(intervalText);
    if (!intervalS || *intervalS > 3'600) {
        complain(QStringLiteral("--evaluation-interval '%1' is not a duration from 1s to 1h "
                                "(e.g. 30s, 1m).")
                     .arg(intervalText));
        return ExitUsage;
    }
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    const auto profile = loadProfile(invocation);
    if (!profile.ok()) {
        complain(QStringLiteral("no rules written: %1").arg(profile.error().message));
        return ExitUsage;
    }
    const auto rules = PrometheusRules::fromProfile(profile.value(), int(*intervalS));
    const QByteArray text =
        format == QLatin1String("prometheus")
            ? PrometheusRules::rulesFile(rules, int(*intervalS))
            : PrometheusRules::prometheusRule(rules, int(*intervalS),
                                              profile.value().kubectl.namespaceName);
    if (output.isEmpty() || output == QLatin1String("-")) {
        writeOut(stdout, text);
        return ExitOk;
    }
    const Status written = writeFileAtomically(output, text);
    if (written.failed()) {
        complain(QStringLiteral("no rules written: %1").arg(written->message));
        return ExitFailure;
    }
    writeOut(
        stderr,
        QStringLiteral("golive: %1 alert rules written to %2\n").arg(rules.size()).arg(output));
    return ExitOk;
}

} // namespace

QList<CommandSpec> alertsCommands()
{
    CommandSpec exportCommand;
    exportCommand.words = {QStringLiteral("alerts"), QStringLiteral("export")};
    exportCommand.summary = QStringLiteral(
        "Write the seed's six alerts as Prometheus rules (or a PrometheusRule resource)");
    exportCommand.options = {
        QCommandLineOption(QStringLiteral("format"),
                           QStringLiteral("prometheus (a rules file) or prometheus-operator (a "
                                          "PrometheusRule resource)."),
                           QStringLiteral("FORMAT"), QStringLiteral("prometheus")),
        QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                           QStringLiteral("Write to FILE instead of standard output."),
                           QStringLiteral("FILE")),
        QCommandLineOption(QStringLiteral("evaluation-interval"),
                           QStringLiteral("The rule group's interval; \"3 failures in a row\" is "
                                          "counted in it (default 1m)."),
                           QStringLiteral("DURATION"), QStringLiteral("1m")),
    };
    exportCommand.run = exportAlerts;
    return {exportCommand};
}

} // namespace golive::app
