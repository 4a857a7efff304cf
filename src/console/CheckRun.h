#pragma once

#include "src/probes/CheckReport.h"
#include "src/probes/ProbeSpec.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace golive {

class Console;
class ProbeRun;

// One `golive check`, over a Console built with Console::Options::forCheck(): runs every probe of
// the profile once (all at once) through the console's runner and, with a key, reads Cohere's
// model list (every page) for the configured models; then reports the alert rules that hold over
// those results and, unless probes-only, the checklist's `deploy` gate of the newest release in
// the data folder (the bundled checklist, nothing ticked, when there is no release yet). With
// skipCohere the Cohere probes and the model list are left out, and the report says so. Builds
// no core object of its own. Reports exactly once through finished(), never from inside start().
class CheckRun : public QObject {
    Q_OBJECT
public:
    static constexpr auto gateName = "deploy";

    struct Options {
        bool probesOnly = false;
        bool skipCohere = false;
    };

    CheckRun(Console &console, Options options, QObject *parent = nullptr);
    CheckRun(Console &console, bool probesOnly, QObject *parent = nullptr);
    ~CheckRun() override;

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const golive::CheckReport &report);

private:
    void onProbeFinished(const ProbeResult &result);
    void startModelCheck();
    void finishIfDone();
    void finish();
    void readGate(CheckReport &report);
    // The gate's items that name evidence, each with the release's last recorded evidence run's
    // verdict ("not run" without one): what `golive check` shows; nothing is run here.
    void readGateEvidence(CheckReport &report);
    QList<ProbeSpec> specs() const;

    Console &m_console;
    Options m_options;
    QList<ModelReport> m_models;
    QStringList m_modelProblems;
    bool m_wantModels = false; // a key is there and Cohere is not skipped: read the model list
    bool m_modelCheckRunning = false;
    QList<QPointer<ProbeRun>> m_runs;
    QList<ProbeResult> m_results;
    int m_expected = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive
