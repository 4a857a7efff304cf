#pragma once

#include "CommandLine.h"

namespace golive::app {

// `golive canary [--json] [--rounds N] [--interval-s S]`: reads the deployment, its ReplicaSets
// and pods, probes each canary and stable pod's health through the API server's pod proxy N
// times, and prints canary and stable side by side with the comparative verdict. Exit 0 =
// healthy, 1 = unhealthy, insufficient data or no canary, 2 = bad configuration.
CommandSpec canaryCommand();

} // namespace golive::app
