#pragma once

#include "src/config/ProfileDefaults.h"

#include <QString>
#include <QUrl>

namespace golive {

// Cohere's public status page: the profile's `status_page.*` section.
struct StatusPageSettings {
    QUrl url = QUrl(QString::fromLatin1(defaults::statusPageUrl));
    bool operator==(const StatusPageSettings &) const = default;
};

} // namespace golive
