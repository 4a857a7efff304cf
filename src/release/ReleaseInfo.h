#pragma once

#include <QDateTime>
#include <QString>

namespace golive {

// What release.json says about a release.
struct ReleaseInfo {
    QString id;                // folder name under <data>/releases, e.g. 2026-11-24-1403-ga-launch
    QString name;              // as the team typed it
    QDateTime createdUtc;      // millisecond precision
    QString sourceDescription; // where checklist.md came from: "bundled" or the imported file path
    int formatVersion = 1;

    bool operator==(const ReleaseInfo &) const = default;
};

} // namespace golive
