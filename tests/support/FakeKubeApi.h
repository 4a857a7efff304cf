#pragma once

#include "src/config/KubectlSettings.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace golive::test {

// The loopback fake Kubernetes API server (tests/support/fake-kube-apiserver.py) that the real
// kubectl talks to: deployments, ReplicaSets, pods, watches, the pod proxy, and a deployment
// controller the test freezes, steps or lets run. One per test; it dies with the test process.
class FakeKubeApi {
public:
    FakeKubeApi();
    ~FakeKubeApi();
    FakeKubeApi(const FakeKubeApi &) = delete;
    FakeKubeApi &operator=(const FakeKubeApi &) = delete;

    bool start(); // false (with a gtest failure) when the server did not come up

    // A deployment "app" in namespace "shop" with one ReplicaSet per image (oldest first), all
    // pods on the last one.
    void createDeployment(int replicas, const QStringList &revisions, bool paused = false);
    void freezeController();
    void runController(); // reconciles after every change and on a 100 ms tick
    void stepController(int times = 1);
    // Frozen, except that a request changing a deployment's template gets `steps` reconcile
    // steps before it is answered (the controller beating the next kubectl call).
    void stepOnChange(int steps);
    // The next request with this Content-Type is refused with `status` (a Status object).
    void rejectNext(const QString &contentType, int status);
    void setPodFault(const QString &image, const QJsonObject &fault);
    // The next pod proxy request to that pod deletes it and answers 404 NotFound.
    void deleteOnProxy(const QString &podName);

    QJsonObject state() const;
    QJsonObject deployment() const;
    QJsonArray replicaSets() const;
    QJsonArray requests() const;           // every Kubernetes API request so far
    QJsonArray replicaSetsCreated() const; // every ReplicaSet the controller created
    // Requests that change something (POST, PUT, PATCH, DELETE).
    QJsonArray mutatingRequests() const;
    // Images of the pods that exist now, one entry per pod.
    QStringList podImages() const;

    // A manifest for deployment "app" running `image`, for `kubectl apply -f`.
    QString writeManifest(const QString &image) const;

    // kubectl on PATH, the fake's kubeconfig, context "prod-eu-1", namespace "shop", deployment
    // "app", the manifest written last.
    KubectlSettings settings() const;
    QString kubeconfigPath() const;
    QString folder() const { return m_dir.path(); }

private:
    QJsonValue call(const QByteArray &method, const QString &path,
                    const QJsonObject &body = {}) const;

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    mutable QString m_manifest;
};

} // namespace golive::test
