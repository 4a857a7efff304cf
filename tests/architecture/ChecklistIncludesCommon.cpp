// Compiled with the checklist domain's include path only: its own headers and common's are there.
#include "src/checklist/ChecklistGate.h"
#include "src/common/Clock.h"
