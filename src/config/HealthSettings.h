#pragma once

#include "src/config/ProfileDefaults.h"

#include <QString>
#include <QUrl>

namespace golive {

// The team's own health endpoints (the seed's `/api/health`): the profile's `health.*` section.
// An empty URL means "not probed".
struct HealthSettings {
    QUrl staging = QUrl(QString::fromLatin1(defaults::stagingHealthUrl));
    QUrl production = QUrl(QString::fromLatin1(defaults::productionHealthUrl));
    bool operator==(const HealthSettings &) const = default;
};

} // namespace golive
