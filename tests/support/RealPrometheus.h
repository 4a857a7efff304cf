#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace golive::test {

// The real Prometheus (Debian's /usr/bin/prometheus) on a free loopback port with a temporary
// TSDB, scraping the given loopback targets every second and evaluating `ruleFiles` every
// second. Ready when start() returns true (its /-/ready answered 200). Killed at destruction
// (and with the test process: PR_SET_PDEATHSIG).
class RealPrometheus {
public:
    static QString binary() { return QStringLiteral("/usr/bin/prometheus"); }
    static QString promtool() { return QStringLiteral("/usr/bin/promtool"); }
    static bool installed();

    RealPrometheus();
    ~RealPrometheus();

    // Picks a free port (a QTcpServer binds 127.0.0.1:0 and lets go), starts Prometheus on it,
    // and tries another port when Prometheus finds it taken in between. `error` says why not.
    bool start(const QStringList &scrapeTargets, const QStringList &ruleFiles, QString *error);
    void stop();

    QUrl url(const QString &path = {}) const;
    QString log() const; // what Prometheus wrote, for failure messages

    // GET on Prometheus' API, waiting on the reply's signal; an empty object if it failed.
    QJsonObject getJson(const QString &pathAndQuery, int timeoutMs = 5'000) const;
    // Polls `/api/v1/query` every 100 ms until the instant query returns a number >= minimum.
    bool waitForValue(const QString &promql, double minimum, int timeoutMs);

private:
    bool startOnce(quint16 port, QString *error, bool *portTaken);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    mutable QString m_log;
    QStringList m_targets;
    QStringList m_ruleFiles;
};

// Runs a program (promtool) to its end; its exit code and output together.
struct ToolRun {
    int exitCode = -1;
    QString output;
};
ToolRun runTool(const QString &program, const QStringList &arguments, int timeoutMs = 60'000);

} // namespace golive::test
