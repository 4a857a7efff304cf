#pragma once

#include "src/config/ProfileDefaults.h"

namespace golive {

// How often one probe kind runs and how long one run may take.
struct ProbeTiming {
    int intervalS = 60;
    int timeoutMs = 10'000;
    bool operator==(const ProbeTiming &) const = default;
};

// The profile's `probes.<kind>.*` section. `health` covers both team endpoints.
struct ProbeSettings {
    ProbeTiming health{defaults::healthIntervalS, defaults::healthTimeoutMs};
    ProbeTiming chat{defaults::chatIntervalS, defaults::chatTimeoutMs};
    ProbeTiming embed{defaults::embedIntervalS, defaults::embedTimeoutMs};
    ProbeTiming rerank{defaults::rerankIntervalS, defaults::rerankTimeoutMs};
    ProbeTiming statusPage{defaults::statusPageIntervalS, defaults::statusPageTimeoutMs};
    bool operator==(const ProbeSettings &) const = default;
};

} // namespace golive
