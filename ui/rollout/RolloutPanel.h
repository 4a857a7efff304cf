#pragma once

#include "src/rollout/ClusterContextReader.h"
#include "src/rollout/RolloutController.h"

#include <QHash>

class QCheckBox;
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QDialog;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace golive {

// The rollout tab: where golive points (context, namespace, kubectl's own current context), one
// button per runbook step, a live console, the result of the last step, the canary watch, and a
// Rollback button that is always there while a deployment is configured. Every decision lives in
// the RolloutController; this only asks people and shows what happened.
class RolloutPanel : public QWidget {
    Q_OBJECT
public:
    explicit RolloutPanel(RolloutController &controller, QWidget *parent = nullptr);

    static constexpr int kConsoleMaxLines = 5000;

    // Re-reads the kubeconfig (the current context may have changed in another terminal).
    void refreshContext();
    // Re-checks the gates (the wiring calls this when the checklist changes).
    void refreshGates();
    // What the evidence of a gate's items says ("2 items' evidence fails: api-v2, …"), empty when
    // nothing to say: the confirmation of a gated step shows it.
    using EvidenceNote = std::function<QString(const QString &gate)>;
    void setEvidenceNote(EvidenceNote note) { m_evidenceNote = std::move(note); }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildContextRow(QLayout *into);
    void showSnapshot(const Result<RolloutSnapshot> &snapshot);
    void confirmRollback(const Result<RollbackTarget> &target);
    void showReadbackJson();
    void requestStep(const QString &stepId, const QString &overrideReason = {});
    void requestOverride(const QString &stepId);
    void requestRollback();
    void confirmThen(const QString &objectName, const QString &text, std::function<void()> go);
    void start(const QString &stepId, const QString &overrideReason);
    void showContext(const ClusterContext &context);
    void updateButtons();
    void updateCanaryProgress();
    void showError(const QString &message);

    RolloutController &m_controller;
    ClusterContextReader m_contextReader;
    QLabel *m_context = nullptr;
    QLabel *m_production = nullptr;
    QHash<QString, QPushButton *> m_stepButtons;
    QPushButton *m_override = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_rollback = nullptr;
    QComboBox *m_revisions = nullptr; // the deployment's ReplicaSets, read from the cluster
    QPushButton *m_showJson = nullptr;
    QLabel *m_cluster = nullptr; // canary and stable side by side
    std::optional<RolloutSnapshot> m_shownSnapshot;
    void showCluster();
    QList<KubectlRun> m_lastRuns;
    bool m_rollbackRequested = false;
    QPlainTextEdit *m_console = nullptr;
    QLabel *m_result = nullptr;
    QProgressBar *m_canaryProgress = nullptr;
    QLabel *m_verdict = nullptr;
    QCheckBox *m_showQueries = nullptr; // the PromQL behind each traffic line, on demand
    std::optional<std::pair<CanaryVerdict, bool>> m_shownVerdict; // and whether it is final
    void showVerdict(const CanaryVerdict &verdict, bool final);
    QTimer m_progressTimer;
    QPointer<QDialog> m_openDialog;
    EvidenceNote m_evidenceNote;
};

} // namespace golive
