#pragma once

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace golive::app {

// Exit codes shared by every headless command, so scripts can rely on them.
enum ExitCode : int { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// What the user asked for, once the command line has been read.
struct Invocation {
    QStringList command;   // e.g. {"checklist", "export"}; empty = open the window
    QString dataDir;       // resolved: --data-dir or the platform's app data folder
    QString profilePath;   // --profile, empty when not given
    QStringList arguments; // positional arguments after the command words
    std::function<QString(const QString &name)> value; // a command option's value
    std::function<bool(const QString &name)> isSet;    // whether a command option was given
};

// One headless command: its words, a one-line description, its options, what it does.
struct CommandSpec {
    QStringList words;
    QString summary;
    QList<QCommandLineOption> options;
    QString positionalSyntax; // shown in --help, e.g. "STEP"
    std::function<int(const Invocation &)> run;
};

// Reads argv against the known commands. Prints --help/--version/errors itself; returns the
// invocation to run, or the exit code to leave with.
class CommandLine {
public:
    explicit CommandLine(QList<CommandSpec> commands);

    struct Parsed {
        std::optional<Invocation> invocation;
        int exitCode = ExitOk;
        const CommandSpec *command = nullptr;
    };
    Parsed parse(const QStringList &argv) const;

    // True when argv names a headless command, so main() can skip creating a GUI application.
    static bool looksHeadless(int argc, char **argv);

private:
    const CommandSpec *findCommand(const QStringList &positional, int *wordsUsed) const;
    QString helpText(const CommandSpec *command) const;

    QList<CommandSpec> m_commands;
};

} // namespace golive::app
