#pragma once

#include <QStringList>

namespace golive {

namespace defaults {
inline constexpr int evidenceMaxAgeMinutes = 60; // evidence older than this is stale
} // namespace defaults

// The profile's `evidence.*` section: where the team's integration code is (folders relative to
// the profile file, scanned by the `source:*` evidence), and how old evidence may be before a
// gate wants it re-run.
struct EvidenceSettings {
    QStringList sourceDirs;
    int maxAgeMinutes = defaults::evidenceMaxAgeMinutes;
    bool operator==(const EvidenceSettings &) const = default;
};

} // namespace golive
