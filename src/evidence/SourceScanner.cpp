#include "src/evidence/SourceScanner.h"

#include "src/evidence/PythonReader.h"
#include "src/evidence/ScannedFile.h"
#include "src/evidence/SourceRules.h"
#include "src/evidence/SourceWalker.h"
#include "src/evidence/SyntaxTree.h"
#include "src/evidence/TypeScriptReader.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace golive {

namespace {

constexpr qsizetype kBinaryProbeBytes = 8192;

} // namespace

const SourceScanReport::RuleOutcome *SourceScanReport::rule(const QString &id) const
{
    for (const RuleOutcome &outcome : rules) {
        if (outcome.rule == id)
            return &outcome;
    }
    return nullptr;
}

SourceScanner::SourceScanner(ModelCatalogue catalogue, QString catalogueName)
    : m_catalogue(std::move(catalogue)), m_catalogueName(std::move(catalogueName))
{
}

ModelCatalogue SourceScanner::bundledCatalogue()
{
    QFile file(QStringLiteral(":/golive/models/known-models.json"));
    if (!file.open(QIODevice::ReadOnly))
        return ModelCatalogue();
    const auto catalogue = ModelCatalogue::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    return catalogue ? catalogue.value() : ModelCatalogue();
}

QString SourceScanner::bundledCatalogueName()
{
    return QStringLiteral("golive's bundled list of known model ids");
}

SourceScanReport SourceScanner::scan(const QList<SourceDir> &dirs,
                                     const std::atomic<bool> *cancelled) const
{
    SourceScanReport report;
    const auto rules = allSourceRules(m_catalogue, m_catalogueName);
    QList<QList<SourceFinding>> findings(static_cast<qsizetype>(rules.size()));
    ScanTotals totals;

    for (const SourceDir &dir : dirs) {
        const QFileInfo root(dir.path);
        if (!root.isDir()) {
            report.problems.append(
                QStringLiteral("The source dir %1 (%2) is not a folder.").arg(dir.name, dir.path));
            continue;
        }
        const SourceWalker::Listing listing = SourceWalker::list(root.absoluteFilePath());
        for (auto it = listing.skipped.cbegin(); it != listing.skipped.cend(); ++it)
            report.skipped[it.key()] += it.value();
        for (const SourceWalker::File &entry : listing.files) {
            if (cancelled && cancelled->load()) {
                report.problems.append(QStringLiteral("The scan was cancelled."));
                return report;
            }
            QFile file(entry.path);
            if (!file.open(QIODevice::ReadOnly)) {
                report.problems.append(QStringLiteral("%1/%2 could not be read: %3.")
                                           .arg(dir.name, entry.relative, file.errorString()));
                continue;
            }
            QByteArray bytes = file.read(SourceWalker::MaxFileBytes + 1);
            if (bytes.size() > SourceWalker::MaxFileBytes) {
                ++report.skipped[QStringLiteral("over 1 MiB")];
                continue;
            }
            if (SourceWalker::looksBinary(bytes.left(kBinaryProbeBytes))) {
                ++report.skipped[QStringLiteral("binary")];
                continue;
            }
            const auto tree = SyntaxTree::parse(entry.language, std::move(bytes));
            if (!tree) {
                report.problems.append(
                    QStringLiteral("%1/%2: %3").arg(dir.name, entry.relative, tree.error().message));
                continue;
            }
            ScannedFile scanned;
            scanned.sourceDir = dir.name;
            scanned.file = entry.relative;
            scanned.python = entry.language == SourceLanguage::Python;
            scanned.usage = scanned.python ? PythonReader::read(tree.value())
                                           : TypeScriptReader::read(tree.value());
            totals.add(scanned.usage);
            for (size_t i = 0; i < rules.size(); ++i)
                rules[i]->checkFile(scanned, findings[static_cast<qsizetype>(i)]);
        }
    }
    report.filesScanned = totals.filesScanned;
    for (size_t i = 0; i < rules.size(); ++i) {
        QList<SourceFinding> &ruleFindings = findings[static_cast<qsizetype>(i)];
        rules[i]->checkTotals(totals, ruleFindings);
        for (const QString &problem : std::as_const(report.problems))
            ruleFindings.append({rules[i]->id(), QString(), QString(), 0, problem,
                                 SourceFinding::Severity::Unknown});
        report.rules.append({rules[i]->id(), resultOf(ruleFindings), ruleFindings});
    }
    return report;
}

} // namespace golive
