#include "ProfileCommands.h"

#include "CommandIo.h"

#include "src/config/ProbeAllowance.h"
#include "src/config/ProfileLoader.h"
#include "src/rollout/KubectlRunner.h"
#include "src/rollout/RunbookLoader.h"

namespace golive::app {

namespace {

int initProfile(const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty()) {
        writeOut(stderr, QStringLiteral("golive: unexpected argument '%1'.\n")
                             .arg(invocation.arguments.first())
                             .toLocal8Bit());
        return ExitUsage;
    }
    writeOut(stdout, ProfileLoader::defaultProfileJson());
    return ExitOk;
}

int checkProfile(const Invocation &invocation)
{
    if (invocation.arguments.size() != 1) {
        writeOut(stderr, QByteArrayLiteral("golive: profile check needs exactly one FILE.\n"));
        return ExitUsage;
    }
    const QString path = invocation.arguments.first();
    const auto loaded = ProfileLoader::fromFile(path);
    if (!loaded.ok()) {
        writeOut(stderr, QStringLiteral("golive: %1 is not a usable profile:\n%2\n")
                             .arg(path, loaded.error().message)
                             .toLocal8Bit());
        return ExitUsage;
    }
    // What the profile points at is checked now too, so `golive run` never is the first to find
    // a runbook it refuses or a kubectl that is not there.
    const Profile &profile = loaded.value();
    QStringList problems;
    if (!profile.runbookPath.isEmpty()) {
        if (const auto runbook = RunbookLoader::fromFile(profile.runbookPath); !runbook.ok())
            problems << QStringLiteral("runbook: %1").arg(runbook.error().message);
    }
    if (!profile.kubectl.path.isEmpty()) {
        if (const auto kubectl = KubectlRunner::resolveProgram(profile.kubectl.path); !kubectl.ok())
            problems << QStringLiteral("kubectl.path: %1").arg(kubectl.error().message);
    }
    if (!problems.isEmpty()) {
        writeOut(stderr, QStringLiteral("golive: %1 is not a usable profile:\n%2\n")
                             .arg(path, problems.join(QLatin1Char('\n')))
                             .toLocal8Bit());
        return ExitUsage;
    }
    writeOut(stdout, QStringLiteral("%1: profile OK\n").arg(path).toLocal8Bit());
    // What the profile means for real traffic, so a missing token is found before a canary.
    const PrometheusSettings &prometheus = loaded.value().prometheus;
    if (!prometheus.configured()) {
        writeOut(stdout, QByteArrayLiteral("prometheus: not configured (the canary is judged on "
                                           "probes alone)\n"));
    } else {
        writeOut(stdout, QStringLiteral("prometheus: %1, window %2\n")
                             .arg(prometheus.url.toDisplayString(), prometheus.window)
                             .toLocal8Bit());
        if (!prometheus.bearerTokenEnv.isEmpty() &&
            qEnvironmentVariable(qPrintable(prometheus.bearerTokenEnv)).trimmed().isEmpty())
            writeOut(stdout, QStringLiteral("prometheus: warning: %1 (prometheus.bearer_token_env) "
                                            "is not set here; queries will not be sent without "
                                            "it\n")
                                 .arg(prometheus.bearerTokenEnv)
                                 .toLocal8Bit());
    }
    // Usable, but worth knowing before a release: what probing costs, what cannot be priced.
    QStringList warnings = ProbeAllowance(loaded.value()).warnings();
    const std::pair<QString, QString> models[] = {
        {QStringLiteral("cohere.models.chat"), profile.cohere.chatModel},
        {QStringLiteral("cohere.models.embed"), profile.cohere.embedModel},
        {QStringLiteral("cohere.models.rerank"), profile.cohere.rerankModel}};
    for (const auto &[field, model] : models) {
        if (!profile.alerts.prices.contains(model))
            warnings << QStringLiteral("alerts.prices has no price for %1 \"%2\": the budget rule "
                                       "cannot price its calls and leaves them out; add one to "
                                       "count them.")
                            .arg(field, model);
    }
    for (const QString &warning : std::as_const(warnings))
        writeOut(stdout, QStringLiteral("warning: %1\n").arg(warning).toLocal8Bit());
    return ExitOk;
}

} // namespace

QList<CommandSpec> profileCommands()
{
    CommandSpec init;
    init.words = {QStringLiteral("profile"), QStringLiteral("init")};
    init.summary = QStringLiteral("Print the default profile (golive.json) with the seed's values");
    init.run = initProfile;

    CommandSpec check;
    check.words = {QStringLiteral("profile"), QStringLiteral("check")};
    check.summary = QStringLiteral("Validate a profile; print every problem with its JSON path");
    check.positionalSyntax = QStringLiteral("FILE");
    check.run = checkProfile;
    return {init, check};
}

} // namespace golive::app
