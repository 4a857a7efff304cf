#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/evidence/EvidenceReport.h"
#include "src/evidence/SourceScanner.h"

#include <QMap>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

namespace golive {

class Console;
struct ChecklistItem;

// One run of every evidence source the release's checklist names (README, "Evidence"): the scan
// of the team's integration code (on a worker thread), the key and the models at Cohere (with
// the console's key, when it has one), the team's health endpoints, Cohere's status page,
// Prometheus's loaded alert rules and the deployment's rollback target (kubectl). A source that
// cannot be asked reports unknown with the reason; evidence never ticks an item. The report goes to the release record as an `evidence`
// event (when the console records) and out through finished(), exactly once, never from inside
// start(). Call start() once the console's key store has loaded.
class EvidenceRun : public QObject {
    Q_OBJECT
public:
    // `profileDir`: what the profile's `evidence.source_dirs` are relative to.
    EvidenceRun(Console &console, QString profileDir, QObject *parent = nullptr);
    ~EvidenceRun() override;

    // The release to check: the given id, or the newest (the bundled checklist when none).
    void start(const QString &releaseId = QString());
    void cancel();

    // The source dirs of the profile, resolved against `profileDir`.
    static QList<SourceDir> sourceDirs(const QStringList &configured, const QString &profileDir);

Q_SIGNALS:
    void finished(const golive::EvidenceReport &report);
    void failed(const golive::Error &error);

private:
    void scanSources();
    void checkKey();
    void checkModels();
    // The sources that ask something over the network or kubectl, all at once; finish() when
    // every one has answered.
    void checkRemote();
    void checkHealth(const QString &source, const QUrl &url);
    void checkStatusPage();
    void checkAlertRules();
    void checkRollbackReady();
    void remoteDone(const SourceEvidence &evidence);
    void finish();
    SourceEvidence evidenceFrom(const QString &source) const;
    SourceEvidence fromScan(const QString &rule) const;

    Console &m_console;
    QString m_profileDir;
    ChecklistDocument m_document; // a copy: the items below point into it
    QList<const ChecklistItem *> m_items;
    SourceScanReport m_scan;
    std::optional<SourceEvidence> m_key;
    std::optional<SourceEvidence> m_models;
    QMap<QString, SourceEvidence> m_remote; // health:*, status-page, prometheus:*, kubectl:*
    int m_pendingRemote = 0;
    QNetworkAccessManager m_network;
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
    QString m_releaseId;
    bool m_finished = false;
};

} // namespace golive
