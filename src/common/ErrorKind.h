#pragma once

#include <QString>

namespace golive::errorkind {

// The Error kinds that code branches on, named once: a kind spelled two ways would silently take
// the wrong branch. Kinds that are only shown to people need no entry here.
inline const QString io = QStringLiteral("io");               // a file could not be read/written
inline const QString missing = QStringLiteral("missing");     // the file is not there at all
inline const QString tooLarge = QStringLiteral("too-large");  // over the reader's cap
inline const QString noReleases = QStringLiteral("no-releases"); // the data folder has none yet
inline const QString cancelled = QStringLiteral("cancelled"); // someone asked to stop

} // namespace golive::errorkind
