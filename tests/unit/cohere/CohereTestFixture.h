#pragma once

#include "FakeClock.h"
#include "FakeCohereServer.h"
#include "src/cohere/CohereClient.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <memory>

namespace golive::test {

// Waits (bounded) for a call's single report and returns it.
inline CohereOutcome awaitOutcome(CohereCall *call, int timeoutMs = 5000)
{
    QSignalSpy spy(call, &CohereCall::finished);
    if (spy.isEmpty())
        spy.wait(timeoutMs);
    if (spy.size() != 1) {
        ADD_FAILURE() << "expected exactly one finished() within " << timeoutMs << " ms, got "
                      << spy.size();
        return {};
    }
    return qvariant_cast<CohereOutcome>(spy.at(0).at(0));
}

// Short timeouts and waits so the suite stays fast; production values come from the profile.
inline CohereSettings fastSettings(const QUrl &baseUrl)
{
    CohereSettings settings;
    settings.baseUrl = baseUrl;
    settings.requestTimeoutMs = 2000;
    settings.retry.maxAttempts = 4;
    settings.retry.baseDelayMs = 5;
    settings.retry.maxDelayMs = 20;
    settings.retry.totalBudgetMs = 5000;
    return settings;
}

// A fake Cohere on loopback and a client pointed at it, with a fake clock for the breaker.
class CohereClientTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.listen());
        makeClient(fastSettings(server.url()));
    }

    void makeClient(const CohereSettings &settings)
    {
        client = std::make_unique<CohereClient>(
            settings, [this] { return key; }, nullptr, clock,
            [](qint64 upper) { return upper; }); // always the longest jittered wait
    }

    QString key = QString::fromLatin1(FakeCohereServer::defaultKey);
    FakeCohereServer server;
    FakeClock clock;
    std::unique_ptr<CohereClient> client;
};

} // namespace golive::test
