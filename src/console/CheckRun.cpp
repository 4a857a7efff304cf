#include "src/console/CheckRun.h"
#include "src/common/ErrorKind.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/Checklist.h"
#include "src/checklist/ChecklistGate.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/common/Clock.h"
#include "src/evidence/EvidenceReport.h"
#include "src/release/RecordDigest.h"
#include "src/release/ReleaseRecord.h"
#include "src/console/Console.h"
#include "src/probes/ProbeRun.h"

#include <QDir>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>

namespace golive {

CheckRun::CheckRun(Console &console, Options options, QObject *parent)
    : QObject(parent), m_console(console), m_options(options)
{
}

CheckRun::CheckRun(Console &console, bool probesOnly, QObject *parent)
    : CheckRun(console, Options{probesOnly, false}, parent)
{
}

QList<ProbeSpec> CheckRun::specs() const
{
    QList<ProbeSpec> specs = probeSpecsFor(m_console.profile());
    if (m_options.skipCohere)
        specs.removeIf([](const ProbeSpec &spec) { return isCohereKind(spec.kind); });
    return specs;
}

CheckRun::~CheckRun() = default;

void CheckRun::start()
{
    if (m_started)
        return;
    m_started = true;
    const QList<ProbeSpec> specs = this->specs();
    m_expected = int(specs.size());
    m_wantModels = !m_options.skipCohere && m_console.keyStore().hasKey();
    for (const ProbeSpec &spec : specs) {
        ProbeRun *run = m_console.probeRunner().run(spec);
        // Connected after the runner's own slot, so the sample is in the metrics first.
        connect(run, &ProbeRun::finished, this, &CheckRun::onProbeFinished);
        m_runs << run;
    }
    if (m_expected == 0)
        QTimer::singleShot(0, this, &CheckRun::finishIfDone);
}

void CheckRun::startModelCheck()
{
    ModelCheck &check = m_console.modelCheck();
    m_modelCheckRunning = true;
    // As long as the slowest Cohere probe may take: the list must not hold the gate up longer.
    const ProbeSettings &probes = m_console.profile().probes;
    check.setTimeout(std::chrono::milliseconds(
        std::max({probes.chat.timeoutMs, probes.embed.timeoutMs, probes.rerank.timeoutMs})));
    const CohereSettings &settings = m_console.profile().cohere;
    connect(&check, &ModelCheck::checked, this,
            [this, settings](const QList<ModelWarning> &warnings) {
                const std::pair<ModelRole, QString> configured[] = {
                    {ModelRole::Chat, settings.chatModel},
                    {ModelRole::Embed, settings.embedModel},
                    {ModelRole::Rerank, settings.rerankModel}};
                for (const auto &[role, name] : configured) {
                    ModelReport model{modelRoleName(role), name, QStringLiteral("ok"), {}};
                    for (const ModelWarning &warning : warnings) {
                        if (warning.role != role)
                            continue;
                        model.replacement = warning.replacement;
                        switch (warning.problem) {
                        case ModelWarning::Problem::Deprecated:
                            model.status = QStringLiteral("deprecated");
                            break;
                        case ModelWarning::Problem::WrongEndpoint:
                            model.status = QStringLiteral("wrong-endpoint");
                            break;
                        case ModelWarning::Problem::NotConfigured:
                        case ModelWarning::Problem::Unknown:
                            model.status = QStringLiteral("unknown");
                            break;
                        }
                    }
                    m_models << model;
                }
                m_modelCheckRunning = false;
                finishIfDone();
            });
    connect(&check, &ModelCheck::failed, this, [this](const Error &error) {
        m_modelProblems << error.message;
        m_modelCheckRunning = false;
        finishIfDone();
    });
    check.start(settings);
}

void CheckRun::finishIfDone()
{
    if (m_results.size() != m_expected || m_modelCheckRunning)
        return;
    // The model list after the probes, so that it never takes an answer meant for a probe.
    if (m_wantModels) {
        m_wantModels = false;
        startModelCheck();
        return;
    }
    finish();
}

void CheckRun::cancel()
{
    if (m_finished)
        return;
    for (const QPointer<ProbeRun> &run : std::as_const(m_runs)) {
        if (run)
            run->cancel();
    }
    m_console.modelCheck().cancel();
}

void CheckRun::onProbeFinished(const ProbeResult &result)
{
    m_results << result;
    finishIfDone();
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
    readGateEvidence(report);
}

void CheckRun::readGateEvidence(CheckReport &report)
{
    const Checklist *checklist = m_console.rollout().checklist();
    ChecklistDocument document;
    if (checklist) {
        document = checklist->document();
    } else if (auto bundled = MarkdownChecklistParser::parseFile(BundledChecklist::path());
               bundled.ok()) {
        document = std::move(bundled).value();
    }
    QMap<QString, QJsonObject> recorded;
    ReleaseSession &release = m_console.release();
    if (release.current()) {
        if (const auto folder = release.store().releaseFolder(release.current()->id); folder.ok()) {
            const auto events = ReleaseRecord::readEvents(
                QDir(folder.value()).filePath(QString::fromLatin1(ReleaseRecord::fileName)));
            if (events.ok())
                recorded = RecordDigest::lastEvidence(events.value());
        }
    }
    const QDateTime now = m_console.clock().nowUtc();
    const int maxAge = m_console.profile().evidence.maxAgeMinutes;
    for (const ChecklistItem *item : document.allItems()) {
        if (item->evidence.isEmpty() || !item->gates.contains(report.gateName))
            continue;
        const auto found = recorded.constFind(item->id);
        if (found == recorded.cend()) {
            report.evidence.append(QJsonObject{
                {QStringLiteral("id"), item->id},
                {QStringLiteral("result"), QStringLiteral("not run")},
                {QStringLiteral("sources"), QJsonArray::fromStringList(item->evidence)},
                {QStringLiteral("findings"), QJsonArray()},
                {QStringLiteral("checked_at"), QJsonValue()},
                {QStringLiteral("stale"), true}});
            continue;
        }
        QJsonObject evidence{{QStringLiteral("id"), item->id}};
        for (const char *key : {"result", "sources", "findings", "checked_at"})
            evidence.insert(QLatin1String(key), found->value(QLatin1String(key)));
        const QDateTime checkedAt = QDateTime::fromString(
            found->value(QStringLiteral("checked_at")).toString(), Qt::ISODate);
        evidence.insert(QStringLiteral("stale"), EvidenceReport::isStale(checkedAt, now, maxAge));
        report.evidence.append(evidence);
    }
}

void CheckRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    CheckReport report;
    // In profile order, whatever order the answers came in.
    for (const ProbeSpec &spec : specs()) {
        for (const ProbeResult &result : std::as_const(m_results)) {
            if (result.name == spec.name)
                report.probes << result;
        }
    }
    report.models = m_models;
    report.modelProblems = m_modelProblems;
    report.alerts = m_console.alerts().holdingNow();
    report.notes = m_console.alerts().ruleNotes();
    if (m_options.skipCohere)
        report.skipped << QString::fromLatin1(CheckReport::skipCohere);
    if (!m_options.probesOnly)
        readGate(report);
    Q_EMIT finished(report);
}

} // namespace golive
