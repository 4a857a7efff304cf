#pragma once

#include "CommandLine.h"

namespace golive::app {

// Every headless command golive knows, in the order `golive --help` lists them.
QList<CommandSpec> headlessCommands();

} // namespace golive::app
