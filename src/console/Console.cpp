#include "src/console/Console.h"

#include "src/common/Clock.h"
#include "src/common/ProbeNames.h"
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
      m_alerts(m_metrics, m_profile.alerts,
               AlertSources::standard(m_profile.cohere, m_profile.probes), clock),
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
    if (m_options.recordKey) {
        m_recordKey = m_options.recordKey;
    } else if (m_options.recordEvents) {
        connect(&m_recordKeyLoader, &RecordKeyLoader::finished, this, &Console::adoptRecordKey);
        m_recordKeyLoader.load();
    } else {
        m_recordKey = RecordKey::unavailable(QStringLiteral("this command records nothing"));
    }
    connect(&m_release, &ReleaseSession::warningRaised, this, &Console::warningRaised);
    connect(&m_keyStore, &KeyStore::stateChanged, this, &Console::useKeyIfPresent);
    connect(&m_keyStore, &KeyStore::keyLoaded, this, &Console::useKeyIfPresent);
    connect(&m_probes, &ProbeScheduler::probeFinished, this, &Console::recordProbe);
    connect(&m_rollout, &RolloutController::podHealthSampled, this, &Console::recordPodHealth);

    // An alert resolves after two evaluations in a row without its condition, spanning at least
    // the longest probe interval, so one lucky sample between failures does not end it.
    const ProbeSettings &timing = m_profile.probes;
    const int longestIntervalS = std::max({timing.health.intervalS, timing.chat.intervalS,
                                           timing.embed.intervalS, timing.rerank.intervalS});
    m_alerts.setResolveHold(ResolveHold{2, qint64(longestIntervalS) * 1000, true});

    m_alertTimer.setInterval(alertEvaluationIntervalMs);
    connect(&m_alertTimer, &QTimer::timeout, &m_alerts, &AlertEngine::evaluate);

    // The same six rules on the application's real traffic, marked source Prometheus.
    if (m_profile.prometheus.configured()) {
        m_prometheus = std::make_unique<PrometheusClient>(m_prometheusNetwork, m_profile.prometheus);
        m_prometheusAlerts = std::make_unique<PrometheusAlertEvaluator>(
            *m_prometheus,
            PrometheusRules::fromProfile(m_profile, alertEvaluationIntervalMs / 1000));
        connect(m_prometheusAlerts.get(), &PrometheusAlertEvaluator::firing, &m_alerts,
                [this](const QString &ruleId, const QString &message) {
                    m_alerts.reportExternal(ruleId, AlertSource::Prometheus, message);
                });
        connect(m_prometheusAlerts.get(), &PrometheusAlertEvaluator::clear, &m_alerts,
                [this](const QString &ruleId) {
                    m_alerts.reportExternal(ruleId, AlertSource::Prometheus, std::nullopt);
                });
        connect(m_prometheusAlerts.get(), &PrometheusAlertEvaluator::failed, this,
                [](const QString &ruleId, const QString &error) {
                    qWarning().noquote() << "Prometheus alert rule" << ruleId
                                         << "not evaluated:" << error;
                });
        connect(&m_alertTimer, &QTimer::timeout, m_prometheusAlerts.get(),
                &PrometheusAlertEvaluator::evaluate);
    }
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
    m_alertTimer.start();
    // Probing starts once the keychain has answered (it reports exactly once, within its
    // timeout): a Cohere tile must never say "no API key" while the key is on its way.
    connect(&m_keyStore, &KeyStore::keyLoaded, this, &Console::startProbingOnce);
    connect(&m_keyStore, &KeyStore::failed, this, &Console::startProbingOnce);
    m_keyStore.load();
}

void Console::startProbingOnce()
{
    if (m_probingStarted)
        return;
    m_probingStarted = true;
    m_probes.start();
    m_probes.probeAllNow();
}

void Console::useKeyIfPresent()
{
    // Without a key the Cohere probes report "skipped" rather than failing with 401s.
    const bool hadClient = m_hasCohereClient;
    m_hasCohereClient = m_keyStore.hasKey();
    m_probeRunner.setCohereClient(m_hasCohereClient ? &m_cohere : nullptr);
    // A key that arrives (set in the dialog, read from the keychain) is used at once, not at each
    // probe's next turn, so no tile keeps saying "no API key" next to a status bar with a key.
    if (m_hasCohereClient && !hadClient && m_probes.isStarted() && !m_probes.isPaused()) {
        for (const ProbeSpec &spec : m_probes.specs()) {
            if (isCohereKind(spec.kind))
                m_probes.probeNow(spec.name);
        }
    }
}

void Console::recordProbe(const ProbeResult &result)
{
    if (!m_recording || !result.measured)
        return;
    m_recording->post([name = result.name, status = probeStatusName(result.status),
                       latency = double(result.latencyMs), http = result.httpStatus,
                       error = result.error,
                       failure = ReleaseRecorder::failureName(result.failure)](
                          ReleaseRecorder &recorder) {
        recorder.recordProbeResult(name, status, latency, http, error, failure);
    });
}

void Console::recordPodHealth(const PodHealthSample &sample)
{
    if (m_recording)
        m_recording->post([sample](ReleaseRecorder &recorder) { recorder.recordPodHealth(sample); });
    // Charted are answers only: a pod that is gone or a proxy that refused says nothing about
    // the version's latency.
    if (!sample.isAnswer())
        return;
    Sample point;
    point.atMs = sample.atMs;
    point.latencyMs = double(sample.latencyMs.value_or(0));
    point.httpStatus = qint16(sample.httpStatus.value_or(0));
    point.failure = sample.failure;
    point.outcome = outcomeOf(sample.failure);
    const QString series = QString::fromLatin1(sample.version == PodVersion::Canary
                                                   ? probename::podHealthCanary
                                                   : probename::podHealthStable);
    if (const Status stored = m_metrics.record(series, point); stored.failed())
        qWarning().noquote() << "pod health sample not stored:" << stored->message;
}

void Console::recordEvidence(const QJsonObject &evidence)
{
    if (m_recording)
        m_recording->post([evidence](ReleaseRecorder &recorder) { recorder.recordEvidence(evidence); });
}

void Console::recordEvidenceOverride(const QString &itemId, const QString &evidenceResult,
                                     const QString &reason)
{
    if (m_recording)
        m_recording->post([itemId, evidenceResult, reason](ReleaseRecorder &recorder) {
            recorder.recordEvidenceOverride(itemId, evidenceResult, reason);
        });
}

void Console::flushRecord()
{
    if (m_recording)
        m_recording->flush();
}

RecordKey Console::recordKey() const
{
    return m_recordKey ? *m_recordKey
                       : RecordKey::unavailable(QStringLiteral("the record key is still loading"));
}

void Console::adoptRecordKey(const RecordKey &key)
{
    m_recordKey = key;
    if (!key.available())
        Q_EMIT warningRaised(tr("The release record is written unsigned, so it proves only its "
                                "hash chain: %1.")
                                 .arg(key.unavailableReason()));
    // A record opened before the key holds its events; they are written now, on its thread.
    if (m_recording && m_recordAwaitingKey) {
        m_recording->post([record = m_recordAwaitingKey, key](ReleaseRecorder &recorder) {
            if (const Status failed = record->setKey(key); failed.failed())
                Q_EMIT recorder.recordFailed(*failed);
        });
    }
    if (m_recording && m_recordAwaitingKey)
        m_journal.setRecording(m_recording.get(), std::nullopt);
    m_recordAwaitingKey = nullptr;
    Q_EMIT recordKeyArrived();
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
    m_recordAwaitingKey = nullptr;
    const auto folder = m_release.store().releaseFolder(release.id);
    // Until the keychain answers, the record holds events in memory (the GUI thread never waits).
    auto record = !folder.ok()  ? Result<std::unique_ptr<ReleaseRecord>>(folder.error())
                  : m_recordKey ? ReleaseRecord::open(folder.value(), m_clock, *m_recordKey)
                                : ReleaseRecord::openAwaitingKey(folder.value(), m_clock);
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
    if (record.value()->awaitingKey())
        m_recordAwaitingKey = record.value().get();
    const bool fresh = record.value()->lastSeq() == 0;
    m_timeline.setEvents({});

    Checklist *checklist = m_release.checklist();
    auto recorder = std::make_unique<ReleaseRecorder>(*record.value());
    recorder->setKnownStates(checklist->state());
    recorder->setOperator(checklist->tickerName());
    m_recording =
        std::make_unique<BackgroundRecorder>(std::move(record).value(), std::move(recorder));
    // A command is begun only once its event is on disk: while the record holds events in
    // memory for the key, kubectl waits (adoptRecordKey hands the record to the journal).
    if (m_recordAwaitingKey)
        m_journal.setRecording(nullptr, Error{QStringLiteral("io"),
                                              QStringLiteral("The release record is waiting for "
                                                             "its signing key from the keychain; "
                                                             "try again in a few seconds.")});
    else
        m_journal.setRecording(m_recording.get(), std::nullopt);
    // Commands a golive that is gone began and never ended: marked before anything else, so the
    // timeline read below shows them.
    m_recording->post([](ReleaseRecorder &r) { r.recordInterruptedCommands(); });
    // The timeline is read back on the recording thread too (a day of samples is a lot of JSON),
    // and reaches the model before any event recorded from now on.
    // So are the probe samples recorded before a restart: the 1 h and 24 h charts show them
    // next to the live ones, as the report does.
    m_recording->post([recordPath, timeline = &m_timeline,
                       metrics = &m_metrics](ReleaseRecorder &) {
        auto events = ReleaseRecord::readEvents(recordPath);
        QList<RecordEvent> read = events.ok() ? std::move(events).value() : QList<RecordEvent>();
        auto samples = ReleaseRecorder::recordedSamples(read);
        QMetaObject::invokeMethod(
            timeline, [timeline, read = std::move(read)] { timeline->setEvents(read); },
            Qt::QueuedConnection);
        QMetaObject::invokeMethod(
            metrics,
            [metrics, samples = std::move(samples)] {
                for (const auto &[probe, list] : samples)
                    metrics->prependHistory(probe, list);
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
