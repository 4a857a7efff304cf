#pragma once

#include "src/release/ReleaseInfo.h"

#include <QStringList>

namespace golive {

// A release's description as opened, with what had to be repaired on the way (see LoadedState).
struct LoadedRelease {
    ReleaseInfo info;
    QStringList warnings;
};

} // namespace golive
