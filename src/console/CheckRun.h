#pragma once

#include "src/common/Clock.h"
#include "src/config/Profile.h"
#include "src/probes/CheckReport.h"

#include <QObject>

#include <memory>

namespace golive {

class AlertEngine;
class CohereClient;
class MetricsStore;
class ProbeRunner;

// One `golive check`: runs every probe of the profile once (all at once), then evaluates the
// seed's alert rules over those results and, unless probes-only, the checklist's `deploy` gate of
// the newest release in the data folder (the bundled checklist, nothing ticked, when there is no
// release yet). Reports exactly once through finished(), never from inside start().
class CheckRun : public QObject {
    Q_OBJECT
public:
    static constexpr auto gateName = "deploy";

    struct Options {
        QString dataDir;
        bool probesOnly = false;
        // Empty: the Cohere probes are skipped ("no API key").
        QString apiKey;
    };

    CheckRun(Profile profile, Options options, const Clock &clock, QObject *parent = nullptr);
    ~CheckRun() override;

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const golive::CheckReport &report);

private:
    void onProbeFinished(const ProbeResult &result);
    void finish();
    void readGate(CheckReport &report) const;

    Profile m_profile;
    Options m_options;
    const Clock &m_clock;
    std::unique_ptr<MetricsStore> m_metrics;
    std::unique_ptr<CohereClient> m_cohere;
    std::unique_ptr<ProbeRunner> m_runner;
    QList<ProbeResult> m_results;
    int m_expected = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive
