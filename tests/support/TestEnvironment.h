#pragma once

#include <QString>

namespace golive::test {

// Puts the process in a hermetic state for tests: loopback traffic never goes through a proxy
// from the environment, and QStandardPaths points into a temporary folder.
void prepareTestEnvironment();

// Where the built golive binary and the source tree are (fixed when the tests are built).
QString builtBinary(const QString &relativePath);
QString sourcePath(const QString &relativePath);

} // namespace golive::test
