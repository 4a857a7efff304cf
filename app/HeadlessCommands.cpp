#include "HeadlessCommands.h"

#include "CheckCommand.h"
#include "ChecklistCommands.h"
#include "ProfileCommands.h"

namespace golive::app {

QList<CommandSpec> headlessCommands()
{
    QList<CommandSpec> commands;
    commands << checklistCommands() << checkCommand() << profileCommands();
    return commands;
}

} // namespace golive::app
