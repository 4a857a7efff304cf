#pragma once

#include "CommandLine.h"

#include "src/common/Error.h"
#include "src/config/Profile.h"

#include <QByteArray>
#include <QString>

#include <cstdio>

namespace golive::app {

// How every headless command talks to the terminal and reads its profile.

// Writes the bytes as they are and flushes at once, so stdout and stderr keep their order.
void writeOut(FILE *stream, const QByteArray &bytes);
// Writes the text in the terminal's encoding and flushes at once.
void writeOut(FILE *stream, const QString &text);
// "golive: <message>" on stderr.
void complain(const QString &message);

// The profile named by --profile, or the defaults when none is given. Each command words the
// error for what it did not do.
Result<Profile> loadProfile(const Invocation &invocation);

} // namespace golive::app
