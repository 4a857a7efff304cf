#pragma once

#include "CommandLine.h"

namespace golive::app {

// `golive alerts export --format prometheus|prometheus-operator [-o FILE]`: the seed's six alerts
// as Prometheus rules, from the profile's queries and thresholds.
QList<CommandSpec> alertsCommands();

} // namespace golive::app
