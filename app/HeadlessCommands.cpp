#include "HeadlessCommands.h"

#include "ChecklistCommands.h"
#include "RecordCommands.h"

namespace golive::app {

QList<CommandSpec> headlessCommands()
{
    QList<CommandSpec> commands;
    commands << checklistCommands() << recordCommands();
    return commands;
}

} // namespace golive::app
