#include "HeadlessCommands.h"

#include "CheckCommand.h"
#include "ChecklistCommands.h"
#include "EvidenceCommand.h"
#include "ProfileCommands.h"
#include "RecordCommands.h"
#include "RunCommand.h"

namespace golive::app {

QList<CommandSpec> headlessCommands()
{
    QList<CommandSpec> commands;
    commands << checkCommand() << checklistCommands() << evidenceCommand() << profileCommands() << recordCommands()
             << runCommands();
    return commands;
}

} // namespace golive::app
