#include "console/Console.h"

#include "common/Clock.h"
#include "metrics/AlertSources.h"
#include "probes/ProbeKind.h"
#include "rollout/RunbookLoader.h"

namespace golive {

namespace {

// Alerts whose condition ends only with time (a window emptying, the UTC day turning) resolve on
// this beat even when no sample arrives.
constexpr int alertEvaluationIntervalMs = 10'000;

} // namespace

Console::Console(Profile profile, const QString &dataDir, const Clock &clock, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_clock(clock), m_release(dataDir, clock),
      m_keyStore(keyProfileName()),
      m_cohere(
          m_profile.cohere, [this] { return m_keyStore.key(); }, nullptr, clock),
      m_keyVerifier(m_cohere), m_modelCheck(m_cohere),
      m_alerts(m_metrics, m_profile.alerts, AlertSources::standard(m_profile.cohere), clock),
      m_probeRunner(nullptr, &m_metrics, m_profile.probeRequests, clock),
      m_probes(m_probeRunner, probeSpecsFor(m_profile)),
      m_healthChecker(m_probeRunner, probeSpecsFor(m_profile)),
      m_rollout(
          m_profile, loadRunbook(), m_metrics, [this] { return m_alerts.activeAlerts(); }, clock)
{
    // Until a release is open the rollout is gated by the bundled checklist, all of it open.
    connect(&m_release, &ReleaseSession::releaseOpened, this,
            [this] { m_rollout.setChecklist(m_release.checklist()); });
    m_rollout.setHealthChecker(&m_healthChecker);

    connect(&m_release, &ReleaseSession::releaseOpened, this, &Console::attachRecord);
    connect(&m_release, &ReleaseSession::warningRaised, this, &Console::warningRaised);
    connect(&m_keyStore, &KeyStore::stateChanged, this, &Console::useKeyIfPresent);
    connect(&m_keyStore, &KeyStore::keyLoaded, this, &Console::useKeyIfPresent);
    connect(&m_probes, &ProbeScheduler::probeFinished, this, &Console::recordProbe);

    m_alertTimer.setInterval(alertEvaluationIntervalMs);
    connect(&m_alertTimer, &QTimer::timeout, &m_alerts, &AlertEngine::evaluate);
}

Console::~Console() = default;

Runbook Console::loadRunbook()
{
    if (!m_profile.runbookPath.isEmpty()) {
        auto own = RunbookLoader::fromFile(m_profile.runbookPath);
        if (own.ok())
            return std::move(own).value();
        m_runbookProblem = own.error();
    }
    // The bundled runbook is compiled in and checked by the tests; it always loads.
    return RunbookLoader::bundledDefault().value();
}

void Console::startMonitoring()
{
    if (m_monitoring)
        return;
    m_monitoring = true;
    m_keyStore.load();
    m_probes.start();
    m_probes.probeAllNow();
    m_alertTimer.start();
}

void Console::useKeyIfPresent()
{
    // Without a key the Cohere probes report "skipped" rather than failing with 401s.
    m_probeRunner.setCohereClient(m_keyStore.hasKey() ? &m_cohere : nullptr);
}

void Console::recordProbe(const ProbeResult &result)
{
    if (m_recorder && result.measured)
        m_recorder->recordProbeResult(result.name, probeStatusName(result.status),
                                      double(result.latencyMs), result.httpStatus, result.error);
}

void Console::attachRecord(const ReleaseInfo &release)
{
    m_recorder.reset();
    m_record.reset();
    const auto folder = m_release.store().releaseFolder(release.id);
    auto record = folder.ok() ? ReleaseRecord::open(folder.value(), m_clock)
                              : Result<std::unique_ptr<ReleaseRecord>>(folder.error());
    if (!record.ok()) {
        Q_EMIT warningRaised(tr("The release record cannot be written, so this release's events "
                                "are not being recorded: %1")
                                 .arg(record.error().message));
        m_timeline.setEvents({});
        return;
    }
    m_record = std::move(record).value();
    const auto events = ReleaseRecord::readEvents(m_record->path());
    m_timeline.setEvents(events.ok() ? events.value() : QList<RecordEvent>());

    m_recorder = std::make_unique<ReleaseRecorder>(*m_record);
    ReleaseRecorder *recorder = m_recorder.get();
    ChecklistModel *checklist = m_release.checklist();
    recorder->setKnownStates(checklist->state());
    recorder->setOperator(checklist->tickerName());
    if (m_record->lastSeq() == 0)
        recorder->recordReleaseCreated(release);

    connect(checklist, &ChecklistModel::itemStateChanged, recorder,
            &ReleaseRecorder::recordItemState);
    connect(checklist, &ChecklistModel::tickerNameChanged, recorder, &ReleaseRecorder::setOperator);
    connect(&m_alerts, &AlertEngine::alertFired, recorder, &ReleaseRecorder::recordAlertFired);
    connect(&m_alerts, &AlertEngine::alertResolved, recorder,
            &ReleaseRecorder::recordAlertResolved);
    connect(&m_rollout, &RolloutController::stepFinished, recorder,
            &ReleaseRecorder::recordStepFinished);
    connect(&m_rollout, &RolloutController::overrideRecorded, recorder,
            &ReleaseRecorder::recordGateOverride);
    connect(recorder, &ReleaseRecorder::eventRecorded, &m_timeline, &TimelineModel::appendEvent);
    connect(recorder, &ReleaseRecorder::recordFailed, this, [this](const Error &error) {
        Q_EMIT warningRaised(tr("An event could not be recorded: %1").arg(error.message));
    });
}

} // namespace golive
