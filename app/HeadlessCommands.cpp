#include "HeadlessCommands.h"

#include "CheckCommand.h"
#include "ChecklistCommands.h"
#include "ProfileCommands.h"
#include "RecordCommands.h"

namespace golive::app {

QList<CommandSpec> headlessCommands()
{
    QList<CommandSpec> commands;
    commands << checkCommand() << checklistCommands() << profileCommands() << recordCommands();
    return commands;
}

} // namespace golive::app
