#pragma once

#include "src/common/Error.h"

#include <QDateTime>
#include <QString>

namespace golive {

// Moves an unusable file aside as "<name>.corrupt-20261124T140301Z" (with "-2", "-3" ... if that
// name is taken) so that nobody's data is ever deleted or overwritten, and returns the new file
// name (without folder).
Result<QString> quarantineFile(const QString &path, const QDateTime &nowUtc);

} // namespace golive
