#pragma once

#include "CommandLine.h"

namespace golive::app {

// `golive checklist export`.
QList<CommandSpec> checklistCommands();

} // namespace golive::app
