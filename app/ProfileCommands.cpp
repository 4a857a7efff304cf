#include "ProfileCommands.h"

#include "CommandIo.h"

#include "src/config/ProbeAllowance.h"
#include "src/config/ProfileLoader.h"

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
    writeOut(stdout, QStringLiteral("%1: profile OK\n").arg(path).toLocal8Bit());
    // Usable, but worth knowing before a release: what probing costs, what cannot be priced.
    QStringList warnings = ProbeAllowance(loaded.value()).warnings();
    const Profile &profile = loaded.value();
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
