#include "FakeKubeApi.h"

#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>

#include <gtest/gtest.h>

namespace golive::test {

namespace {
constexpr int kAnswerTimeoutMs = 10'000;
}

FakeKubeApi::FakeKubeApi() = default;

FakeKubeApi::~FakeKubeApi()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.closeWriteChannel(); // the server exits when its stdin closes
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
}

bool FakeKubeApi::start()
{
    m_process.setProgram(QStringLiteral("python3"));
    m_process.setArguments({sourcePath(QStringLiteral("tests/support/fake-kube-apiserver.py")),
                            QStringLiteral("--kubeconfig"), kubeconfigPath()});
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
    const bool listening = QTest::qWaitFor(
        [this] {
            if (!m_process.canReadLine())
                return m_process.state() == QProcess::NotRunning;
            const QByteArray line = m_process.readLine().trimmed();
            if (line.startsWith("listening 127.0.0.1:"))
                m_port = quint16(line.mid(int(qstrlen("listening 127.0.0.1:"))).toUInt());
            return true;
        },
        kAnswerTimeoutMs);
    EXPECT_TRUE(listening && m_port != 0) << "the fake Kubernetes API server did not start";
    return listening && m_port != 0;
}

QJsonValue FakeKubeApi::call(const QByteArray &method, const QString &path,
                             const QJsonObject &body) const
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(
        request, method, method == "GET" ? QByteArray() : QJsonDocument(body).toJson());
    const bool answered =
        QTest::qWaitFor([reply] { return reply->isFinished(); }, kAnswerTimeoutMs);
    EXPECT_TRUE(answered) << "the fake Kubernetes API server did not answer " << method.constData()
                          << " " << path.toStdString();
    const QByteArray bytes = reply->readAll();
    EXPECT_EQ(reply->error(), QNetworkReply::NoError)
        << method.constData() << " " << path.toStdString() << ": " << bytes.constData();
    reply->deleteLater();
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

void FakeKubeApi::createDeployment(int replicas, const QStringList &revisions, bool paused)
{
    call("POST", QStringLiteral("/_fake/deployment"),
         {{QStringLiteral("name"), QStringLiteral("app")},
          {QStringLiteral("replicas"), replicas},
          {QStringLiteral("revisions"), QJsonArray::fromStringList(revisions)},
          {QStringLiteral("paused"), paused}});
}

void FakeKubeApi::freezeController()
{
    call("POST", QStringLiteral("/_fake/controller"),
         {{QStringLiteral("mode"), QStringLiteral("frozen")}});
}

void FakeKubeApi::runController()
{
    call("POST", QStringLiteral("/_fake/controller"),
         {{QStringLiteral("mode"), QStringLiteral("auto")}});
}

void FakeKubeApi::stepController(int times)
{
    call("POST", QStringLiteral("/_fake/controller/step"), {{QStringLiteral("times"), times}});
}

void FakeKubeApi::stepOnChange(int steps)
{
    call("POST", QStringLiteral("/_fake/controller"),
         {{QStringLiteral("mode"), QStringLiteral("frozen")},
          {QStringLiteral("steps_on_change"), steps}});
}

void FakeKubeApi::rejectNext(const QString &contentType, int status)
{
    call("POST", QStringLiteral("/_fake/reject-next"),
         {{QStringLiteral("content_type"), contentType}, {QStringLiteral("status"), status}});
}

void FakeKubeApi::deleteOnProxy(const QString &podName)
{
    call("POST", QStringLiteral("/_fake/pods/delete-on-proxy"), {{QStringLiteral("name"), podName}});
}

void FakeKubeApi::setPodFault(const QString &image, const QJsonObject &fault)
{
    QJsonObject body = fault;
    body.insert(QStringLiteral("image"), image);
    call("POST", QStringLiteral("/_fake/pods/fault"), body);
}

QJsonObject FakeKubeApi::state() const
{
    return call("GET", QStringLiteral("/_fake/state")).toObject();
}

QJsonObject FakeKubeApi::deployment() const
{
    const QJsonArray deployments = state().value(QStringLiteral("deployments")).toArray();
    return deployments.isEmpty() ? QJsonObject() : deployments.first().toObject();
}

QJsonArray FakeKubeApi::replicaSets() const
{
    return state().value(QStringLiteral("replicasets")).toArray();
}

QJsonArray FakeKubeApi::requests() const
{
    return call("GET", QStringLiteral("/_fake/requests")).toArray();
}

QJsonArray FakeKubeApi::replicaSetsCreated() const
{
    return call("GET", QStringLiteral("/_fake/replicasets-created")).toArray();
}

QJsonArray FakeKubeApi::mutatingRequests() const
{
    QJsonArray out;
    for (const QJsonValue &r : requests()) {
        const QString method = r.toObject().value(QStringLiteral("method")).toString();
        if (method != QLatin1String("GET"))
            out.append(r);
    }
    return out;
}

QStringList FakeKubeApi::podImages() const
{
    QStringList images;
    for (const QJsonValue &pod : state().value(QStringLiteral("pods")).toArray()) {
        const QJsonArray containers = pod.toObject()
                                          .value(QStringLiteral("spec"))
                                          .toObject()
                                          .value(QStringLiteral("containers"))
                                          .toArray();
        if (!containers.isEmpty())
            images << containers.first().toObject().value(QStringLiteral("image")).toString();
    }
    images.sort();
    return images;
}

QString FakeKubeApi::writeManifest(const QString &image) const
{
    m_manifest = QDir(m_dir.path()).filePath(QStringLiteral("app.yaml"));
    QFile file(m_manifest);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QStringLiteral("apiVersion: apps/v1\n"
                              "kind: Deployment\n"
                              "metadata:\n"
                              "  name: app\n"
                              "  namespace: shop\n"
                              "spec:\n"
                              "  replicas: 4\n"
                              "  selector:\n"
                              "    matchLabels:\n"
                              "      app: app\n"
                              "  template:\n"
                              "    metadata:\n"
                              "      labels:\n"
                              "        app: app\n"
                              "    spec:\n"
                              "      containers:\n"
                              "      - name: app\n"
                              "        image: %1\n")
                   .arg(image)
                   .toUtf8());
    return m_manifest;
}

KubectlSettings FakeKubeApi::settings() const
{
    KubectlSettings s;
    s.kubeconfig = kubeconfigPath();
    s.context = QStringLiteral("prod-eu-1");
    s.namespaceName = QStringLiteral("shop");
    s.deployment = QStringLiteral("app");
    s.manifest =
        m_manifest.isEmpty() ? writeManifest(QStringLiteral("example/app:v3")) : m_manifest;
    s.stepTimeoutSeconds = 60;
    return s;
}

QString FakeKubeApi::kubeconfigPath() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("kubeconfig"));
}

} // namespace golive::test
