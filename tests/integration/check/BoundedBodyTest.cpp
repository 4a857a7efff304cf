// `golive check` against endpoints that stream a chunked body forever: every probe reports
// "response larger than ..." and golive's peak memory stays near the caps, not the stream.

#include "GoliveProcess.h"
#include "LoopbackHttpServer.h"
#include "TestEnvironment.h"
#include "src/common/AtomicFile.h"
#include "src/config/ProfileWriter.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/resource.h>

using namespace golive;
using namespace golive::test;

namespace {

// The largest resident set of any child this test process has waited for, in MiB (Linux reports
// ru_maxrss in KiB). Each test runs in its own process, so that child is the golive run below.
double peakChildRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

} // namespace

TEST(BoundedBodyTest, EndlessChunkedBodiesKeepGoliveCheckUnder150MiB)
{
    LoopbackHttpServer endless;
    ASSERT_TRUE(endless.listen());
    endless.setHandler([](const LoopbackRequest &) {
        LoopbackResponse response;
        response.delivery = LoopbackResponse::Delivery::EndlessChunked;
        response.headers = {{"Content-Type", "application/json"}};
        return response;
    });

    QTemporaryDir dir;
    Profile profile;
    profile.cohere.baseUrl = endless.url();
    profile.health.staging = endless.url(QStringLiteral("/api/health"));
    profile.health.production = endless.url(QStringLiteral("/api/health"));
    profile.statusPage.url = endless.url(QStringLiteral("/api/v2/status.json"));
    for (ProbeTiming *timing : {&profile.probes.health, &profile.probes.chat, &profile.probes.embed,
                                &profile.probes.rerank, &profile.probes.statusPage})
        timing->timeoutMs = 20'000; // the cap, not the deadline, must end every probe
    const QString profilePath = dir.filePath(QStringLiteral("golive.json"));
    ASSERT_FALSE(writeFileAtomically(profilePath, ProfileWriter::toJson(profile)).failed());

    GoliveRunOptions options;
    options.environment.insert(QStringLiteral("CO_API_KEY"),
                               QStringLiteral("test-key-0123456789abcdef0123"));
    options.environment.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1"));
    options.timeoutMs = 60'000;
    const GoliveRun run = runGolive({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                                     QStringLiteral("--profile"), profilePath,
                                     QStringLiteral("check"), QStringLiteral("--json"),
                                     QStringLiteral("--probes-only")},
                                    options);
    ASSERT_TRUE(run.finished);
    EXPECT_EQ(run.exitCode, 1) << run.err.toStdString();
    const QJsonArray probes = run.json().value(QStringLiteral("probes")).toArray();
    ASSERT_EQ(probes.size(), 6) << run.out.toStdString();
    for (const QJsonValue &probe : probes) {
        const QString error = probe.toObject().value(QStringLiteral("error")).toString();
        EXPECT_TRUE(error.contains(QLatin1String("response larger than")))
            << probe.toObject().value(QStringLiteral("name")).toString().toStdString() << ": "
            << error.toStdString();
    }
    const double peak = peakChildRssMiB();
    std::cout << "[ measured ] golive check peak RSS (VmHWM) " << peak << " MiB; the servers sent "
              << endless.endlessBytesSent() / (1024 * 1024) << " MiB in all" << std::endl;
    EXPECT_LT(peak, 150.0);
    EXPECT_LT(endless.endlessBytesSent(), 64 * 1024 * 1024)
        << "golive kept reading after its caps";
}
