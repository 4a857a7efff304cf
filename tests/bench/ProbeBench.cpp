// Probe costs measured against loopback servers, for run.sh:
//   probe_bench serve SECONDS DELAY_MS...   one fake Cohere per delay; prints "port DELAY PORT"
//   probe_bench measure COUNT URL            COUNT sequential chat calls; prints each latency
//   probe_bench targets SECONDS PROFILE      a fake Cohere, two team health endpoints and a status
//                                            page; writes a golive profile probing all of them
//                                            every second; prints "ready", then what each served
//   probe_bench targets SECONDS PROFILE incidents   the same, and the fake Cohere answers in
//                                            100-400 ms with a 429 burst after a minute and a
//                                            latency spike after two (for chart screenshots)
// The servers run in their own process so that a client's CPU figure is its own alone.
#include "FakeCohereServer.h"
#include "FakeStatusPageServer.h"
#include "FakeTeamHealthServer.h"
#include "src/cohere/CohereClient.h"
#include "src/common/AtomicFile.h"
#include "src/config/ProfileLoader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QTimer>

#include <cstdio>
#include <list>
#include <memory>
#include <random>

using namespace golive;

namespace {

CohereSettings settingsFor(const QUrl &url)
{
    CohereSettings settings;
    settings.baseUrl = url;
    settings.requestTimeoutMs = 10'000;
    settings.retry.maxAttempts = 1; // one request per call: latency of exactly one attempt
    return settings;
}

CohereClient::KeyProvider key()
{
    return [] { return QString::fromLatin1(test::FakeCohereServer::defaultKey); };
}

int serve(QCoreApplication &app, int seconds, const QStringList &delays)
{
    std::list<test::FakeCohereServer> servers;
    for (const QString &delay : delays) {
        test::FakeCohereServer &server = servers.emplace_back();
        if (!server.listen())
            return 1;
        // Faults are consumed one per request: queue enough for the whole run.
        for (int i = 0; i < 20'000; ++i)
            server.enqueue(test::FakeCohereFault::latency(delay.toInt()));
        std::printf("port %d %d\n", delay.toInt(), server.port());
    }
    std::fflush(stdout);
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    return QCoreApplication::exec();
}

int measure(QCoreApplication &app, int count, const QString &url)
{
    CohereClient client(settingsFor(QUrl(url)), key());
    int remaining = count;
    int status = 0;
    std::function<void()> next = [&] {
        if (remaining-- == 0) {
            app.quit();
            return;
        }
        CohereCall *call = client.chat();
        QObject::connect(call, &CohereCall::finished, &app, [&](const CohereOutcome &o) {
            if (!o.ok())
                status = 1;
            std::printf("latency_ms %lld\n", static_cast<long long>(o.latencyMs));
            next();
        });
    };
    QTimer::singleShot(0, &app, next);
    QCoreApplication::exec();
    return status;
}

// The default profile, every endpoint on loopback and every probe once a second.
QByteArray loopbackProfile(const test::FakeCohereServer &cohere,
                           const test::FakeTeamHealthServer &staging,
                           const test::FakeTeamHealthServer &production,
                           const test::FakeStatusPageServer &statusPage)
{
    QJsonObject profile = QJsonDocument::fromJson(ProfileLoader::defaultProfileJson()).object();
    QJsonObject cohereSection = profile[QStringLiteral("cohere")].toObject();
    cohereSection[QStringLiteral("base_url")] = cohere.url().toString();
    profile[QStringLiteral("cohere")] = cohereSection;
    profile[QStringLiteral("health")] =
        QJsonObject{{QStringLiteral("staging"), staging.healthUrl().toString()},
                    {QStringLiteral("production"), production.healthUrl().toString()}};
    profile[QStringLiteral("status_page")] =
        QJsonObject{{QStringLiteral("url"), statusPage.statusUrl().toString()}};
    QJsonObject probes = profile[QStringLiteral("probes")].toObject();
    for (const QString &name : probes.keys()) {
        QJsonObject probe = probes[name].toObject();
        probe[QStringLiteral("interval_s")] = 1;
        probes[name] = probe;
    }
    profile[QStringLiteral("probes")] = probes;
    return QJsonDocument(profile).toJson();
}

// About three Cohere calls a second (chat, embed, rerank): a minute of normal answers, a burst of
// 429s, a minute more, then slow answers for half a minute, then normal again.
void scriptIncidents(test::FakeCohereServer &cohere)
{
    std::mt19937 random(2026);
    std::uniform_int_distribution<int> normal(100, 400);
    std::uniform_int_distribution<int> slow(3'000, 7'000);
    for (int i = 0; i < 20'000; ++i) {
        if (i >= 180 && i < 260)
            cohere.enqueue(test::FakeCohereFault::rateLimited("1"));
        else if (i >= 380 && i < 400)
            cohere.enqueue(test::FakeCohereFault::latency(slow(random)));
        else
            cohere.enqueue(test::FakeCohereFault::latency(normal(random)));
    }
}

int targets(QCoreApplication &app, int seconds, const QString &profilePath, bool incidents)
{
    test::FakeCohereServer cohere;
    if (incidents)
        scriptIncidents(cohere);
    test::FakeTeamHealthServer staging;
    test::FakeTeamHealthServer production;
    test::FakeStatusPageServer statusPage;
    if (!cohere.listen() || !staging.listen() || !production.listen() || !statusPage.listen())
        return 1;
    if (const Status written = writeFileAtomically(
            profilePath, loopbackProfile(cohere, staging, production, statusPage));
        written.failed()) {
        std::fprintf(stderr, "%s\n", qPrintable(written->message));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    QCoreApplication::exec();
    std::printf("served cohere %lld health %lld status %lld\n",
                static_cast<long long>(cohere.requests().size()),
                static_cast<long long>(staging.requests().size() + production.requests().size()),
                static_cast<long long>(statusPage.requests().size()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    const QStringList args = app.arguments().mid(1);
    if (args.size() >= 3 && args[0] == "serve")
        return serve(app, args[1].toInt(), args.mid(2));
    if (args.size() == 3 && args[0] == "measure")
        return measure(app, args[1].toInt(), args[2]);
    if ((args.size() == 3 || (args.size() == 4 && args[3] == "incidents")) && args[0] == "targets")
        return targets(app, args[1].toInt(), args[2], args.size() == 4);
    std::fprintf(stderr, "usage: probe_bench serve SECONDS DELAY_MS... | measure COUNT URL | "
                         "targets SECONDS PROFILE [incidents]\n");
    return 2;
}
