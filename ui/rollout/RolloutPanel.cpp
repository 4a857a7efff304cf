#include "ui/rollout/RolloutPanel.h"

#include "ui/rollout/RolloutPanelParts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <utility>

namespace golive {

namespace {

QString buttonLabel(const RunbookStep &step, int watchMinutes)
{
    if (step.role == steprole::deploy)
        return QStringLiteral("Deploy canary");
    if (step.role == steprole::watch)
        return QStringLiteral("Watch canary (%1 min)").arg(watchMinutes);
    return step.title.section(QLatin1Char(':'), 0, 0);
}

} // namespace

RolloutPanel::RolloutPanel(RolloutController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_contextReader(controller.profile().kubectl)
{
    auto *layout = new QVBoxLayout(this);
    buildContextRow(layout);

    const QString deployStep = m_controller.runbook().idOfRole(steprole::deploy);
    auto *steps = new QHBoxLayout;
    for (const RunbookStep &step : m_controller.runbook().steps) {
        if (step.role == steprole::rollback)
            continue;
        auto *button =
            new QPushButton(buttonLabel(step, m_controller.profile().canary.watchMinutes), this);
        button->setObjectName(QStringLiteral("step-") + step.id);
        button->setToolTip(step.title);
        connect(button, &QPushButton::clicked, this, [this, id = step.id] { requestStep(id); });
        steps->addWidget(button);
        m_stepButtons.insert(step.id, button);
        if (step.id == deployStep) {
            m_override = new QPushButton(QStringLiteral("Override…"), this);
            m_override->setObjectName(QStringLiteral("overrideButton"));
            connect(m_override, &QPushButton::clicked, this,
                    [this, deployStep] { requestOverride(deployStep); });
            steps->addWidget(m_override);
        }
    }
    steps->addStretch();
    m_cancel = new QPushButton(QStringLiteral("Cancel step"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_cancel, &QPushButton::clicked, &m_controller, &RolloutController::cancel);
    steps->addWidget(m_cancel);
    layout->addLayout(steps);

    auto *rollbackRow = new QHBoxLayout;
    m_rollback = new QPushButton(QStringLiteral("ROLL BACK"), this);
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setMinimumHeight(44);
    m_rollback->setStyleSheet(QStringLiteral(
        "QPushButton { background:#c62828; color:white; font-weight:bold; font-size:15px;"
        " padding:6px 24px; border-radius:4px; } QPushButton:disabled { background:#d9a0a0; }"));
    connect(m_rollback, &QPushButton::clicked, this, &RolloutPanel::requestRollback);
    rollbackRow->addWidget(m_rollback);
    rollbackRow->addWidget(new QLabel(QStringLiteral("to"), this));
    m_revisions = new QComboBox(this);
    m_revisions->setObjectName(QStringLiteral("revisionCombo"));
    m_revisions->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_revisions->addItem(QStringLiteral("the version that served before"), QString());
    rollbackRow->addWidget(m_revisions);
    rollbackRow->addStretch();
    m_showJson = new QPushButton(QStringLiteral("Read-back JSON…"), this);
    m_showJson->setObjectName(QStringLiteral("readbackJsonButton"));
    m_showJson->setToolTip(QStringLiteral("What kubectl printed for the last step's read-backs"));
    m_showJson->setEnabled(false);
    connect(m_showJson, &QPushButton::clicked, this, &RolloutPanel::showReadbackJson);
    rollbackRow->addWidget(m_showJson);
    layout->addLayout(rollbackRow);

    m_cluster = new QLabel(QStringLiteral("Reading the deployment's ReplicaSets…"), this);
    m_cluster->setObjectName(QStringLiteral("clusterView"));
    m_cluster->setTextFormat(Qt::RichText);
    m_cluster->setMargin(4);
    layout->addWidget(m_cluster);

    m_result = new QLabel(QStringLiteral("No step run yet."), this);
    m_result->setObjectName(QStringLiteral("resultStrip"));
    m_result->setTextFormat(Qt::RichText);
    // A rollback's message is long: it wraps instead of widening the window.
    m_result->setWordWrap(true);
    m_result->setMargin(4);
    m_result->setFrameShape(QFrame::StyledPanel);
    layout->addWidget(m_result);

    auto *canary = new QGroupBox(QStringLiteral("Canary watch"), this);
    auto *canaryLayout = new QVBoxLayout(canary);
    m_canaryProgress = new QProgressBar(canary);
    m_canaryProgress->setObjectName(QStringLiteral("canaryProgress"));
    m_canaryProgress->setFormat(QStringLiteral("not watching"));
    m_canaryProgress->setValue(0);
    m_verdict = new QLabel(canary);
    m_verdict->setObjectName(QStringLiteral("canaryVerdict"));
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setText(QStringLiteral("No canary watch yet: run “Watch canary” after the deploy."));
    m_showQueries = new QCheckBox(QStringLiteral("Show the PromQL behind each traffic line"), canary);
    m_showQueries->setObjectName(QStringLiteral("showTrafficQueries"));
    m_showQueries->setVisible(m_controller.profile().prometheus.configured());
    connect(m_showQueries, &QCheckBox::toggled, this, [this] {
        if (m_shownVerdict)
            showVerdict(m_shownVerdict->first, m_shownVerdict->second);
    });
    canaryLayout->addWidget(m_canaryProgress);
    canaryLayout->addWidget(m_verdict);
    canaryLayout->addWidget(m_showQueries);
    layout->addWidget(canary);

    m_console = new QPlainTextEdit(this);
    m_console->setObjectName(QStringLiteral("console"));
    m_console->setReadOnly(true);
    m_console->setMaximumBlockCount(kConsoleMaxLines);
    m_console->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_console, 1);

    connect(&m_controller, &RolloutController::stepStarted, this, [this](const QString &id) {
        rolloutui::appendOutput(m_console, QStringLiteral("── %1 ──\n").arg(id),
                                OutputChannel::Stdout);
        m_result->setText(QStringLiteral("Running %1…").arg(id.toHtmlEscaped()));
        updateButtons();
    });
    connect(&m_controller, &RolloutController::actionStarted, this,
            [this](const QString &, const QStringList &args) {
                rolloutui::appendOutput(
                    m_console,
                    QStringLiteral("$ kubectl %1\n").arg(RolloutController::shellQuoted(args)),
                    OutputChannel::Stdout);
            });
    connect(&m_controller, &RolloutController::output, this,
            [this](const QString &, const QString &text, OutputChannel channel) {
                rolloutui::appendOutput(m_console, text, channel);
            });
    connect(&m_controller, &RolloutController::stepFinished, this,
            [this](const StepResult &result) {
                m_result->setText(rolloutui::resultHtml(
                    result, result.stepId == m_controller.executor().rollbackStepId()));
                rolloutui::appendOutput(
                    m_console,
                    QStringLiteral("→ %1: %2\n").arg(toString(result.outcome), result.message),
                    result.ok() ? OutputChannel::Stdout : OutputChannel::Stderr);
                m_lastRuns = result.runs;
                m_showJson->setEnabled(true);
                // The runner's queued finish may land before the executor forgets the step.
                QTimer::singleShot(0, this, &RolloutPanel::updateButtons);
                refreshGates();
                m_controller.refreshSnapshot();
            });
    connect(&m_controller, &RolloutController::snapshotRead, this, &RolloutPanel::showSnapshot);
    // Each pod's health answer during the watch lands beside the pod it came from.
    connect(&m_controller, &RolloutController::podHealthSampled, this, &RolloutPanel::showCluster);
    connect(&m_controller, &RolloutController::rollbackPrepared, this,
            &RolloutPanel::confirmRollback);
    connect(&m_controller, &RolloutController::canaryReset, this, [this] {
        m_verdict->setText(QStringLiteral("No canary watch yet: run “Watch canary” after the "
                                          "deploy."));
        m_canaryProgress->setValue(0);
        m_canaryProgress->setFormat(QStringLiteral("not watching"));
    });
    CanaryWatch &watch = m_controller.canaryWatch();
    connect(&watch, &CanaryWatch::windowStarted, this, [this] {
        m_progressTimer.start();
        updateCanaryProgress();
    });
    connect(&watch, &CanaryWatch::verdictChanged, this, [this](const CanaryVerdict &verdict) {
        showVerdict(verdict, false);
    });
    connect(&watch, &CanaryWatch::finished, this, [this](const CanaryVerdict &verdict) {
        m_progressTimer.stop();
        updateCanaryProgress();
        showVerdict(verdict, true);
    });
    m_progressTimer.setInterval(1000);
    connect(&m_progressTimer, &QTimer::timeout, this, &RolloutPanel::updateCanaryProgress);

    connect(&m_controller, &RolloutController::gatesChanged, this, &RolloutPanel::refreshGates);
    connect(&m_contextReader, &ClusterContextReader::contextRead, this, &RolloutPanel::showContext);
    refreshGates();
    refreshContext();
}

void RolloutPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_controller.refreshSnapshot();
}

void RolloutPanel::showCluster()
{
    if (m_shownSnapshot)
        m_cluster->setText(rolloutui::clusterHtml(
            *m_shownSnapshot, m_controller.podHealthSamples(),
            m_controller.profile().canary.podHealth.configured()));
}

void RolloutPanel::showSnapshot(const Result<RolloutSnapshot> &snapshot)
{
    if (!snapshot) {
        m_cluster->setText(QStringLiteral("<span style='color:#8a5a00'>%1</span>")
                               .arg(snapshot.error().message.toHtmlEscaped()));
        return;
    }
    m_shownSnapshot = snapshot.value();
    showCluster();
    // Keep the person's choice if that version still exists; a vanished one cannot be chosen.
    const QString chosen = m_revisions->currentData().toString();
    while (m_revisions->count() > 1)
        m_revisions->removeItem(1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const ReplicaSetView &rs : snapshot.value().replicaSets) {
        m_revisions->addItem(rolloutui::revisionItemText(rs, now), rs.templateHash);
        if (rs.current) {
            // Rolling back to what runs now is no rollback.
            auto *model = qobject_cast<QStandardItemModel *>(m_revisions->model());
            if (model)
                model->item(m_revisions->count() - 1)->setEnabled(false);
        }
    }
    const int keep = chosen.isEmpty() ? 0 : m_revisions->findData(chosen);
    m_revisions->setCurrentIndex(keep < 0 ? 0 : keep);
}

void RolloutPanel::showReadbackJson()
{
    QString text;
    for (const KubectlRun &run : m_lastRuns) {
        if (run.arguments.size() < 2 || run.arguments.first() != QLatin1String("get"))
            continue;
        text += QStringLiteral("$ %1\n%2\n").arg(run.commandLine(), run.stdoutText);
    }
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("readbackJsonDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QStringLiteral("Read-back JSON of the last step"));
    auto *layout = new QVBoxLayout(dialog);
    auto *view = new QPlainTextEdit(dialog);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlainText(text.isEmpty() ? QStringLiteral("The last step read nothing back.") : text);
    layout->addWidget(view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(900, 600);
    m_openDialog = dialog;
    dialog->open();
}

void RolloutPanel::buildContextRow(QLayout *into)
{
    auto *row = new QHBoxLayout;
    m_production = new QLabel(QStringLiteral("PRODUCTION"), this);
    m_production->setObjectName(QStringLiteral("productionLabel"));
    m_production->setStyleSheet(QStringLiteral(
        "background:#c62828; color:white; font-weight:bold; padding:3px 8px; border-radius:3px;"));
    m_production->setVisible(false);
    m_context = new QLabel(this);
    m_context->setObjectName(QStringLiteral("contextLabel"));
    m_context->setTextFormat(Qt::RichText);
    const KubectlSettings &k = m_controller.profile().kubectl;
    m_context->setText(
        QStringLiteral("Context <b>%1</b> · namespace <b>%2</b> · deployment <b>%3</b> · "
                       "kubectl current context: reading…")
            .arg(k.context.toHtmlEscaped(), k.namespaceName.toHtmlEscaped(),
                 k.deployment.toHtmlEscaped()));
    row->addWidget(m_production);
    row->addWidget(m_context, 1);
    static_cast<QBoxLayout *>(into)->addLayout(row);
}

void RolloutPanel::refreshContext()
{
    if (!m_contextReader.isReading())
        m_contextReader.read();
}

void RolloutPanel::showContext(const ClusterContext &context)
{
    const KubectlSettings &k = m_controller.profile().kubectl;
    const QString contextColour =
        context.production ? QStringLiteral("#c62828") : QStringLiteral("inherit");
    QString current = context.error.isEmpty()
                          ? (context.currentContext.isEmpty() ? QStringLiteral("(none set)")
                                                              : context.currentContext)
                          : QStringLiteral("unreadable: ") + context.error;
    QString html =
        QStringLiteral("Context <b style='color:%1'>%2</b> · namespace <b>%3</b> · deployment "
                       "<b>%4</b> · kubectl current context: <b>%5</b>")
            .arg(contextColour, k.context.toHtmlEscaped(), k.namespaceName.toHtmlEscaped(),
                 k.deployment.toHtmlEscaped(), current.toHtmlEscaped());
    for (const QString &warning : context.warnings)
        html += QStringLiteral("<br><span style='color:#8a5a00'>⚠ %1</span>")
                    .arg(warning.toHtmlEscaped());
    m_context->setText(html);
    m_production->setVisible(context.production);
}

void RolloutPanel::refreshGates()
{
    updateButtons();
}

void RolloutPanel::updateButtons()
{
    const bool running = m_controller.isRunning();
    for (auto it = m_stepButtons.cbegin(); it != m_stepButtons.cend(); ++it) {
        const QStringList open = m_controller.openItems(it.key());
        it.value()->setEnabled(!running && open.isEmpty());
        const RunbookStep *step = m_controller.runbook().step(it.key());
        it.value()->setToolTip(open.isEmpty()
                                   ? step->title
                                   : QStringLiteral("Gate '%1' has open required items:\n• %2")
                                         .arg(step->gate, m_controller.openItemTexts(it.key())
                                                              .join(QStringLiteral("\n• "))));
        if (it.key() == m_controller.runbook().idOfRole(steprole::deploy) && m_override) {
            m_override->setVisible(!open.isEmpty());
            m_override->setEnabled(!running);
        }
    }
    m_cancel->setEnabled(running);
    // Rollback is never gated and never waits for another step: it cancels that step itself.
    m_rollback->setEnabled(m_controller.hasDeployment());
}

void RolloutPanel::showVerdict(const CanaryVerdict &verdict, bool final)
{
    m_shownVerdict = std::pair{verdict, final};
    m_verdict->setText(rolloutui::verdictHtml(verdict, final, m_showQueries->isChecked()));
}

void RolloutPanel::updateCanaryProgress()
{
    const CanaryWatch &watch = m_controller.canaryWatch();
    const qint64 total = std::max<qint64>(watch.durationMs(), 1);
    const qint64 elapsed = watch.elapsedMs();
    m_canaryProgress->setRange(0, 1000);
    m_canaryProgress->setValue(int(elapsed * 1000 / total));
    m_canaryProgress->setFormat(QStringLiteral("%1:%2 of %3:00 (window %4 – %5 UTC)")
                                    .arg(elapsed / 60'000)
                                    .arg((elapsed / 1000) % 60, 2, 10, QLatin1Char('0'))
                                    .arg(total / 60'000)
                                    .arg(watch.windowStart().toString(QStringLiteral("HH:mm:ss")),
                                         watch.plannedEnd().toString(QStringLiteral("HH:mm:ss"))));
}

void RolloutPanel::showError(const QString &message)
{
    m_result->setText(QStringLiteral("<b style='color:#b00020'>Not started</b> — %1")
                          .arg(message.toHtmlEscaped()));
}

void RolloutPanel::confirmThen(const QString &objectName, const QString &text,
                               std::function<void()> go)
{
    auto *box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Confirm"), text,
                                QMessageBox::Ok | QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(box, &QMessageBox::finished, this, [this, go = std::move(go)](int result) {
        if (result == QMessageBox::Ok)
            return go();
        m_result->setText(QStringLiteral("Not confirmed: nothing was run."));
    });
    m_openDialog = box;
    box->open(); // asynchronous: no nested event loop
}

void RolloutPanel::requestStep(const QString &stepId, const QString &overrideReason)
{
    const RunbookStep *step = m_controller.runbook().step(stepId);
    if (!step)
        return;
    if (!step->mutates) {
        start(stepId, overrideReason);
        return;
    }
    auto text = m_controller.confirmationText(stepId);
    if (!text.ok()) {
        showError(text.error().message);
        return;
    }
    if (m_evidenceNote && !step->gate.isEmpty()) {
        // The decision is made here: failing or stale evidence is said, not hidden.
        if (const QString note = m_evidenceNote(step->gate); !note.isEmpty())
            text = text.value() + QStringLiteral("\n\n⚠ Evidence: %1").arg(note);
    }
    const QString concern =
        step->role == steprole::promote ? m_controller.promoteConcern() : QString();
    if (!concern.isEmpty() && overrideReason.isEmpty()) {
        // Promoting without a healthy watch is allowed, never silent: it takes a recorded reason.
        auto *dialog = new QInputDialog(this);
        dialog->setObjectName(QStringLiteral("promoteReasonDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(QStringLiteral("Promote without a healthy watch?"));
        dialog->setLabelText(QStringLiteral("⚠ %1.\n\n%2\nWhy promote anyway? (recorded)")
                                 .arg(concern, text.value()));
        connect(dialog, &QInputDialog::textValueSelected, this,
                [this, stepId](const QString &reason) {
                    if (reason.trimmed().isEmpty())
                        return showError(QStringLiteral("Promoting without a healthy watch "
                                                        "needs a typed reason."));
                    start(stepId, reason.trimmed());
                });
        m_openDialog = dialog;
        dialog->open();
        return;
    }
    confirmThen(QStringLiteral("confirmDialog"), text.value(),
                [this, stepId, overrideReason] { start(stepId, overrideReason); });
}

void RolloutPanel::requestOverride(const QString &stepId)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("overrideDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QStringLiteral("Override the gate"));
    dialog->setLabelText(
        QStringLiteral("Open required items:\n• %1\n\nWhy go ahead anyway? (recorded)")
            .arg(m_controller.openItemTexts(stepId).join(QStringLiteral("\n• "))));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, stepId](const QString &reason) {
        if (reason.trimmed().isEmpty()) {
            showError(QStringLiteral("An override needs a typed reason."));
            return;
        }
        requestStep(stepId, reason.trimmed());
    });
    m_openDialog = dialog;
    dialog->open();
}

void RolloutPanel::requestRollback()
{
    // The target is read from the cluster now, and the confirmation names it before anything
    // runs; the rollback is then pinned to exactly that version.
    m_rollbackRequested = true;
    m_result->setText(QStringLiteral("Reading the deployment's ReplicaSets to name the rollback "
                                     "target…"));
    m_controller.prepareRollback({}, m_revisions->currentData().toString());
}

void RolloutPanel::confirmRollback(const Result<RollbackTarget> &target)
{
    if (!std::exchange(m_rollbackRequested, false))
        return;
    if (!target) {
        m_result->setText(QStringLiteral("<b style='color:#b00020'>NOT rolled back</b> — %1")
                              .arg(target.error().message.toHtmlEscaped()));
        return;
    }
    m_result->setText(QStringLiteral("Rollback to revision %1 (%2) awaits confirmation.")
                          .arg(target.value().revision)
                          .arg(target.value().images.join(QStringLiteral(", ")).toHtmlEscaped()));
    QString body = m_controller.rollbackConfirmationText(target.value());
    if (m_controller.isRunning())
        body += QStringLiteral("\nThe running step '%1' will be cancelled first.")
                    .arg(m_controller.runningStepId());
    confirmThen(QStringLiteral("rollbackDialog"), body, [this, hash = target.value().templateHash] {
        if (const Status e = m_controller.rollback({}, hash); e.failed())
            showError(e->message);
    });
}

void RolloutPanel::start(const QString &stepId, const QString &overrideReason)
{
    if (const Status e = m_controller.runStep(stepId, overrideReason); e.failed())
        showError(e->message);
}

} // namespace golive
