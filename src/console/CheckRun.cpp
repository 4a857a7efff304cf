#include "src/console/CheckRun.h"
#include "src/common/ErrorKind.h"

#include "src/checklist/ChecklistGate.h"
#include "src/console/Console.h"
#include "src/probes/ProbeRun.h"

#include <QTimer>

namespace golive {

CheckRun::CheckRun(Console &console, bool probesOnly, QObject *parent)
    : QObject(parent), m_console(console), m_probesOnly(probesOnly)
{
}

CheckRun::~CheckRun() = default;

void CheckRun::start()
{
    if (m_started)
        return;
    m_started = true;
    const QList<ProbeSpec> specs = probeSpecsFor(m_console.profile());
    m_expected = int(specs.size());
    for (const ProbeSpec &spec : specs) {
        ProbeRun *run = m_console.probeRunner().run(spec);
        // Connected after the runner's own slot, so the sample is in the metrics first.
        connect(run, &ProbeRun::finished, this, &CheckRun::onProbeFinished);
        m_runs << run;
    }
    if (m_expected == 0)
        QTimer::singleShot(0, this, &CheckRun::finish);
}

void CheckRun::cancel()
{
    if (m_finished)
        return;
    for (const QPointer<ProbeRun> &run : std::as_const(m_runs)) {
        if (run)
            run->cancel();
    }
}

void CheckRun::onProbeFinished(const ProbeResult &result)
{
    m_results << result;
    if (m_results.size() == m_expected)
        finish();
}

void CheckRun::readGate(CheckReport &report)
{
    report.gateName = QString::fromLatin1(gateName);
    ReleaseSession &release = m_console.release();
    const auto newest = release.store().newestRelease();
    if (newest.ok()) {
        if (const Status failed = release.open(newest.value().id); failed.failed()) {
            report.gateProblems << failed->message;
            return;
        }
    } else if (newest.error().kind != errorkind::noReleases) {
        report.gateProblems << newest.error().message;
        return;
    }
    // The checklist that gates the rollout: the open release's, or none (the bundled one then).
    const auto open =
        ChecklistGate::openRequiredItemsOf(m_console.rollout().checklist(), report.gateName);
    if (!open.ok()) {
        report.gateProblems << open.error().message;
        return;
    }
    report.openRequired = open.value();
    report.openRequiredText =
        ChecklistGate::describeItems(m_console.rollout().checklist(), report.openRequired);
}

void CheckRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    CheckReport report;
    // In profile order, whatever order the answers came in.
    for (const ProbeSpec &spec : probeSpecsFor(m_console.profile())) {
        for (const ProbeResult &result : std::as_const(m_results)) {
            if (result.name == spec.name)
                report.probes << result;
        }
    }
    report.alerts = m_console.alerts().holdingNow();
    if (!m_probesOnly)
        readGate(report);
    Q_EMIT finished(report);
}

} // namespace golive
