#include "HeadlessCommands.h"

#include "AlertsCommands.h"
#include "CanaryCommand.h"
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
    commands << checkCommand() << canaryCommand() << checklistCommands() << evidenceCommand()
             << profileCommands() << recordCommands() << runCommands() << alertsCommands();
    return commands;
}

} // namespace golive::app
