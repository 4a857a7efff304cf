#pragma once

#include "src/common/Error.h"

#include <functional>

namespace golive {

// Answers the runbook's health questions ("staging", "production", "status-page") and its
// preconditions ("staging-health", "status-page"): `done` is called exactly once, with nullopt
// for healthy or an Error saying what is wrong. The console answers them with its probes
// (ProbeHealthChecker), so the rollout and the health panel never disagree.
class HealthChecker {
public:
    virtual ~HealthChecker() = default;
    virtual void check(const QString &target, std::function<void(Status)> done) = 0;
};

} // namespace golive
