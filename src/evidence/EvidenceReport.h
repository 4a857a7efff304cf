#pragma once

#include "src/evidence/SourceFinding.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace golive {

// What one evidence source said about an item ("cohere:key": pass, "Cohere accepted the key").
struct SourceEvidence {
    QString source;
    EvidenceResult result = EvidenceResult::Unknown;
    QString message;               // one sentence; never a secret
    QList<SourceFinding> findings; // file:line findings (source:* rules)
};

// The evidence of one checklist item: the sources its marker names, each one's verdict, and the
// item's result (fail if any source fails, else unknown if any cannot tell, else pass).
struct ItemEvidence {
    QString itemId;
    bool required = false;
    QStringList sources;
    QList<SourceEvidence> details;
    QDateTime checkedAt;
    EvidenceResult result() const;
    QJsonObject toJson() const;
};

// One `golive evidence` run: every item with evidence in the release's checklist.
struct EvidenceReport {
    QString releaseId; // empty when there is no release yet (the bundled checklist was checked)
    QList<ItemEvidence> items;
    int filesScanned = 0;
    QMap<QString, int> skipped;

    // Whether a required item's evidence fails (exit 1).
    bool requiredFails() const;
    // The contract of `golive evidence --json` (README, "Evidence").
    QByteArray toJson() const;
    QJsonObject toJsonObject() const;
    // One line per item, then its findings indented: for people.
    QString toTable() const;

    // Every source name golive can check, for the marker's `evidence=`.
    static QStringList knownSources();
    // Whether evidence checked at `checkedAt` is stale at `now`.
    static bool isStale(const QDateTime &checkedAt, const QDateTime &now, int maxAgeMinutes);
};

} // namespace golive
