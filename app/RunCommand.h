#pragma once

#include "CommandLine.h"

#include <QList>

namespace golive::app {

// `golive run STEP`: one runbook step through the same RolloutController the panel's buttons use.
QList<CommandSpec> runCommands();

} // namespace golive::app
