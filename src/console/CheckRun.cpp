#include "src/console/CheckRun.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/ChecklistGate.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/cohere/CohereClient.h"
#include "src/metrics/AlertEngine.h"
#include "src/metrics/MetricsStore.h"
#include "src/probes/ProbeRun.h"
#include "src/probes/ProbeRunner.h"
#include "src/release/ReleaseStore.h"

#include <QTimer>

#include <algorithm>

namespace golive {

CheckRun::CheckRun(Profile profile, Options options, const Clock &clock, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_options(std::move(options)), m_clock(clock)
{
}

CheckRun::~CheckRun() = default;

void CheckRun::start()
{
    if (m_started)
        return;
    m_started = true;
    m_metrics = std::make_unique<MetricsStore>();
    if (!m_options.apiKey.isEmpty()) {
        CohereSettings settings = m_profile.cohere;
        // A check measures one call per probe: a retried 429 or 5xx would hide what Cohere said.
        settings.retry.maxAttempts = 1;
        settings.requestTimeoutMs =
            std::max({m_profile.probes.chat.timeoutMs, m_profile.probes.embed.timeoutMs,
                      m_profile.probes.rerank.timeoutMs});
        const QString key = m_options.apiKey;
        m_cohere = std::make_unique<CohereClient>(
            settings, [key] { return key; }, nullptr, m_clock);
    }
    m_runner = std::make_unique<ProbeRunner>(m_cohere.get(), m_metrics.get(),
                                             m_profile.probeRequests, m_clock);
    connect(m_runner.get(), &ProbeRunner::probeFinished, this, &CheckRun::onProbeFinished);
    const QList<ProbeSpec> specs = probeSpecsFor(m_profile);
    m_expected = int(specs.size());
    for (const ProbeSpec &spec : specs)
        m_runner->run(spec);
    if (m_expected == 0)
        QTimer::singleShot(0, this, &CheckRun::finish);
}

void CheckRun::cancel()
{
    if (!m_runner || m_finished)
        return;
    const auto runs = m_runner->findChildren<ProbeRun *>();
    for (ProbeRun *run : runs)
        run->cancel();
}

void CheckRun::onProbeFinished(const ProbeResult &result)
{
    m_results << result;
    if (m_results.size() == m_expected)
        finish();
}

void CheckRun::readGate(CheckReport &report) const
{
    report.gateName = QString::fromLatin1(gateName);
    ReleaseStore store(m_options.dataDir, m_clock);
    QByteArray source = BundledChecklist::markdown();
    ChecklistState state;
    const auto newest = store.newestRelease();
    if (newest.ok()) {
        const auto loadedSource = store.loadChecklistSource(newest.value().id);
        const auto loadedState = store.loadState(newest.value().id);
        if (!loadedSource.ok() || !loadedState.ok()) {
            report.gateProblems << (loadedSource.ok() ? loadedState.error().message
                                                      : loadedSource.error().message);
            return;
        }
        source = loadedSource.value();
        state = loadedState.value().state;
    } else if (newest.error().kind != QLatin1String("no-releases")) {
        report.gateProblems << newest.error().message;
        return;
    }
    const auto document = MarkdownChecklistParser::parse(source);
    if (!document.ok()) {
        report.gateProblems << document.error().message;
        return;
    }
    report.openRequired =
        ChecklistGate::openRequiredItems(document.value(), state, report.gateName);
}

void CheckRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    CheckReport report;
    // In profile order, whatever order the answers came in.
    for (const ProbeSpec &spec : probeSpecsFor(m_profile)) {
        for (const ProbeResult &result : std::as_const(m_results)) {
            if (result.name == spec.name)
                report.probes << result;
        }
    }
    AlertEngine engine(*m_metrics, m_profile.alerts, AlertSources::standard(m_profile.cohere),
                       m_clock);
    engine.evaluate();
    report.alerts = engine.activeAlerts();
    if (!m_options.probesOnly)
        readGate(report);
    Q_EMIT finished(report);
}

} // namespace golive
