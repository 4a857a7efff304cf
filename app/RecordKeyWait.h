#pragma once

#include "src/secrets/RecordKey.h"
#include "src/secrets/RecordKeyLoader.h"

namespace golive {
class Console;
}

namespace golive::app {

// The CLI's side of the record key: a terminal command may wait for the keychain (each loader
// has its own timeout), the window never does.

// Loads the installation's record key, waiting at most the loader's timeout.
RecordKey loadRecordKey(RecordKeyLoader::Mode mode);
// Returns once the console knows its record key, so a release it opened is attached to its
// record before the command goes on.
void waitForRecordKey(Console &console);

} // namespace golive::app
