#pragma once

#include "CommandLine.h"

namespace golive::app {

// `golive check [--profile FILE] [--json] [--probes-only]`: every probe once, the alert rules and
// the checklist's deploy gate; exit 0 = go, 1 = no-go, 2 = bad usage or profile.
CommandSpec checkCommand();

} // namespace golive::app
