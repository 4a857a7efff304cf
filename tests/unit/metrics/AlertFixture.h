#pragma once

#include "FakeClock.h"
#include "QStringPrinter.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/AlertEngine.h"
#include "src/metrics/MetricsStore.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <memory>

// A store, an engine with the profile's default thresholds and the standard probe names, a fake
// clock, and spies on what the engine reports.
class AlertFixture : public ::testing::Test {
protected:
    AlertFixture() { makeEngine(golive::AlertThresholds{}); }

    void makeEngine(const golive::AlertThresholds &thresholds)
    {
        fired.reset();
        resolved.reset();
        updated.reset();
        engine = std::make_unique<golive::AlertEngine>(
            store, thresholds, golive::AlertSources::standard(golive::CohereSettings{}), clock);
        // The rule tests test conditions; the resolve hold has tests of its own.
        engine->setResolveHold(golive::ResolveHold::immediate());
        fired = std::make_unique<QSignalSpy>(engine.get(), &golive::AlertEngine::alertFired);
        resolved = std::make_unique<QSignalSpy>(engine.get(), &golive::AlertEngine::alertResolved);
        updated = std::make_unique<QSignalSpy>(engine.get(), &golive::AlertEngine::alertUpdated);
    }

    // Records one probe result, stamped now.
    void record(const char *probe, golive::FailureKind failure, double latencyMs = 200,
                qint16 httpStatus = -1)
    {
        golive::Sample s;
        s.atMs = clock.nowUtc().toMSecsSinceEpoch();
        s.latencyMs = latencyMs;
        s.failure = failure;
        s.outcome = golive::outcomeOf(failure);
        s.httpStatus = httpStatus >= 0 ? httpStatus : defaultStatus(failure);
        ASSERT_TRUE((store.record(QString::fromLatin1(probe), s)).ok());
    }

    void recordTimes(int times, const char *probe, golive::FailureKind failure,
                     double latencyMs = 200)
    {
        for (int i = 0; i < times; ++i)
            record(probe, failure, latencyMs);
    }

    void recordBilled(const char *probe, quint32 input, quint32 output, quint16 searchUnits)
    {
        golive::Sample s;
        s.atMs = clock.nowUtc().toMSecsSinceEpoch();
        s.latencyMs = 200;
        s.httpStatus = 200;
        s.inputTokens = input;
        s.outputTokens = output;
        s.searchUnits = searchUnits;
        ASSERT_TRUE((store.record(QString::fromLatin1(probe), s)).ok());
    }

    QList<QString> activeIds() const
    {
        QList<QString> ids;
        for (const golive::Alert &a : engine->activeAlerts())
            ids.append(a.ruleId);
        return ids;
    }

    golive::Alert lastFired() const { return lastOf(*fired); }
    golive::Alert lastResolved() const { return lastOf(*resolved); }

    static golive::Alert lastOf(const QSignalSpy &spy)
    {
        if (spy.isEmpty()) {
            ADD_FAILURE() << "no alert was reported";
            return {};
        }
        return spy.last().at(0).value<golive::Alert>();
    }

    static qint16 defaultStatus(golive::FailureKind failure)
    {
        switch (failure) {
        case golive::FailureKind::Ok:
            return 200;
        case golive::FailureKind::RateLimited:
            return 429;
        case golive::FailureKind::Auth:
            return 401;
        case golive::FailureKind::ClientError:
            return 400;
        case golive::FailureKind::Server5xx:
            return 503;
        default:
            return 0;
        }
    }

    static constexpr auto chat = golive::probename::cohereChat;
    static constexpr auto embed = golive::probename::cohereEmbed;
    static constexpr auto rerank = golive::probename::cohereRerank;
    static constexpr auto production = golive::probename::healthProduction;
    static constexpr auto staging = golive::probename::healthStaging;

    golive::test::FakeClock clock;
    golive::MetricsStore store;
    std::unique_ptr<golive::AlertEngine> engine;
    std::unique_ptr<QSignalSpy> fired;
    std::unique_ptr<QSignalSpy> resolved;
    std::unique_ptr<QSignalSpy> updated;
};
