#pragma once

#include "src/probes/CheckReport.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace golive {

class Console;
class ProbeRun;

// One `golive check`, over a Console built with Console::Options::forCheck(): runs every probe of
// the profile once (all at once) through the console's runner, then reports the alert rules that
// hold over those results and, unless probes-only, the checklist's `deploy` gate of the newest
// release in the data folder (the bundled checklist, nothing ticked, when there is no release
// yet). Builds no core object of its own. Reports exactly once through finished(), never from
// inside start().
class CheckRun : public QObject {
    Q_OBJECT
public:
    static constexpr auto gateName = "deploy";

    CheckRun(Console &console, bool probesOnly, QObject *parent = nullptr);
    ~CheckRun() override;

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const golive::CheckReport &report);

private:
    void onProbeFinished(const ProbeResult &result);
    void finish();
    void readGate(CheckReport &report);

    Console &m_console;
    bool m_probesOnly;
    QList<QPointer<ProbeRun>> m_runs;
    QList<ProbeResult> m_results;
    int m_expected = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive
