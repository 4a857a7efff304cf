#include "src/console/EvidenceRun.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/cohere/CohereKeyVerifier.h"
#include "src/cohere/ModelCheck.h"
#include "src/common/Clock.h"
#include "src/common/ErrorKind.h"
#include "src/console/Console.h"
#include "src/rollout/RolloutController.h"

#include <QDir>
#include <QThread>
#include <QTimer>

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
    if (!releaseId.isEmpty()) {
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
        finish();
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
        finish();
    });
    *done << connect(&check, &ModelCheck::failed, this,
                     [this, source, disconnectAll](const Error &error) {
        disconnectAll();
        m_models = unknown(source, error.message);
        finish();
    });
    check.start();
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
    if (source == QLatin1String("prometheus:alert-rules"))
        return unknown(source, QStringLiteral("Prometheus not configured."));
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
