#include "src/evidence/EvidenceReport.h"

#include "src/evidence/SourceRules.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace golive {

namespace {

QJsonObject findingJson(const SourceEvidence &source, const SourceFinding &finding)
{
    QJsonObject json{{QStringLiteral("file"), finding.file},
                     {QStringLiteral("line"), finding.line},
                     {QStringLiteral("message"), finding.message},
                     {QStringLiteral("source"), source.source},
                     {QStringLiteral("severity"), finding.severity == SourceFinding::Severity::Fail
                                                      ? QStringLiteral("fail")
                                                      : QStringLiteral("unknown")}};
    if (!finding.sourceDir.isEmpty())
        json.insert(QStringLiteral("source_dir"), finding.sourceDir);
    return json;
}

} // namespace

EvidenceResult ItemEvidence::result() const
{
    EvidenceResult result = details.isEmpty() ? EvidenceResult::Unknown : EvidenceResult::Pass;
    for (const SourceEvidence &source : details) {
        if (source.result == EvidenceResult::Fail)
            return EvidenceResult::Fail;
        if (source.result == EvidenceResult::Unknown)
            result = EvidenceResult::Unknown;
    }
    return result;
}

QJsonObject ItemEvidence::toJson() const
{
    QJsonArray findings;
    QJsonArray detailsJson;
    for (const SourceEvidence &source : details) {
        for (const SourceFinding &finding : source.findings)
            findings.append(findingJson(source, finding));
        detailsJson.append(QJsonObject{{QStringLiteral("source"), source.source},
                                       {QStringLiteral("result"), evidenceResultName(source.result)},
                                       {QStringLiteral("message"), source.message}});
    }
    return QJsonObject{{QStringLiteral("id"), itemId},
                       {QStringLiteral("required"), required},
                       {QStringLiteral("result"), evidenceResultName(result())},
                       {QStringLiteral("sources"), QJsonArray::fromStringList(sources)},
                       {QStringLiteral("findings"), findings},
                       {QStringLiteral("details"), detailsJson},
                       {QStringLiteral("checked_at"), checkedAt.toUTC().toString(Qt::ISODate)}};
}

bool EvidenceReport::requiredFails() const
{
    for (const ItemEvidence &item : items) {
        if (item.required && item.result() == EvidenceResult::Fail)
            return true;
    }
    return false;
}

QJsonObject EvidenceReport::toJsonObject() const
{
    QJsonArray itemsJson;
    for (const ItemEvidence &item : items)
        itemsJson.append(item.toJson());
    QJsonObject skippedJson;
    for (auto it = skipped.cbegin(); it != skipped.cend(); ++it)
        skippedJson.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("release"), releaseId.isEmpty() ? QJsonValue() : QJsonValue(releaseId)},
        {QStringLiteral("items"), itemsJson},
        {QStringLiteral("scan"), QJsonObject{{QStringLiteral("files_scanned"), filesScanned},
                                             {QStringLiteral("skipped"), skippedJson}}}};
}

QByteArray EvidenceReport::toJson() const
{
    return QJsonDocument(toJsonObject()).toJson(QJsonDocument::Indented);
}

QString EvidenceReport::toTable() const
{
    QString out;
    for (const ItemEvidence &item : items) {
        out += QStringLiteral("%1  %2%3  (%4)\n")
                   .arg(evidenceResultName(item.result()).toUpper().leftJustified(7),
                        item.itemId, item.required ? QStringLiteral(" [required]") : QString(),
                        item.sources.join(QStringLiteral(", ")));
        for (const SourceEvidence &source : item.details) {
            if (source.findings.isEmpty() && source.result == EvidenceResult::Pass)
                continue;
            if (source.findings.isEmpty())
                out += QStringLiteral("         %1: %2\n").arg(source.source, source.message);
            for (const SourceFinding &finding : source.findings) {
                const QString where =
                    finding.file.isEmpty()
                        ? source.source
                        : QStringLiteral("%1/%2:%3").arg(finding.sourceDir, finding.file).arg(finding.line);
                out += QStringLiteral("         %1  %2\n").arg(where, finding.message);
            }
        }
    }
    out += QStringLiteral("%1 source file%2 scanned").arg(filesScanned).arg(
        filesScanned == 1 ? QString() : QStringLiteral("s"));
    QStringList skips;
    for (auto it = skipped.cbegin(); it != skipped.cend(); ++it)
        skips << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    if (!skips.isEmpty())
        out += QStringLiteral("; skipped: ") + skips.join(QStringLiteral(", "));
    out += QLatin1Char('\n');
    return out;
}

QStringList EvidenceReport::knownSources()
{
    QStringList names;
    for (const QString &rule : sourceRuleIds())
        names << QStringLiteral("source:") + rule;
    names << QStringLiteral("cohere:key") << QStringLiteral("cohere:models")
          << QStringLiteral("health:staging") << QStringLiteral("health:production")
          << QStringLiteral("status-page") << QStringLiteral("kubectl:rollback-ready")
          << QStringLiteral("prometheus:alert-rules");
    return names;
}

bool EvidenceReport::isStale(const QDateTime &checkedAt, const QDateTime &now, int maxAgeMinutes)
{
    return !checkedAt.isValid() || checkedAt.secsTo(now) > qint64(maxAgeMinutes) * 60;
}

} // namespace golive
