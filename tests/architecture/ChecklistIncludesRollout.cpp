// Compiled with the checklist domain's include path only. The checklist sits below the rollout,
// so this include must fail: its test passes only on "No such file or directory".
#include "src/checklist/ChecklistGate.h"
#include "src/rollout/RolloutController.h"
