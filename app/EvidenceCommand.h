#pragma once

#include "CommandLine.h"

namespace golive::app {

// `golive evidence [--json] [--release ID] [--profile FILE]`: runs every evidence source the
// release's checklist names; exit 1 when a required item's evidence fails, 0 otherwise, 2 for bad
// usage, profile or release.
CommandSpec evidenceCommand();

} // namespace golive::app
