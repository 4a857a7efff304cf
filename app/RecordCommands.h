#pragma once

#include "CommandLine.h"

namespace golive::app {

// `golive verify` and `golive report`.
QList<CommandSpec> recordCommands();

} // namespace golive::app
