// Probe costs measured against loopback servers, for run.sh:
//   probe_bench serve SECONDS DELAY_MS...   one fake Cohere per delay; prints "port DELAY PORT"
//   probe_bench load SECONDS URL...          one chat call per URL each second through
//                                            CohereClient; prints its own CPU time
//   probe_bench measure COUNT URL            COUNT sequential chat calls; prints each latency
// The servers run in their own process so that the load's CPU figure is the client's alone.
#include "FakeCohereServer.h"
#include "cohere/CohereClient.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkProxy>
#include <QTimer>

#include <cstdio>
#include <list>
#include <memory>
#include <unistd.h>

using namespace golive;

namespace {

double cpuSeconds()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which may hold spaces), 1-based: utime 14, stime 15.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double ticks = double(sysconf(_SC_CLK_TCK));
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
}

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

int load(QCoreApplication &app, int seconds, const QStringList &urls)
{
    std::vector<std::unique_ptr<CohereClient>> clients;
    for (const QString &url : urls)
        clients.push_back(std::make_unique<CohereClient>(settingsFor(QUrl(url)), key()));
    int ok = 0;
    int failed = 0;
    QTimer tick;
    tick.setInterval(1000);
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        for (auto &client : clients) {
            CohereCall *call = client->chat();
            QObject::connect(call, &CohereCall::finished, &app,
                             [&](const CohereOutcome &o) { o.ok() ? ++ok : ++failed; });
        }
    });
    const double cpuBefore = cpuSeconds();
    tick.start();
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    QCoreApplication::exec();
    const double cpu = cpuSeconds() - cpuBefore;
    std::printf("cpu_seconds %.3f\nwall_seconds %d\ncalls_ok %d\ncalls_failed %d\n", cpu, seconds,
                ok, failed);
    return failed == 0 ? 0 : 1;
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    const QStringList args = app.arguments().mid(1);
    if (args.size() >= 3 && args[0] == "serve")
        return serve(app, args[1].toInt(), args.mid(2));
    if (args.size() >= 3 && args[0] == "load")
        return load(app, args[1].toInt(), args.mid(2));
    if (args.size() == 3 && args[0] == "measure")
        return measure(app, args[1].toInt(), args[2]);
    std::fprintf(stderr, "usage: probe_bench serve SECONDS DELAY_MS... | load SECONDS URL... | "
                         "measure COUNT URL\n");
    return 2;
}
