#pragma once

#include "src/common/Clock.h"
#include "src/config/KubectlSettings.h"

#include <QObject>
#include <QStringList>

namespace golive {

class KubectlRunner;
struct KubectlRun;

// Which cluster the kubeconfig points at, beside the one the profile names. golive always passes
// the profile's context explicitly, so a different current context is not used, but it is worth a
// warning: a person running kubectl by hand in another terminal would hit that one.
struct ClusterContext {
    QString profileContext;            // what golive uses (--context)
    QString profileNamespace;          // what golive uses (--namespace)
    QString profileContextNamespace;   // the namespace the kubeconfig sets for that context
    QString currentContext;            // `kubectl config current-context`; empty = none set
    QString currentNamespace;          // the current context's namespace; empty = "default"
    bool profileContextExists = false; // the kubeconfig knows the profile's context
    bool contextMismatch = false;      // current context differs from the profile's
    bool production = false;           // the profile's context looks like production
    QStringList warnings;              // sentences to show before any mutating step
    QString error;                     // why the kubeconfig could not be read at all
};

// Reads the kubeconfig through kubectl (asynchronously): current context, its namespace, and the
// namespace of the profile's context. Reports contextRead() exactly once per read().
class ClusterContextReader : public QObject {
    Q_OBJECT
public:
    explicit ClusterContextReader(KubectlSettings settings,
                                  const Clock &clock = SystemClock::instance(),
                                  QObject *parent = nullptr);

    // Names containing any of these (case-insensitive) count as production. Default: "prod".
    void setProductionMarkers(const QStringList &markers) { m_productionMarkers = markers; }
    bool isProductionContext(const QString &name) const;

    void read();
    void cancel();
    bool isReading() const { return m_phase != Phase::Idle; }

    static constexpr int kTimeoutMs = 10'000; // reading a local file; no cluster involved

Q_SIGNALS:
    void contextRead(const golive::ClusterContext &context);

private:
    enum class Phase { Idle, CurrentContext, CurrentNamespace, ProfileNamespace };

    void runPhase(Phase phase);
    void onRunFinished(const KubectlRun &run);
    void finish();

    KubectlSettings m_settings;
    KubectlRunner *m_runner;
    QStringList m_productionMarkers{QStringLiteral("prod")};
    Phase m_phase = Phase::Idle;
    ClusterContext m_result;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::ClusterContext)
