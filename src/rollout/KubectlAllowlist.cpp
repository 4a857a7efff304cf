#include "src/rollout/KubectlAllowlist.h"

#include <QHash>

namespace golive {

namespace {

struct CommandSpec {
    bool mutates = false;
    QStringList flagsWithValue; // take the next argument (or `=value`) as their value
    QStringList switches;       // stand alone (or `=true|false`)
};

const QStringList kOutput = {QStringLiteral("-o"), QStringLiteral("--output")};
const QStringList kSelector = {QStringLiteral("-l"), QStringLiteral("--selector"),
                               QStringLiteral("--field-selector")};
const QStringList kWatchWait = {QStringLiteral("--timeout"), QStringLiteral("--watch")};

// Each entry: what it does to the cluster, and the flags it may carry in a runbook. Cluster,
// namespace and identity flags are never here: the profile sets those (see RunbookLoader).
const QHash<QString, CommandSpec> &commands()
{
    static const QHash<QString, CommandSpec> table = {
        {QStringLiteral("get"),
         {false,
          kOutput + kSelector +
              QStringList{QStringLiteral("--sort-by"), QStringLiteral("--raw"),
                          QStringLiteral("-L")},
          {QStringLiteral("--show-labels"), QStringLiteral("--no-headers"), QStringLiteral("-w"),
           QStringLiteral("--watch")}}},
        {QStringLiteral("describe"), {false, kSelector, {}}},
        {QStringLiteral("logs"),
         {false,
          kSelector + QStringList{QStringLiteral("-c"), QStringLiteral("--container"),
                                  QStringLiteral("--tail"), QStringLiteral("--since")},
          {QStringLiteral("--previous"), QStringLiteral("-p"), QStringLiteral("--timestamps")}}},
        {QStringLiteral("top"), {false, kSelector, {QStringLiteral("--containers")}}},
        {QStringLiteral("version"), {false, kOutput, {QStringLiteral("--client")}}},
        {QStringLiteral("api-resources"), {false, kOutput, {}}},
        {QStringLiteral("wait"),
         {false,
          kSelector + QStringList{QStringLiteral("--for"), QStringLiteral("--timeout")},
          {}}},
        {QStringLiteral("diff"), {false, {QStringLiteral("-f"), QStringLiteral("--filename")}, {}}},
        {QStringLiteral("rollout status"),
         {false, kWatchWait + QStringList{QStringLiteral("--revision")}, {QStringLiteral("-w")}}},
        {QStringLiteral("rollout history"),
         {false, kOutput + QStringList{QStringLiteral("--revision")}, {}}},
        {QStringLiteral("apply"),
         {true,
          {QStringLiteral("-f"), QStringLiteral("--filename"), QStringLiteral("--field-manager"),
           QStringLiteral("--dry-run"), QStringLiteral("-o"), QStringLiteral("--output"),
           QStringLiteral("--timeout")},
          {QStringLiteral("--server-side"), QStringLiteral("--wait")}}},
        {QStringLiteral("patch"),
         {true,
          {QStringLiteral("--type"), QStringLiteral("-p"), QStringLiteral("--patch"),
           QStringLiteral("--patch-file"), QStringLiteral("--dry-run"), QStringLiteral("-o"),
           QStringLiteral("--output")},
          {}}},
        {QStringLiteral("scale"),
         {true,
          {QStringLiteral("--replicas"), QStringLiteral("--current-replicas"),
           QStringLiteral("--timeout")},
          {}}},
        {QStringLiteral("set image"), {true, {QStringLiteral("--dry-run")}, {}}},
        {QStringLiteral("annotate"), {true, {}, {QStringLiteral("--overwrite")}}},
        {QStringLiteral("label"), {true, {}, {QStringLiteral("--overwrite")}}},
        {QStringLiteral("rollout pause"), {true, {}, {}}},
        {QStringLiteral("rollout resume"), {true, {}, {}}},
        {QStringLiteral("rollout restart"), {true, {}, {}}},
        {QStringLiteral("rollout undo"), {true, {QStringLiteral("--to-revision")}, {}}},
    };
    return table;
}

// "rollout undo" for `rollout undo ...`, "get" for `get pods`: the longest known prefix.
QString commandName(const QStringList &args)
{
    if (args.size() >= 2) {
        const QString two = args.at(0) + QLatin1Char(' ') + args.at(1);
        if (commands().contains(two))
            return two;
    }
    return args.isEmpty() ? QString() : args.first();
}

} // namespace

Result<KubectlAllowlist::Command> KubectlAllowlist::check(const QStringList &args)
{
    const QString name = commandName(args);
    const auto spec = commands().constFind(name);
    if (spec == commands().constEnd())
        return Error{QStringLiteral("kubectl-not-allowed"),
                     QStringLiteral("\"kubectl %1\" is not a command golive runs (allowed: %2)")
                         .arg(args.mid(0, 2).join(QLatin1Char(' ')),
                              knownCommands().join(QStringLiteral(", ")))};
    const qsizetype words = name.count(QLatin1Char(' ')) + 1;
    for (qsizetype i = words; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!arg.startsWith(QLatin1Char('-')))
            continue; // a resource, a name or a placeholder
        const QString flag = arg.section(QLatin1Char('='), 0, 0);
        const bool inlineValue = arg.contains(QLatin1Char('='));
        if (spec->flagsWithValue.contains(flag)) {
            if (!inlineValue)
                ++i; // its value may itself start with '-' or '{'
            continue;
        }
        if (spec->switches.contains(flag))
            continue;
        return Error{QStringLiteral("kubectl-flag-not-allowed"),
                     QStringLiteral("\"%1\" is not a flag golive lets \"kubectl %2\" take in a "
                                    "runbook")
                         .arg(arg, name)};
    }
    return Command{name, spec->mutates};
}

QStringList KubectlAllowlist::knownCommands()
{
    QStringList names = commands().keys();
    names.sort();
    QStringList out;
    for (const QString &n : names)
        out << n + (commands().value(n).mutates ? QStringLiteral(" (mutating)") : QString());
    return out;
}

} // namespace golive
