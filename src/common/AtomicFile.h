#pragma once

#include "src/common/Error.h"

#include <QByteArray>
#include <QString>

namespace golive {

// The one way golive writes a file: the new content goes to a temporary file that is flushed to
// disk and then renamed over the old one, so a crash at any instant leaves either the old or the
// new content, never a mixture.
Status writeFileAtomically(const QString &path, const QByteArray &content);

// Reads a whole file, refusing anything larger than maxBytes (state files are small; a huge one is
// someone else's file or garbage).
Result<QByteArray> readFileCapped(const QString &path, qint64 maxBytes);

} // namespace golive
