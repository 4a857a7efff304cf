#include "src/console/EvidenceRun.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/cohere/CohereKeyVerifier.h"
#include "src/cohere/ModelCheck.h"
#include "src/common/Clock.h"
#include "src/common/ErrorKind.h"
#include "src/common/HttpJob.h"
#include "src/console/Console.h"
#include "src/probes/ProbeBodyParser.h"
#include "src/rollout/RollbackTarget.h"
#include "src/rollout/RolloutController.h"
#include "src/rollout/RolloutSnapshotReader.h"
#include "src/traffic/PrometheusClient.h"
#include "src/traffic/PrometheusRules.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <functional>

namespace golive {

namespace {

const QString kSourcePrefix = QStringLiteral("source:");

bool anyItemNames(const QList<const ChecklistItem *> &items, const QString &prefixOrName,
                  bool prefix)
{
    for (const ChecklistItem *item : items) {
        for (const QString &source : item->evidence) {
            if (prefix ? source.startsWith(prefixOrName) : source == prefixOrName)
                return true;
        }
    }
    return false;
}

SourceEvidence unknown(const QString &source, const QString &why)
{
    return SourceEvidence{source, EvidenceResult::Unknown, why, {}};
}

} // namespace

EvidenceRun::EvidenceRun(Console &console, QString profileDir, QObject *parent)
    : QObject(parent), m_console(console), m_profileDir(std::move(profileDir))
{
}

EvidenceRun::~EvidenceRun()
{
    m_cancelled->store(true);
}

QList<SourceDir> EvidenceRun::sourceDirs(const QStringList &configured, const QString &profileDir)
{
    QList<SourceDir> dirs;
    const QDir base(profileDir.isEmpty() ? QDir::currentPath() : profileDir);
    for (const QString &name : configured)
        dirs.append(SourceDir{name, QDir::cleanPath(base.absoluteFilePath(name))});
    return dirs;
}

void EvidenceRun::start(const QString &releaseId)
{
    ReleaseSession &release = m_console.release();
    std::optional<Error> problem;
    const bool alreadyOpen = release.current() && release.current()->id == releaseId;
    if (!releaseId.isEmpty() && alreadyOpen) {
        // The window's release: reopening it would reset what people are looking at.
    } else if (!releaseId.isEmpty()) {
        if (const Status opened = release.open(releaseId); opened.failed())
            problem = opened.error();
    } else if (const auto newest = release.store().newestRelease(); newest.ok()) {
        if (const Status opened = release.open(newest.value().id); opened.failed())
            problem = opened.error();
    } else if (newest.error().kind != errorkind::noReleases) {
        problem = newest.error();
    }
    if (problem) {
        QTimer::singleShot(0, this, [this, error = *problem] { Q_EMIT failed(error); });
        return;
    }
    if (release.current())
        m_releaseId = release.current()->id;
    // The open release's checklist, or the bundled one (nothing ticked) when there is none yet.
    const Checklist *checklist = m_console.rollout().checklist();
    if (checklist) {
        m_document = checklist->document();
    } else {
        auto bundled = MarkdownChecklistParser::parseFile(BundledChecklist::path());
        if (!bundled.ok()) {
            QTimer::singleShot(0, this, [this, error = bundled.error()] { Q_EMIT failed(error); });
            return;
        }
        m_document = std::move(bundled).value();
    }
    for (const ChecklistItem *item : m_document.allItems()) {
        if (!item->evidence.isEmpty())
            m_items.append(item);
    }
    QTimer::singleShot(0, this, &EvidenceRun::scanSources);
}

void EvidenceRun::cancel()
{
    m_cancelled->store(true);
    for (HttpJob *job : findChildren<HttpJob *>())
        job->cancel();
    for (RolloutSnapshotReader *reader : findChildren<RolloutSnapshotReader *>())
        reader->cancel();
    m_console.keyVerifier().cancel();
    m_console.modelCheck().cancel();
}

void EvidenceRun::scanSources()
{
    if (!anyItemNames(m_items, kSourcePrefix, true)) {
        checkKey();
        return;
    }
    const QList<SourceDir> dirs = sourceDirs(m_console.profile().evidence.sourceDirs, m_profileDir);
    // Parsing thousands of files takes seconds: never on the thread that runs the event loop.
    auto result = std::make_shared<SourceScanReport>();
    QThread *worker = QThread::create([dirs, result, cancelled = m_cancelled] {
        *result = SourceScanner(SourceScanner::bundledCatalogue(),
                                SourceScanner::bundledCatalogueName())
                      .scan(dirs, cancelled.get());
    });
    connect(worker, &QThread::finished, this, [this, worker, result] {
        worker->deleteLater();
        m_scan = *result;
        checkKey();
    });
    connect(this, &QObject::destroyed, worker, [worker] { worker->wait(); });
    worker->start();
}

void EvidenceRun::checkKey()
{
    const QString source = QStringLiteral("cohere:key");
    if (!anyItemNames(m_items, source, false) || !m_console.keyStore().hasKey()) {
        m_key = unknown(source, QStringLiteral("golive has no API key (keychain or CO_API_KEY), "
                                               "so Cohere was not asked."));
        checkModels();
        return;
    }
    m_console.keyVerifier().check(m_console.keyStore().key(),
                                  [this, source](const Result<KeyVerification> &verification) {
        if (!verification.ok())
            m_key = unknown(source, verification.error().message);
        else if (verification.value().valid)
            m_key = SourceEvidence{source, EvidenceResult::Pass,
                                   QStringLiteral("Cohere accepted the key (POST "
                                                  "/v1/check-api-key); key kind: %1.")
                                       .arg(keyKindName(verification.value().kind)),
                                   {}};
        else
            m_key = SourceEvidence{source, EvidenceResult::Fail,
                                   QStringLiteral("Cohere says the key is not valid."), {}};
        checkModels();
    });
}

void EvidenceRun::checkModels()
{
    const QString source = QStringLiteral("cohere:models");
    if (!anyItemNames(m_items, source, false) || !m_console.keyStore().hasKey()) {
        m_models = unknown(source, QStringLiteral("golive has no API key (keychain or CO_API_KEY), "
                                                  "so Cohere's model list was not read."));
        checkRemote();
        return;
    }
    ModelCheck &check = m_console.modelCheck();
    auto done = std::make_shared<QList<QMetaObject::Connection>>();
    const auto disconnectAll = [done] {
        for (const auto &connection : std::as_const(*done))
            QObject::disconnect(connection);
    };
    *done << connect(&check, &ModelCheck::checked, this,
                     [this, source, disconnectAll](const QList<ModelWarning> &warnings) {
        disconnectAll();
        QStringList messages;
        for (const ModelWarning &warning : warnings)
            messages << warning.message;
        m_models = warnings.isEmpty()
                       ? SourceEvidence{source, EvidenceResult::Pass,
                                        QStringLiteral("Every configured model is in Cohere's "
                                                       "list (GET /v1/models), serves its endpoint "
                                                       "and is not deprecated."),
                                        {}}
                       : SourceEvidence{source, EvidenceResult::Fail,
                                        messages.join(QLatin1Char(' ')), {}};
        checkRemote();
    });
    *done << connect(&check, &ModelCheck::failed, this,
                     [this, source, disconnectAll](const Error &error) {
        disconnectAll();
        m_models = unknown(source, error.message);
        checkRemote();
    });
    check.start();
}

void EvidenceRun::checkRemote()
{
    const auto named = [this](const QString &source) { return anyItemNames(m_items, source, false); };
    const QString staging = QStringLiteral("health:staging");
    const QString production = QStringLiteral("health:production");
    QList<std::function<void()>> checks;
    if (named(staging))
        checks << [this, staging] { checkHealth(staging, m_console.profile().health.staging); };
    if (named(production))
        checks << [this, production] {
            checkHealth(production, m_console.profile().health.production);
        };
    if (named(QStringLiteral("status-page")))
        checks << [this] { checkStatusPage(); };
    if (named(QStringLiteral("prometheus:alert-rules")))
        checks << [this] { checkAlertRules(); };
    if (named(QStringLiteral("kubectl:rollback-ready")))
        checks << [this] { checkRollbackReady(); };
    if (checks.isEmpty() || m_cancelled->load()) {
        finish();
        return;
    }
    // Counted before any starts: a check that answers at once must not finish the run early.
    m_pendingRemote = int(checks.size());
    for (const auto &check : std::as_const(checks))
        check();
}

void EvidenceRun::remoteDone(const SourceEvidence &evidence)
{
    m_remote.insert(evidence.source, evidence);
    if (--m_pendingRemote == 0)
        finish();
}

namespace {

// What an HTTP exchange that did not end in a usable 200 says, for an unknown verdict.
QString unanswered(const QString &url, const HttpOutcome &outcome)
{
    if (!outcome.completed())
        return QStringLiteral("%1 did not answer: %2").arg(url, outcome.message);
    return QStringLiteral("%1 answered HTTP %2.").arg(url).arg(outcome.status);
}

} // namespace

void EvidenceRun::checkHealth(const QString &source, const QUrl &url)
{
    if (url.isEmpty()) {
        remoteDone(unknown(source, QStringLiteral("The profile names no %1 health URL (health.%1).")
                                       .arg(source.mid(source.indexOf(QLatin1Char(':')) + 1))));
        return;
    }
    HttpRequestSpec spec;
    spec.url = url;
    spec.timeoutMs = 10'000;
    spec.maxBodyBytes = 64 * 1024;
    auto *job = new HttpJob(m_network, spec, this);
    const QString shown = url.toDisplayString();
    connect(job, &HttpJob::finished, this, [this, job, source, shown](const HttpOutcome &outcome) {
        job->deleteLater();
        if (!outcome.completed() || outcome.status != 200) {
            // A 503 with the seed's body is a health check that answers "not healthy": a fail.
            const auto report = ProbeBodyParser::teamHealth(outcome.body);
            if (outcome.completed() && report.ok()) {
                remoteDone(SourceEvidence{source, EvidenceResult::Fail,
                                          QStringLiteral("%1 answered HTTP %2 with status \"%3\", "
                                                         "cohere.status \"%4\".")
                                              .arg(shown)
                                              .arg(outcome.status)
                                              .arg(report.value().status,
                                                   probeStatusName(report.value().cohereStatus)),
                                          {}});
            } else {
                remoteDone(unknown(source, unanswered(shown, outcome)));
            }
            return;
        }
        const auto report = ProbeBodyParser::teamHealth(outcome.body);
        if (!report.ok()) {
            // It answered, but not in the seed's shape: that is what this item checks.
            remoteDone(SourceEvidence{source, EvidenceResult::Fail,
                                      QStringLiteral("%1: %2").arg(shown, report.error().message),
                                      {}});
            return;
        }
        const TeamHealthReport &health = report.value();
        const bool healthy = health.cohereStatus == ProbeStatus::Healthy;
        remoteDone(SourceEvidence{
            source, healthy ? EvidenceResult::Pass : EvidenceResult::Fail,
            QStringLiteral("%1 answered the seed's shape: status \"%2\", cohere.status \"%3\", "
                           "cohere.latencyMs %4, timestamp %5.")
                .arg(shown, health.status, probeStatusName(health.cohereStatus))
                .arg(health.cohereLatencyMs)
                .arg(health.timestamp.toUTC().toString(Qt::ISODate)),
            {}});
    });
    job->start();
}

void EvidenceRun::checkStatusPage()
{
    const QString source = QStringLiteral("status-page");
    const QUrl url = m_console.profile().statusPage.url;
    if (url.isEmpty()) {
        remoteDone(unknown(source, QStringLiteral("The profile names no status page "
                                                  "(status_page.url).")));
        return;
    }
    HttpRequestSpec spec;
    spec.url = url;
    spec.timeoutMs = 10'000;
    spec.maxBodyBytes = 256 * 1024;
    auto *job = new HttpJob(m_network, spec, this);
    const QString shown = url.toDisplayString();
    connect(job, &HttpJob::finished, this, [this, job, source, shown](const HttpOutcome &outcome) {
        job->deleteLater();
        if (!outcome.completed() || outcome.status != 200) {
            remoteDone(unknown(source, unanswered(shown, outcome)));
            return;
        }
        // The probe's parser: status.json, or summary.json with its components.
        const bool summary = shown.endsWith(QLatin1String("summary.json"));
        const auto report = summary ? ProbeBodyParser::statusPageSummary(outcome.body)
                                    : ProbeBodyParser::statusPage(outcome.body);
        if (!report.ok()) {
            // golive does not guess what a page it cannot read says.
            remoteDone(unknown(source, QStringLiteral("%1: %2").arg(shown, report.error().message)));
            return;
        }
        const StatusPageReport &page = report.value();
        QString message = QStringLiteral("%1 says \"%2\" (indicator %3)")
                              .arg(shown, page.description, page.indicator);
        if (!page.affectedComponents.isEmpty())
            message += QStringLiteral("; affected: ") + page.affectedComponents.join(QStringLiteral(", "));
        message += QLatin1Char('.');
        remoteDone(SourceEvidence{source,
                                  page.status == ProbeStatus::Healthy ? EvidenceResult::Pass
                                                                      : EvidenceResult::Fail,
                                  message, {}});
    });
    job->start();
}

void EvidenceRun::checkAlertRules()
{
    const QString source = QStringLiteral("prometheus:alert-rules");
    const Profile &profile = m_console.profile();
    if (!profile.prometheus.configured()) {
        remoteDone(unknown(source, QStringLiteral("Prometheus is not configured (prometheus.url), "
                                                  "so its alert rules were not read.")));
        return;
    }
    PrometheusClient client(m_network, profile.prometheus, [](const QString &name) {
        return QProcessEnvironment::systemEnvironment().value(name);
    });
    auto request = client.request(QStringLiteral("/api/v1/rules"), {});
    if (!request.ok()) {
        remoteDone(unknown(source, request.error().message));
        return;
    }
    // The client builds query POSTs; the rules API is a GET with the same credentials.
    HttpRequestSpec spec = std::move(request).value();
    spec.method = "GET";
    spec.body.clear();
    spec.headers.removeIf([](const auto &header) {
        return header.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
    });
    QUrl url = spec.url;
    url.setQuery(QStringLiteral("type=alert"));
    spec.url = url;
    QStringList expected;
    for (const PrometheusAlertRule &rule : PrometheusRules::fromProfile(profile, 15))
        expected << rule.alert;
    auto *job = new HttpJob(m_network, spec, this);
    const QString shown = client.origin();
    connect(job, &HttpJob::finished, this,
            [this, job, source, shown, expected](const HttpOutcome &outcome) {
        job->deleteLater();
        if (!outcome.completed() || outcome.status != 200) {
            remoteDone(unknown(source, unanswered(shown + QStringLiteral("/api/v1/rules"), outcome)));
            return;
        }
        const QJsonObject root = QJsonDocument::fromJson(outcome.body).object();
        if (root.value(QStringLiteral("status")).toString() != QLatin1String("success")) {
            remoteDone(unknown(source, QStringLiteral("%1/api/v1/rules: %2")
                                           .arg(shown, ProbeBodyParser::unexpected(outcome.body))));
            return;
        }
        QSet<QString> loaded;
        const QJsonArray groups =
            root.value(QStringLiteral("data")).toObject().value(QStringLiteral("groups")).toArray();
        for (const QJsonValue &group : groups) {
            for (const QJsonValue &rule : group.toObject().value(QStringLiteral("rules")).toArray()) {
                const QJsonObject object = rule.toObject();
                if (object.value(QStringLiteral("type")).toString() == QLatin1String("alerting"))
                    loaded.insert(object.value(QStringLiteral("name")).toString());
            }
        }
        QStringList missing;
        for (const QString &name : expected) {
            if (!loaded.contains(name))
                missing << name;
        }
        if (missing.isEmpty())
            remoteDone(SourceEvidence{source, EvidenceResult::Pass,
                                      QStringLiteral("%1 has all %2 alert rules loaded (%3).")
                                          .arg(shown)
                                          .arg(expected.size())
                                          .arg(expected.join(QStringLiteral(", "))),
                                      {}});
        else
            remoteDone(SourceEvidence{source, EvidenceResult::Fail,
                                      QStringLiteral("%1 is missing %2 of the %3 alert rules "
                                                     "(`golive alerts export` writes them): %4.")
                                          .arg(shown)
                                          .arg(missing.size())
                                          .arg(expected.size())
                                          .arg(missing.join(QStringLiteral(", "))),
                                      {}});
    });
    job->start();
}

void EvidenceRun::checkRollbackReady()
{
    const QString source = QStringLiteral("kubectl:rollback-ready");
    const KubectlSettings &kubectl = m_console.profile().kubectl;
    if (kubectl.context.isEmpty() || kubectl.deployment.isEmpty()) {
        remoteDone(unknown(source, QStringLiteral("The profile names no kubectl context and "
                                                  "deployment (kubectl.context, "
                                                  "kubectl.deployment), so the cluster was not "
                                                  "asked.")));
        return;
    }
    // Three reads (`get deployment/ReplicaSets/pods -o json`), each with --context and
    // --namespace; nothing is changed.
    auto *reader = new RolloutSnapshotReader(kubectl, m_console.clock(), this);
    connect(reader, &RolloutSnapshotReader::finished, this,
            [this, reader, source](const Result<RolloutSnapshot> &snapshot) {
        reader->deleteLater();
        if (!snapshot.ok()) {
            remoteDone(unknown(source, snapshot.error().message));
            return;
        }
        const auto target = RollbackTarget::choose(snapshot.value(), 0);
        if (!target.ok()) {
            remoteDone(SourceEvidence{source, EvidenceResult::Fail,
                                      QStringLiteral("No revision to roll back to: %1")
                                          .arg(target.error().message),
                                      {}});
            return;
        }
        remoteDone(SourceEvidence{source, EvidenceResult::Pass,
                                  QStringLiteral("A rollback would return to %1.")
                                      .arg(target.value().describe(m_console.clock().nowUtc())),
                                  {}});
    });
    if (!reader->read())
        remoteDone(unknown(source, QStringLiteral("kubectl is busy.")));
}

SourceEvidence EvidenceRun::fromScan(const QString &rule) const
{
    const QString source = kSourcePrefix + rule;
    const SourceScanReport::RuleOutcome *outcome = m_scan.rule(rule);
    if (!outcome)
        return unknown(source, QStringLiteral("golive has no source rule \"%1\".").arg(rule));
    if (m_console.profile().evidence.sourceDirs.isEmpty())
        return unknown(source, QStringLiteral("The profile names no code to scan "
                                              "(evidence.source_dirs)."));
    QString message;
    switch (outcome->result) {
    case EvidenceResult::Pass:
        message = QStringLiteral("%1 file%2 scanned, nothing found.")
                      .arg(m_scan.filesScanned)
                      .arg(m_scan.filesScanned == 1 ? QString() : QStringLiteral("s"));
        break;
    case EvidenceResult::Fail:
        message = QStringLiteral("The scan found problems.");
        break;
    case EvidenceResult::Unknown:
        message = QStringLiteral("The scan could not tell.");
        break;
    }
    return SourceEvidence{source, outcome->result, message, outcome->findings};
}

SourceEvidence EvidenceRun::evidenceFrom(const QString &source) const
{
    if (source.startsWith(kSourcePrefix))
        return fromScan(source.mid(kSourcePrefix.size()));
    if (source == QLatin1String("cohere:key") && m_key)
        return *m_key;
    if (source == QLatin1String("cohere:models") && m_models)
        return *m_models;
    if (const auto remote = m_remote.constFind(source); remote != m_remote.cend())
        return *remote;
    if (EvidenceReport::knownSources().contains(source))
        return unknown(source, QStringLiteral("This version of golive does not check %1 yet; "
                                              "check it by hand.")
                                   .arg(source));
    return unknown(source, QStringLiteral("golive knows no evidence source \"%1\".").arg(source));
}

void EvidenceRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    EvidenceReport report;
    report.releaseId = m_releaseId;
    report.filesScanned = m_scan.filesScanned;
    report.skipped = m_scan.skipped;
    const QDateTime now = m_console.clock().nowUtc();
    for (const ChecklistItem *item : std::as_const(m_items)) {
        ItemEvidence evidence;
        evidence.itemId = item->id;
        evidence.required = item->required;
        evidence.sources = item->evidence;
        evidence.checkedAt = now;
        for (const QString &source : item->evidence)
            evidence.details.append(evidenceFrom(source));
        report.items.append(evidence);
    }
    m_console.recordEvidence(report.toJsonObject());
    Q_EMIT finished(report);
}

} // namespace golive
