#include "RealPrometheus.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

namespace golive::test {

namespace {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QByteArray configYaml(const QStringList &targets, const QStringList &ruleFiles)
{
    QByteArray yaml = "global:\n"
                      "  scrape_interval: 1s\n"
                      "  evaluation_interval: 1s\n"
                      "scrape_configs:\n"
                      "  - job_name: app\n"
                      "    scrape_interval: 1s\n"
                      "    static_configs:\n"
                      "      - targets: [";
    QByteArrayList quoted;
    for (const QString &target : targets)
        quoted.append('\'' + target.toUtf8() + '\'');
    yaml += quoted.join(", ") + "]\n";
    if (!ruleFiles.isEmpty()) {
        yaml += "rule_files:\n";
        for (const QString &file : ruleFiles)
            yaml += "  - '" + file.toUtf8() + "'\n";
    }
    return yaml;
}

} // namespace

bool RealPrometheus::installed()
{
    return QFileInfo(binary()).isExecutable() && QFileInfo(promtool()).isExecutable();
}

RealPrometheus::RealPrometheus() = default;

RealPrometheus::~RealPrometheus()
{
    stop();
}

void RealPrometheus::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(10'000);
    }
}

bool RealPrometheus::start(const QStringList &scrapeTargets, const QStringList &ruleFiles,
                           QString *error)
{
    m_targets = scrapeTargets;
    m_ruleFiles = ruleFiles;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 port = freeLoopbackPort();
        bool portTaken = false;
        if (port != 0 && startOnce(port, error, &portTaken))
            return true;
        if (!portTaken)
            return false;
    }
    *error = QStringLiteral("no free port after 5 attempts: ") + *error;
    return false;
}

bool RealPrometheus::startOnce(quint16 port, QString *error, bool *portTaken)
{
    stop();
    m_log.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    const QString config = m_dir->filePath(QStringLiteral("prometheus.yml"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly) || file.write(configYaml(m_targets, m_ruleFiles)) < 0) {
        *error = QStringLiteral("cannot write %1").arg(config);
        return false;
    }
    file.close();
    m_port = port;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start(
        binary(),
        {QStringLiteral("--config.file=%1").arg(config),
         QStringLiteral("--storage.tsdb.path=%1").arg(m_dir->filePath(QStringLiteral("data"))),
         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
         QStringLiteral("--log.level=warn")});
    if (!m_process->waitForStarted(10'000)) {
        *error = QStringLiteral("%1 did not start: %2").arg(binary(), m_process->errorString());
        return false;
    }
    // Ready when /-/ready says so; a Prometheus that exits instead says why in its log.
    const bool ready = QTest::qWaitFor(
        [&] {
            if (m_process->state() == QProcess::NotRunning)
                return true;
            QNetworkAccessManager network;
            QNetworkRequest request(url(QStringLiteral("/-/ready")));
            QNetworkReply *reply = network.get(request);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(2'000, &loop, &QEventLoop::quit);
            loop.exec();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status == 200;
        },
        60'000);
    if (m_process->state() == QProcess::NotRunning) {
        const QString output = log();
        *portTaken = output.contains(QLatin1String("address already in use"));
        *error = QStringLiteral("prometheus exited: %1").arg(output.right(2000));
        return false;
    }
    if (!ready) {
        *error = QStringLiteral("prometheus was not ready within 60 s: %1").arg(log().right(2000));
        return false;
    }
    return true;
}

QUrl RealPrometheus::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    url.setPath(path);
    return url;
}

QString RealPrometheus::log() const
{
    if (m_process)
        m_log += QString::fromUtf8(m_process->readAll());
    return m_log;
}

QJsonObject RealPrometheus::getJson(const QString &pathAndQuery, int timeoutMs) const
{
    QNetworkAccessManager network;
    QUrl target = url();
    target = target.resolved(QUrl(pathAndQuery));
    QNetworkReply *reply = network.get(QNetworkRequest(target));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return json;
}

bool RealPrometheus::waitForValue(const QString &promql, double minimum, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            const QJsonObject answer =
                getJson(QStringLiteral("/api/v1/query?query=") +
                        QString::fromLatin1(QUrl::toPercentEncoding(promql)));
            const QJsonArray result = answer.value(QStringLiteral("data"))
                                          .toObject()
                                          .value(QStringLiteral("result"))
                                          .toArray();
            if (result.isEmpty())
                return false;
            const QJsonArray value =
                result.first().toObject().value(QStringLiteral("value")).toArray();
            return value.at(1).toString().toDouble() >= minimum;
        },
        timeoutMs);
}

ToolRun runTool(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForStarted(10'000) || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        run.output =
            QStringLiteral("%1 did not run to its end: %2").arg(program, process.errorString());
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromUtf8(process.readAll());
    return run;
}

} // namespace golive::test
