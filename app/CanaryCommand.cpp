#include "CanaryCommand.h"

#include "CommandIo.h"

#include "src/common/Clock.h"
#include "src/rollout/CanaryStatusReport.h"
#include "src/rollout/KubectlRunner.h"
#include "src/rollout/PodHealthProber.h"
#include "src/rollout/RolloutSnapshotReader.h"
#include "src/traffic/PrometheusClient.h"
#include "src/traffic/TrafficReader.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTimer>

namespace golive::app {

namespace {

constexpr int kDefaultRounds = 3;
constexpr int kDefaultIntervalS = 2;

// What the profile must say before golive asks the cluster anything.
QString missingKubectlSetting(const KubectlSettings &kubectl)
{
    QStringList missing;
    if (kubectl.context.isEmpty())
        missing << QStringLiteral("kubectl.context");
    if (kubectl.namespaceName.isEmpty())
        missing << QStringLiteral("kubectl.namespace");
    if (kubectl.deployment.isEmpty())
        missing << QStringLiteral("kubectl.deployment");
    return missing.join(QStringLiteral(", "));
}

// A failed read whose cause is golive's configuration, not the cluster's state.
bool isConfigurationFailure(KubectlOutcome outcome)
{
    return outcome == KubectlOutcome::KubectlMissing || outcome == KubectlOutcome::FailedToStart ||
           outcome == KubectlOutcome::UnknownContext || outcome == KubectlOutcome::NotFound;
}

// One `golive canary`: read the snapshot, probe the pods `rounds` times, judge, print.
class CanaryRun : public QObject {
public:
    CanaryRun(const Profile &profile, bool json, int rounds, int intervalMs)
        : m_profile(profile), m_json(json), m_rounds(rounds),
          m_reader(profile.kubectl, SystemClock::instance()),
          m_prober(profile.kubectl, profile.canary.podHealth, SystemClock::instance()),
          m_prometheus(m_network, profile.prometheus), m_trafficReader(m_prometheus)
    {
        connect(&m_trafficReader, &TrafficReader::finished, this, &CanaryRun::onTraffic);
        connect(&m_reader, &RolloutSnapshotReader::runFinished, this,
                [this](const KubectlRun &run) { m_lastReadOutcome = run.outcome; });
        connect(&m_reader, &RolloutSnapshotReader::finished, this, &CanaryRun::onSnapshot);
        connect(&m_prober, &PodHealthProber::sampled, this,
                [this](const PodHealthSample &sample) { m_samples << sample; });
        connect(&m_prober, &PodHealthProber::finished, this, &CanaryRun::onRoundFinished);
        m_interval.setSingleShot(true);
        m_interval.setInterval(intervalMs);
        connect(&m_interval, &QTimer::timeout, this, &CanaryRun::probeRound);
    }

    void start() { (void)m_reader.read(); }

private:
    void onSnapshot(const Result<RolloutSnapshot> &snapshot)
    {
        if (!snapshot) {
            complain(snapshot.error().message);
            QCoreApplication::exit(isConfigurationFailure(m_lastReadOutcome) ? ExitUsage
                                                                             : ExitFailure);
            return;
        }
        m_snapshot = snapshot.value();
        if (m_profile.canary.podHealth.configured() &&
            CanaryComparison::rolloutInProgress(m_snapshot)) {
            if (const ReplicaSetView *canary = m_snapshot.newReplicaSet()) {
                for (const PodView &pod : canary->pods)
                    m_targets << PodHealthProber::Target{pod.name, PodVersion::Canary};
            }
            if (const ReplicaSetView *stable = m_snapshot.stableReplicaSet()) {
                for (const PodView &pod : stable->pods)
                    m_targets << PodHealthProber::Target{pod.name, PodVersion::Stable};
            }
        }
        readTraffic();
        if (m_targets.isEmpty()) {
            m_probesDone = true;
            return reportWhenDone();
        }
        probeRound();
    }

    // With Prometheus, the canary's and stable's real traffic, selected by their pods.
    void readTraffic()
    {
        const auto versions = CanaryComparison::trafficVersions(m_snapshot);
        if (!m_profile.prometheus.configured() || versions.isEmpty()) {
            m_trafficDone = true;
            return;
        }
        m_trafficReader.read(versions);
    }

    void onTraffic(const QList<VersionTraffic> &traffic)
    {
        m_traffic = traffic;
        m_trafficDone = true;
        reportWhenDone();
    }

    void reportWhenDone()
    {
        if (m_probesDone && m_trafficDone)
            report();
    }

    void probeRound() { (void)m_prober.probe(m_targets); }

    void onRoundFinished()
    {
        if (++m_roundsDone < m_rounds)
            return m_interval.start();
        m_probesDone = true;
        reportWhenDone();
    }

    void report()
    {
        CanaryStatusReport status;
        status.kubectl = m_profile.kubectl;
        status.snapshot = m_snapshot;
        status.samples = m_samples;
        status.healthConfigured = m_profile.canary.podHealth.configured();
        // With Prometheus the headless verdict has real traffic; pod health is then optional.
        status.comparison = CanaryComparison::evaluate(m_snapshot, m_samples, m_profile.canary,
                                                       SystemClock::instance().nowUtc(),
                                                       !m_profile.prometheus.configured());
        if (m_traffic.size() == 2) {
            status.canaryTraffic = m_traffic[0];
            status.stableTraffic = m_traffic[1];
            status.comparison.addTraffic(
                TrafficVerdict::evaluate(m_traffic[0], m_traffic[1], m_profile.alerts,
                                         m_profile.gates),
                m_traffic[0]);
        }
        writeOut(stdout, m_json ? status.toJson() : status.toText().toUtf8());
        QCoreApplication::exit(status.comparison.overall == CanaryComparison::Overall::Healthy
                                   ? ExitOk
                                   : ExitFailure);
    }

    const Profile &m_profile;
    bool m_json;
    int m_rounds;
    int m_roundsDone = 0;
    RolloutSnapshotReader m_reader;
    PodHealthProber m_prober;
    QTimer m_interval;
    KubectlOutcome m_lastReadOutcome = KubectlOutcome::Succeeded;
    RolloutSnapshot m_snapshot;
    QList<PodHealthProber::Target> m_targets;
    QList<PodHealthSample> m_samples;
    QNetworkAccessManager m_network;
    PrometheusClient m_prometheus;
    TrafficReader m_trafficReader;
    QList<VersionTraffic> m_traffic;
    bool m_probesDone = false;
    bool m_trafficDone = false;
};

std::optional<int> positiveOption(const Invocation &invocation, const QString &name, int min,
                                  int max, int fallback)
{
    if (!invocation.isSet(name))
        return fallback;
    bool ok = false;
    const int value = invocation.value(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        complain(QStringLiteral("--%1 must be a whole number from %2 to %3, found '%4'.")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(invocation.value(name)));
        return std::nullopt;
    }
    return value;
}

int runCanary(const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty()) {
        complain(QStringLiteral("unexpected argument '%1'.").arg(invocation.arguments.first()));
        return ExitUsage;
    }
    const auto rounds = positiveOption(invocation, QStringLiteral("rounds"), 1, 100,
                                       kDefaultRounds);
    const auto intervalS = positiveOption(invocation, QStringLiteral("interval-s"), 0, 600,
                                          kDefaultIntervalS);
    if (!rounds || !intervalS)
        return ExitUsage;
    const auto profile = loadProfile(invocation);
    if (!profile.ok()) {
        complain(QStringLiteral("the profile %1 is not usable; the cluster was not read:\n%2")
                     .arg(invocation.profilePath, profile.error().message));
        return ExitUsage;
    }
    if (const QString missing = missingKubectlSetting(profile.value().kubectl); !missing.isEmpty()) {
        complain(QStringLiteral("the profile does not say which deployment to read (%1 missing); "
                                "the cluster was not read.")
                     .arg(missing));
        return ExitUsage;
    }
    if (const auto program = KubectlRunner::resolveProgram(profile.value().kubectl.path);
        !program.ok()) {
        complain(program.error().message);
        return ExitUsage;
    }

    CanaryRun run(profile.value(), invocation.isSet(QStringLiteral("json")), *rounds,
                  *intervalS * 1000);
    QTimer::singleShot(0, &run, &CanaryRun::start);
    return QCoreApplication::exec();
}

} // namespace

CommandSpec canaryCommand()
{
    CommandSpec spec;
    spec.words = {QStringLiteral("canary")};
    spec.summary = QStringLiteral("Show canary and stable pods side by side, probe their health "
                                  "and judge the canary; exit 0 = healthy");
    spec.options = {
        QCommandLineOption(QStringLiteral("json"),
                           QStringLiteral("Print the result as JSON instead of text.")),
        QCommandLineOption(QStringLiteral("rounds"),
                           QStringLiteral("Probe every pod N times (default 3)."),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("interval-s"),
                           QStringLiteral("Seconds between rounds (default 2)."),
                           QStringLiteral("S")),
    };
    spec.run = runCanary;
    return spec;
}

} // namespace golive::app
