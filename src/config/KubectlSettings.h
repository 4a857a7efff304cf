#pragma once

#include <QString>

namespace golive {

// Which kubectl, which cluster, which deployment: the profile's `kubectl.*` section.
struct KubectlSettings {
    QString path;                 // empty: find `kubectl` on PATH
    QString kubeconfig;           // empty: kubectl's default
    QString context;              // required for any step; passed as --context on every call
    QString namespaceName;        // `kubectl.namespace`; passed as --namespace on every call
    QString deployment;           // e.g. "app" for deployment/app
    QString manifest;             // path of the manifest `kubectl apply -f` uses
    int stepTimeoutSeconds = 300; // bounds a whole kubectl run, not one request
    bool operator==(const KubectlSettings &) const = default;
};

} // namespace golive
