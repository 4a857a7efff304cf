#include "src/console/Console.h"

#include "src/common/Clock.h"
#include "src/metrics/AlertSources.h"
#include "src/probes/ProbeKind.h"
#include "src/release/ReleaseRecord.h"
#include "src/rollout/RunbookLoader.h"

#include <algorithm>

namespace golive {

namespace {

// Alerts whose condition ends only with time (a window emptying, the UTC day turning) resolve on
// this beat even when no sample arrives.
constexpr int alertEvaluationIntervalMs = 10'000;

CohereSettings cohereSettingsFor(const Profile &profile, const Console::Options &options)
{
    CohereSettings settings = profile.cohere;
    if (!options.retryCohereCalls) {
        settings.retry.maxAttempts = 1;
        settings.requestTimeoutMs =
            std::max({profile.probes.chat.timeoutMs, profile.probes.embed.timeoutMs,
                      profile.probes.rerank.timeoutMs});
    }
    return settings;
}

} // namespace

Console::Console(Profile profile, const QString &dataDir, const Clock &clock, Options options,
                 QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_options(options), m_clock(clock),
      m_release(dataDir, clock), m_keyStore(keyProfileName()),
      m_cohere(
          cohereSettingsFor(m_profile, m_options), [this] { return m_keyStore.key(); }, nullptr,
          clock),
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

    if (m_options.recordEvents) {
        connect(&m_release, &ReleaseSession::releaseOpened, this, &Console::attachRecord);
        m_rollout.setJournal(&m_journal);
    }
    connect(&m_release, &ReleaseSession::warningRaised, this, &Console::warningRaised);
    connect(&m_keyStore, &KeyStore::stateChanged, this, &Console::useKeyIfPresent);
    connect(&m_keyStore, &KeyStore::keyLoaded, this, &Console::useKeyIfPresent);
    connect(&m_probes, &ProbeScheduler::probeFinished, this, &Console::recordProbe);

    m_alertTimer.setInterval(alertEvaluationIntervalMs);
    connect(&m_alertTimer, &QTimer::timeout, &m_alerts, &AlertEngine::evaluate);
}

Console::~Console()
{
    m_recording.reset(); // first: queued events still reach the file
}

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
    if (!m_recording || !result.measured)
        return;
    m_recording->post([name = result.name, status = probeStatusName(result.status),
                       latency = double(result.latencyMs), http = result.httpStatus,
                       error = result.error](ReleaseRecorder &recorder) {
        recorder.recordProbeResult(name, status, latency, http, error);
    });
}

void Console::flushRecord()
{
    if (m_recording)
        m_recording->flush();
}

void Console::recordInterruption(const QString &stepId, const QString &signalName)
{
    if (m_recording)
        m_recording->post([stepId, signalName](ReleaseRecorder &recorder) {
            recorder.recordInterruption(stepId, signalName);
        });
}

void Console::attachRecord(const ReleaseInfo &release)
{
    m_journal.setRecording(nullptr, Error{QStringLiteral("io"),
                                          QStringLiteral("The release record is being opened.")});
    m_recording.reset(); // writes what the previous release still had queued
    const auto folder = m_release.store().releaseFolder(release.id);
    auto record = folder.ok() ? ReleaseRecord::open(folder.value(), m_clock)
                              : Result<std::unique_ptr<ReleaseRecord>>(folder.error());
    if (!record.ok()) {
        m_journal.setRecording(nullptr, record.error());
        Q_EMIT warningRaised(tr("The record of release %1 cannot be written, so nothing is being "
                                "recorded and no production change can be made from golive "
                                "until it can: %2")
                                 .arg(release.id, record.error().message));
        m_timeline.setEvents({});
        return;
    }
    const QString recordPath = record.value()->path();
    const bool fresh = record.value()->lastSeq() == 0;
    m_timeline.setEvents({});

    Checklist *checklist = m_release.checklist();
    auto recorder = std::make_unique<ReleaseRecorder>(*record.value());
    recorder->setKnownStates(checklist->state());
    recorder->setOperator(checklist->tickerName());
    m_recording =
        std::make_unique<BackgroundRecorder>(std::move(record).value(), std::move(recorder));
    m_journal.setRecording(m_recording.get(), std::nullopt);
    // Commands a golive that is gone began and never ended: marked before anything else, so the
    // timeline read below shows them.
    m_recording->post([](ReleaseRecorder &r) { r.recordInterruptedCommands(); });
    // The timeline is read back on the recording thread too (a day of samples is a lot of JSON),
    // and reaches the model before any event recorded from now on.
    m_recording->post([recordPath, timeline = &m_timeline](ReleaseRecorder &) {
        auto events = ReleaseRecord::readEvents(recordPath);
        QMetaObject::invokeMethod(
            timeline,
            [timeline, events = events.ok() ? std::move(events).value() : QList<RecordEvent>()] {
                timeline->setEvents(events);
            },
            Qt::QueuedConnection);
    });
    if (fresh)
        m_recording->post([release](ReleaseRecorder &r) { r.recordReleaseCreated(release); });

    // The recorder lives on the recording thread: these connections queue.
    ReleaseRecorder *r = m_recording->recorder();
    connect(checklist, &Checklist::itemStateChanged, r, &ReleaseRecorder::recordItemState);
    connect(checklist, &Checklist::tickerNameChanged, r, &ReleaseRecorder::setOperator);
    connect(&m_alerts, &AlertEngine::alertFired, r, &ReleaseRecorder::recordAlertFired);
    connect(&m_alerts, &AlertEngine::alertResolved, r, &ReleaseRecorder::recordAlertResolved);
    connect(&m_rollout, &RolloutController::stepFinished, r, &ReleaseRecorder::recordStepFinished);
    connect(&m_rollout, &RolloutController::overrideRecorded, r,
            &ReleaseRecorder::recordGateOverride);
    connect(r, &ReleaseRecorder::eventRecorded, &m_timeline, &TimelineModel::appendEvent);
    connect(r, &ReleaseRecorder::recordFailed, this, [this](const Error &error) {
        m_journal.noteFailure(error);
        Q_EMIT warningRaised(tr("An event could not be recorded: %1").arg(error.message));
    });
}

} // namespace golive
