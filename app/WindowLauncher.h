#pragma once

#include "CommandLine.h"

namespace golive::app {

// Builds the core objects for the invocation, opens the main window and runs the event loop.
int openWindow(const Invocation &invocation);

} // namespace golive::app
