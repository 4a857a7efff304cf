#pragma once

#include "src/probes/ProbeSpec.h"
#include "src/rollout/HealthChecker.h"

#include <QList>

namespace golive {

class ProbeRunner;

// Answers the runbook's health questions with the same probes the console watches, so a
// pre-flight, a rollback's health check and the health panel can never disagree:
//   "staging" / "staging-health"       the team's staging /api/health must be healthy;
//   "production" / "production-health" the production one must be healthy;
//   "status-page"                      status.cohere.com must say none or minor (degraded).
class ProbeHealthChecker final : public HealthChecker {
public:
    ProbeHealthChecker(ProbeRunner &runner, QList<ProbeSpec> specs);

    void check(const QString &target, std::function<void(Status)> done) override;

private:
    ProbeRunner &m_runner;
    QList<ProbeSpec> m_specs;
};

} // namespace golive
