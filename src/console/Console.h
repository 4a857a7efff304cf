#pragma once

#include "src/cohere/CohereClient.h"
#include "src/cohere/CohereKeyVerifier.h"
#include "src/cohere/ModelCheck.h"
#include "src/config/Profile.h"
#include "src/console/BackgroundRecorder.h"
#include "src/console/ProbeHealthChecker.h"
#include "src/console/RecordCommandJournal.h"
#include "src/metrics/AlertEngine.h"
#include "src/metrics/MetricsStore.h"
#include "src/probes/ProbeRunner.h"
#include "src/probes/ProbeScheduler.h"
#include "src/release/ReleaseSession.h"
#include "src/release/TimelineModel.h"
#include "src/rollout/RolloutController.h"
#include "src/secrets/KeyStore.h"
#include "src/secrets/RecordKey.h"
#include "src/secrets/RecordKeyLoader.h"
#include "src/traffic/PrometheusAlertEvaluator.h"
#include "src/traffic/PrometheusClient.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <memory>

namespace golive {

class Clock;

// What a headless command switches off; the window and `golive run` keep the defaults.
struct ConsoleOptions {
    // The open release's record gets every tick, probe, alert and step.
    bool recordEvents = true;
    // Every Cohere call is retried by the profile's policy.
    bool retryCohereCalls = true;
    // The key that signs the record; unset: the installation's key from the OS keychain, loaded
    // once, asynchronously (tests give a fixed one).
    std::optional<RecordKey> recordKey;

    // `golive check`: it reads and records nothing, and measures one Cohere call per probe
    // (each given the longest Cohere probe timeout), since a retried 429 or 5xx would hide
    // what Cohere said.
    static ConsoleOptions forCheck()
    {
        ConsoleOptions options;
        options.recordEvents = false;
        options.retryCohereCalls = false;
        return options;
    }
};

// The running console's core objects and how they feed each other: the release and its record,
// the key, the Cohere client, probes, metrics and alerts. The window and the headless commands
// build one of these, and nothing else builds these objects; views only attach to its parts.
// Owns no widget.
class Console : public QObject {
    Q_OBJECT
public:
    // Key entry in the OS keychain (one per profile name).
    static QString keyProfileName() { return QStringLiteral("default"); }

    using Options = ConsoleOptions;

    Console(Profile profile, const QString &dataDir, const Clock &clock, Options options = {},
            QObject *parent = nullptr);
    ~Console() override;

    const Profile &profile() const { return m_profile; }
    // Why the profile's own runbook was not used (the bundled one runs instead), if it was not.
    const std::optional<Error> &runbookProblem() const { return m_runbookProblem; }
    ReleaseSession &release() { return m_release; }
    KeyStore &keyStore() { return m_keyStore; }
    CohereClient &cohere() { return m_cohere; }
    CohereKeyVerifier &keyVerifier() { return m_keyVerifier; }
    ModelCheck &modelCheck() { return m_modelCheck; }
    MetricsStore &metrics() { return m_metrics; }
    AlertEngine &alerts() { return m_alerts; }
    ProbeScheduler &probes() { return m_probes; }
    // Runs one probe now, outside the schedule; its sample reaches metrics() like any other.
    ProbeRunner &probeRunner() { return m_probeRunner; }
    TimelineModel &timeline() { return m_timeline; }
    RolloutController &rollout() { return m_rollout; }
    // The profile's Prometheus (real traffic), or null when `prometheus.url` is not configured.
    PrometheusClient *prometheus() { return m_prometheus.get(); }
    const Clock &clock() const { return m_clock; }

    // Reads the key, then starts probing and the periodic alert evaluation. Not called for a
    // broken profile: the console then shows the checklist but never probes half-configured.
    void startMonitoring();
    bool isMonitoring() const { return m_monitoring; }

    // The record key once it is known (from the keychain, or the reason there is none).
    bool recordKeyKnown() const { return m_recordKey.has_value(); }
    RecordKey recordKey() const;

    // Appends an `evidence` event (EvidenceRun's report) to the open release's record, if any.
    void recordEvidence(const QJsonObject &evidence);
    // Appends an `evidence-override` event: `itemId` is being ticked although its evidence says
    // `evidenceResult` (fail), for `reason`. Call before the tick, so the record reads in order.
    void recordEvidenceOverride(const QString &itemId, const QString &evidenceResult,
                                const QString &reason);
    // Events are written on a thread of their own; returns once every event so far is on disk.
    // For readers of the record file (the report), never needed by views.
    void flushRecord();

    // Why a production change cannot be recorded now (and so will not be made), or nullopt.
    Status recordingProblem() const
    {
        return m_options.recordEvents ? m_journal.problem() : Status();
    }
    // Records that `stepId` was cancelled because golive was asked to stop (e.g. "SIGTERM").
    void recordInterruption(const QString &stepId, const QString &signalName);

Q_SIGNALS:
    // Something the user must read that does not stop the work (forwarded release warnings, a
    // record that cannot be written).
    void warningRaised(const QString &message);
    // The record key is known (events held until then are being written).
    void recordKeyArrived();

private:
    void attachRecord(const ReleaseInfo &release);
    void adoptRecordKey(const RecordKey &key);
    void useKeyIfPresent();
    void startProbingOnce();
    void recordProbe(const ProbeResult &result);
    void recordPodHealth(const PodHealthSample &sample);
    Runbook loadRunbook();

    Profile m_profile;
    Options m_options;
    std::optional<Error> m_runbookProblem;
    const Clock &m_clock;
    ReleaseSession m_release;
    KeyStore m_keyStore;
    CohereClient m_cohere;
    CohereKeyVerifier m_keyVerifier;
    ModelCheck m_modelCheck;
    MetricsStore m_metrics;
    AlertEngine m_alerts;
    ProbeRunner m_probeRunner;
    ProbeScheduler m_probes;
    ProbeHealthChecker m_healthChecker;
    RecordCommandJournal m_journal; // outlives the rollout, whose runs write to it
    RolloutController m_rollout;
    TimelineModel m_timeline;
    std::unique_ptr<BackgroundRecorder> m_recording; // the open release's record, if writable
    RecordKeyLoader m_recordKeyLoader{RecordKeyLoader::Mode::LoadOrCreate};
    std::optional<RecordKey> m_recordKey;
    // The open record, while it still waits for the key (owned by m_recording).
    ReleaseRecord *m_recordAwaitingKey = nullptr;
    QTimer m_alertTimer;
    // With prometheus.url: the six rules on real traffic too, on the same timer.
    QNetworkAccessManager m_prometheusNetwork;
    std::unique_ptr<PrometheusClient> m_prometheus;
    std::unique_ptr<PrometheusAlertEvaluator> m_prometheusAlerts;
    bool m_monitoring = false;
    bool m_hasCohereClient = false;
    bool m_probingStarted = false;
};

} // namespace golive
