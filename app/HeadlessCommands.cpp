#include "HeadlessCommands.h"

#include "ChecklistCommands.h"
#include "RunCommand.h"

namespace golive::app {

QList<CommandSpec> headlessCommands()
{
    QList<CommandSpec> commands;
    commands << checklistCommands();
    commands << runCommands();
    return commands;
}

} // namespace golive::app
