#pragma once

#include "src/rollout/HealthChecker.h"

namespace golive::test {

// Answers the rollout's health questions as the test says production looks; the rest is healthy.
class ScriptedHealth : public HealthChecker {
public:
    Status production;
    void check(const QString &target, std::function<void(Status)> done) override
    {
        done(target == QLatin1String("production") ? production : Status());
    }
};

} // namespace golive::test
