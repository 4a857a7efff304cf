#include "CommandLine.h"
#include "HeadlessCommands.h"
#include "WindowLauncher.h"
#include "src/secrets/RedactingMessageHandler.h"

#include <QApplication>
#include <QCoreApplication>

#include <memory>

using namespace golive::app;

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("golive"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GOLIVE_VERSION));
    QCoreApplication::setOrganizationName(QString()); // data under ~/.local/share/golive
}

} // namespace

int main(int argc, char **argv)
{
    // Headless commands run without a display, so they get a QCoreApplication.
    std::unique_ptr<QCoreApplication> app;
    if (CommandLine::looksHeadless(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    describeApplication();
    // Before anything can log: every line of every command passes the redactor.
    // With no log file to open, installing cannot fail.
    (void)golive::installRedactingMessageHandler();

    const CommandLine commandLine(headlessCommands());
    const CommandLine::Parsed parsed = commandLine.parse(QCoreApplication::arguments());
    if (!parsed.invocation)
        return parsed.exitCode;
    if (parsed.command)
        return parsed.command->run(*parsed.invocation);
    return openWindow(*parsed.invocation);
}
