#pragma once

#include "src/evidence/SourceScanner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace golive::testing {

// "file:line" of every finding of one rule, for exact comparisons.
inline QStringList locations(const SourceScanReport &report, const QString &rule)
{
    QStringList result;
    const SourceScanReport::RuleOutcome *outcome = report.rule(rule);
    if (!outcome) {
        ADD_FAILURE() << "no rule " << rule.toStdString();
        return result;
    }
    for (const SourceFinding &finding : outcome->findings)
        result.append(QStringLiteral("%1/%2:%3").arg(finding.sourceDir, finding.file).arg(finding.line));
    return result;
}

inline EvidenceResult resultOf(const SourceScanReport &report, const QString &rule)
{
    const SourceScanReport::RuleOutcome *outcome = report.rule(rule);
    return outcome ? outcome->result : EvidenceResult::Unknown;
}

inline SourceScanReport scanWithBundledList(const QList<SourceDir> &dirs)
{
    return SourceScanner(SourceScanner::bundledCatalogue(), SourceScanner::bundledCatalogueName())
        .scan(dirs);
}

// A folder of snippets: write(name, text), then scan().
class SnippetFolder {
public:
    void write(const QString &relative, const QByteArray &text)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    QString path() const { return m_dir.path(); }
    SourceScanReport scan() const
    {
        return scanWithBundledList({SourceDir{QStringLiteral("src"), m_dir.path()}});
    }

private:
    QTemporaryDir m_dir;
};

} // namespace golive::testing
