#pragma once

#include "FakeClock.h"
#include "FakeCohereServer.h"
#include "FakeStatusPageServer.h"
#include "FakeTeamHealthServer.h"
#include "QStringPrinter.h"
#include "src/cohere/CohereClient.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/MetricsStore.h"
#include "src/probes/ProbeRun.h"
#include "src/probes/ProbeRunner.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

namespace golive::test {

// Loopback servers for every probe kind, a runner recording into a MetricsStore, a fake clock.
class ProbeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(cohere.listen());
        ASSERT_TRUE(health.listen());
        ASSERT_TRUE(statusPage.listen());
        CohereSettings settings;
        settings.baseUrl = cohere.url();
        settings.retry.maxAttempts = 1;
        settings.requestTimeoutMs = 5000;
        client = std::make_unique<CohereClient>(
            settings, [] { return QString::fromLatin1(FakeCohereServer::defaultKey); }, nullptr,
            clock);
        runner =
            std::make_unique<ProbeRunner>(client.get(), &metrics, CohereProbeRequests{}, clock);
    }

    ProbeSpec healthSpec(int timeoutMs = 2000) const
    {
        return {QString::fromLatin1(probename::healthStaging), ProbeKind::TeamHealth,
                health.healthUrl(), 10'000, timeoutMs};
    }
    ProbeSpec statusSpec(int timeoutMs = 2000) const
    {
        return {QString::fromLatin1(probename::statusPage), ProbeKind::StatusPage,
                statusPage.statusUrl(), 60'000, timeoutMs};
    }
    ProbeSpec cohereSpec(ProbeKind kind, int timeoutMs = 2000) const
    {
        const char *name = kind == ProbeKind::CohereChat    ? probename::cohereChat
                           : kind == ProbeKind::CohereEmbed ? probename::cohereEmbed
                                                            : probename::cohereRerank;
        return {QString::fromLatin1(name), kind, cohere.url(), 30'000, timeoutMs};
    }

    // Runs the spec once and returns its single report.
    ProbeResult runOnce(const ProbeSpec &spec)
    {
        QSignalSpy spy(runner.get(), &ProbeRunner::probeFinished);
        runner->run(spec);
        if (!spy.wait(10'000) || spy.size() != 1) {
            ADD_FAILURE() << "expected exactly one result for " << spec.name.toStdString();
            return {};
        }
        return qvariant_cast<ProbeResult>(spy.at(0).at(0));
    }

    FakeClock clock;
    FakeCohereServer cohere;
    FakeTeamHealthServer health;
    FakeStatusPageServer statusPage;
    MetricsStore metrics;
    std::unique_ptr<CohereClient> client;
    std::unique_ptr<ProbeRunner> runner;
};

} // namespace golive::test
