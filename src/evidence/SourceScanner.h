#pragma once

#include "src/cohere/ModelCatalogue.h"
#include "src/evidence/SourceFinding.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <atomic>

namespace golive {

// A folder of the team's integration code, as the profile names it and where it is.
struct SourceDir {
    QString name; // as written in `evidence.source_dirs`
    QString path; // absolute
};

// What one scan found, per rule.
struct SourceScanReport {
    struct RuleOutcome {
        QString rule;
        EvidenceResult result = EvidenceResult::Unknown;
        QList<SourceFinding> findings;
    };
    QList<RuleOutcome> rules; // every rule, in sourceRuleIds() order
    int filesScanned = 0;
    QMap<QString, int> skipped; // reason -> count (files and folders not read)
    QStringList problems;        // a source dir that is missing, a file that could not be read

    const RuleOutcome *rule(const QString &id) const;
};

// The scan of the team's integration code: walks every source dir, parses each TypeScript,
// JavaScript and Python file with tree-sitter, reads its Cohere SDK usage and applies every
// source rule. Synchronous and thread-safe: the window runs it on a worker thread, the CLI in
// place. The model-ids rule judges against `catalogue` (Cohere's list for the key when golive
// has one, otherwise the bundled list of known ids, bundledCatalogue()).
class SourceScanner {
public:
    SourceScanner(ModelCatalogue catalogue, QString catalogueName);

    // Golive's list of known model ids and their deprecation (resources/models/known-models.json).
    static ModelCatalogue bundledCatalogue();
    static QString bundledCatalogueName(); // "golive's bundled list of known model ids"

    // `cancelled`, when given, is polled between files; a cancelled scan returns what it read
    // with a problem saying so.
    SourceScanReport scan(const QList<SourceDir> &dirs,
                          const std::atomic<bool> *cancelled = nullptr) const;

private:
    ModelCatalogue m_catalogue;
    QString m_catalogueName;
};

} // namespace golive
