#include "HeadlessCommands.h"

#include "ChecklistCommands.h"

namespace golive::app {

QList<CommandSpec> headlessCommands()
{
    QList<CommandSpec> commands;
    commands << checklistCommands();
    return commands;
}

} // namespace golive::app
