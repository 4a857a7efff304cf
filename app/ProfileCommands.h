#pragma once

#include "CommandLine.h"

namespace golive::app {

// `golive profile init` (print the default profile) and `golive profile check FILE`.
QList<CommandSpec> profileCommands();

} // namespace golive::app
