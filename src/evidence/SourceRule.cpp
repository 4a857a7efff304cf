#include "src/evidence/SourceRule.h"

namespace golive {

QString evidenceResultName(EvidenceResult result)
{
    switch (result) {
    case EvidenceResult::Pass:
        return QStringLiteral("pass");
    case EvidenceResult::Fail:
        return QStringLiteral("fail");
    case EvidenceResult::Unknown:
        return QStringLiteral("unknown");
    }
    return QString();
}

void ScanTotals::add(const SdkUsage &usage)
{
    ++filesScanned;
    clients += static_cast<int>(usage.clients.size());
    calls += static_cast<int>(usage.calls.size());
    for (const SdkUsage::Call &call : usage.calls) {
        if (call.method == SdkUsage::Call::Method::Chat ||
            call.method == SdkUsage::Call::Method::ChatStream)
            ++chatCalls;
        else if (call.method == SdkUsage::Call::Method::Embed)
            ++embedCalls;
    }
    importsSdk = importsSdk || usage.importsSdk;
    usesStreaming = usesStreaming || usage.usesStreaming;
    catchesSdkErrors = catchesSdkErrors || usage.catchesSdkErrors;
}

void SourceRule::checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const
{
    if (totals.calls == 0)
        findings.append(overall(
            QStringLiteral("No call of a Cohere client (chat, embed, rerank) was found in the %1 "
                           "file%2 scanned, so there is nothing to judge.")
                .arg(totals.filesScanned)
                .arg(totals.filesScanned == 1 ? QString() : QStringLiteral("s"))));
}

SourceFinding SourceRule::finding(const ScannedFile &file, int line, const QString &message,
                                  SourceFinding::Severity severity) const
{
    return SourceFinding{id(), file.sourceDir, file.file, line, message, severity};
}

SourceFinding SourceRule::overall(const QString &message) const
{
    return SourceFinding{id(), QString(), QString(), 0, message, SourceFinding::Severity::Unknown};
}

EvidenceResult resultOf(const QList<SourceFinding> &findings)
{
    EvidenceResult result = EvidenceResult::Pass;
    for (const SourceFinding &finding : findings) {
        if (finding.severity == SourceFinding::Severity::Fail)
            return EvidenceResult::Fail;
        result = EvidenceResult::Unknown;
    }
    return result;
}

} // namespace golive
