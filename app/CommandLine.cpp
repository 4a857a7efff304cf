#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <cstdio>

namespace golive::app {

namespace {

QCommandLineOption dataDirOption()
{
    return {QStringLiteral("data-dir"),
            QStringLiteral("Keep releases and state in DIR instead of the platform's data folder."),
            QStringLiteral("DIR")};
}

QCommandLineOption profileOption()
{
    return {QStringLiteral("profile"),
            QStringLiteral("Use the golive.json profile at FILE (endpoints, models, thresholds)."),
            QStringLiteral("FILE")};
}

void printTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QString resolveDataDir(const QString &given)
{
    if (!given.isEmpty())
        return QDir(given).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace

CommandLine::CommandLine(QList<CommandSpec> commands) : m_commands(std::move(commands)) {}

bool CommandLine::looksHeadless(int argc, char **argv)
{
    // The window opens only for a bare `golive`, optionally with --data-dir/--profile. Anything
    // else (a command, --help, a typo) is answered on the terminal and must not need a display.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--data-dir" || arg == "--profile") {
            ++i; // skip the option's value
            continue;
        }
        if (arg.startsWith("--data-dir=") || arg.startsWith("--profile="))
            continue;
        return true;
    }
    return false;
}

const CommandSpec *CommandLine::findCommand(const QStringList &positional, int *wordsUsed) const
{
    const CommandSpec *best = nullptr;
    for (const CommandSpec &spec : m_commands) {
        if (spec.words.size() > positional.size())
            continue;
        if (positional.mid(0, spec.words.size()) != spec.words)
            continue;
        if (!best || spec.words.size() > best->words.size())
            best = &spec;
    }
    *wordsUsed = best ? int(best->words.size()) : 0;
    return best;
}

QString CommandLine::helpText(const CommandSpec *command) const
{
    QString text;
    if (command) {
        text += QStringLiteral("Usage: golive %1 [options] %2\n\n%3\n\nOptions:\n")
                    .arg(command->words.join(QLatin1Char(' ')), command->positionalSyntax,
                         command->summary);
        QList<QCommandLineOption> options = command->options;
        options << dataDirOption() << profileOption();
        for (const QCommandLineOption &option : options) {
            QString names = QStringLiteral("--") + option.names().join(QStringLiteral(", --"));
            if (!option.valueName().isEmpty())
                names += QLatin1Char(' ') + option.valueName();
            text += QStringLiteral("  %1\n      %2\n").arg(names, option.description());
        }
        return text;
    }
    text += QStringLiteral(
        "Usage: golive [--data-dir DIR] [--profile FILE] [COMMAND ...]\n\n"
        "golive is the console a team keeps open while it takes a Cohere API v2 integration\n"
        "live. Without a command it opens the window.\n\nCommands:\n");
    for (const CommandSpec &spec : m_commands) {
        const QString words = spec.words.join(QLatin1Char(' '));
        text += QStringLiteral("  %1%2\n").arg(words.leftJustified(22), spec.summary);
    }
    text += QStringLiteral(
                "\nOptions:\n"
                "  --data-dir DIR     Keep releases and state in DIR (default: %1)\n"
                "  --profile FILE     Use the golive.json profile at FILE\n"
                "  -h, --help         Show this help, or a command's help after the command\n"
                "  -v, --version      Show the version\n\n"
                "Exit codes: 0 success (go), 1 failure (no-go), 2 bad usage or configuration.\n")
                .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    return text;
}

CommandLine::Parsed CommandLine::parse(const QStringList &argv) const
{
    // First pass: find the command words, tolerating options we do not know yet.
    QCommandLineParser probe;
    probe.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    probe.addOption(dataDirOption());
    probe.addOption(profileOption());
    probe.parse(argv);
    int wordsUsed = 0;
    const CommandSpec *command = findCommand(probe.positionalArguments(), &wordsUsed);

    // Second pass: the command's own options, strictly. Shared so the invocation can read them.
    auto parser = std::make_shared<QCommandLineParser>();
    parser->setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version."));
    parser->addOptions({help, version, dataDirOption(), profileOption()});
    if (command)
        parser->addOptions(command->options);

    Parsed result;
    if (!parser->parse(argv)) {
        printTo(stderr,
                QStringLiteral("golive: %1\nTry 'golive --help'.\n").arg(parser->errorText()));
        result.exitCode = ExitUsage;
        return result;
    }
    if (parser->isSet(version)) {
        printTo(stdout, QStringLiteral("golive %1\n").arg(QCoreApplication::applicationVersion()));
        return result;
    }
    if (parser->isSet(help)) {
        printTo(stdout, helpText(command));
        return result;
    }
    const QStringList positional = parser->positionalArguments();
    if (!positional.isEmpty() && !command) {
        printTo(stderr, QStringLiteral("golive: unknown command '%1'.\nTry 'golive --help'.\n")
                            .arg(positional.join(QLatin1Char(' '))));
        result.exitCode = ExitUsage;
        return result;
    }

    Invocation invocation;
    invocation.command = command ? command->words : QStringList();
    invocation.dataDir = resolveDataDir(parser->value(QStringLiteral("data-dir")));
    invocation.profilePath = parser->value(QStringLiteral("profile"));
    invocation.arguments = positional.mid(wordsUsed);
    invocation.value = [parser](const QString &name) { return parser->value(name); };
    invocation.isSet = [parser](const QString &name) { return parser->isSet(name); };

    result.invocation = std::move(invocation);
    result.command = command;
    return result;
}

} // namespace golive::app
