#pragma once

#include "src/common/Error.h"

#include <QDateTime>
#include <QString>

// Release ids double as folder names, so they are a closed alphabet: the UTC minute of creation
// and a slug of the name, e.g. "2026-11-24-1403-cohere-v2-ga" (a "-2", "-3" ... suffix keeps two
// releases of the same name in the same minute apart). Nothing else is ever used as a path.
namespace golive::ReleaseId {

// Error kind "invalid-release-id" unless id has exactly that shape (so no "..", no slashes).
Status validate(const QString &id);

// Lower-case ASCII letters and digits joined by single dashes; "release" when nothing is left.
QString slugify(const QString &name);

// The id for a release of this name created at this time, before any uniqueness suffix.
QString make(const QDateTime &createdUtc, const QString &name);

// The creation minute and the slug read back from a valid id (for rebuilding a lost release.json).
QDateTime createdUtc(const QString &id);
QString slug(const QString &id);

} // namespace golive::ReleaseId
