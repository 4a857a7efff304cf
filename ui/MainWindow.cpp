#include "MainWindow.h"

#include "src/checklist/ChecklistExporter.h"
#include "src/common/AtomicFile.h"
#include "src/config/ProbeAllowance.h"
#include "src/console/Console.h"
#include "src/checklist/Checklist.h"
#include "src/console/EvidenceRun.h"
#include "src/release/RecordDigest.h"
#include "src/release/TimelineModel.h"
#include "src/release/ReleaseReport.h"
#include "ui/alerts/AlertListView.h"
#include "ui/alerts/AlertNotifier.h"
#include "ui/charts/LatencyChartsPanel.h"
#include "ui/charts/TrafficChartFeed.h"
#include "ui/checklist/ChecklistModel.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/common/GettingStartedPanel.h"
#include "ui/common/MessageBanner.h"
#include "ui/health/HealthPanel.h"
#include "ui/release/NewReleaseDialog.h"
#include "ui/release/OpenReleaseDialog.h"
#include "ui/rollout/RolloutPanel.h"
#include "ui/secrets/KeyStatusIndicator.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QTimer>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace golive {

MainWindow::MainWindow(Console &console, QWidget *parent)
    : QMainWindow(parent), m_console(console), m_banner(new MessageBanner(this)),
      m_tabs(new QTabWidget(this)),
      m_checklistView(new ChecklistView(console.release().checklist(), this)),
      m_keyIndicator(new KeyStatusIndicator(console.keyStore(), console.keyVerifier(),
                                            console.modelCheck(), console.release().checklist(),
                                            this)),
      m_releaseLabel(new QLabel(this)), m_gettingStarted(new GettingStartedPanel(this))
{
    setWindowTitle(QStringLiteral("golive"));
    resize(1280, 800);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    // Every Alt+letter has one owner in this window (a test walks them all): Alt+R is the
    // checklist's Required only, so the Rollout tab is Alt+U; Alt+H is the Help menu.
    m_tabs->addTab(m_checklistView, tr("&Checklist"));
    addLazyTab(tr("H&ealth"), [this] { return buildHealthTab(); });
    addLazyTab(tr("&Latency"), [this] { return buildLatencyTab(); });
    addLazyTab(tr("Rollo&ut"), [this] {
        m_rolloutPanel = new RolloutPanel(m_console.rollout());
        m_rolloutPanel->setEvidenceNote([this](const QString &gate) { return evidenceNote(gate); });
        return m_rolloutPanel;
    });
    addLazyTab(tr("&Timeline"), [this] { return new TimelineView(&m_console.timeline()); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::buildShownTab);
    watchCanaryWindow();
    buildAlertNotifier();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_gettingStarted);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_releaseLabel->setObjectName(QStringLiteral("releaseLabel"));
    statusBar()->addWidget(m_releaseLabel);
    statusBar()->addPermanentWidget(m_keyIndicator);
    buildMenus();
    // A tick against failing evidence is in the record with its reason, before the tick.
    connect(m_checklistView->model(), &ChecklistModel::tickedAgainstEvidence, this,
            [this](const QString &itemId, const QString &result, const QString &reason) {
        m_console.recordEvidenceOverride(itemId, result, reason);
    });
    // The record's evidence reaches the column on open and after every run.
    TimelineModel &timeline = m_console.timeline();
    connect(&timeline, &QAbstractItemModel::modelReset, this, &MainWindow::showRecordedEvidence);
    connect(&timeline, &QAbstractItemModel::rowsInserted, this,
            [this, &timeline](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row) {
            if (timeline.eventAt(row).kind == QLatin1String(recordkind::evidence)) {
                showRecordedEvidence();
                return;
            }
        }
    });
    // Evidence turns stale with time alone.
    auto *staleness = new QTimer(this);
    staleness->setInterval(60'000);
    connect(staleness, &QTimer::timeout, this, &MainWindow::showRecordedEvidence);
    staleness->start();
    buildGettingStarted();

    connect(&console, &Console::warningRaised, m_banner, &MessageBanner::showWarning);
    connect(&console.release(), &ReleaseSession::releaseOpened, this, &MainWindow::showRelease);
    showRelease();
}

void MainWindow::addLazyTab(const QString &title, std::function<QWidget *()> build)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs->addTab(page, title);
    m_unbuiltTabs.insert(page, std::move(build));
}

void MainWindow::buildShownTab()
{
    QWidget *page = m_tabs->currentWidget();
    const auto build = m_unbuiltTabs.take(page);
    if (!build)
        return;
    QWidget *view = build();
    page->layout()->addWidget(view);
    // The page is already showing: without this the view would appear one event later.
    view->show();
}

QWidget *MainWindow::buildHealthTab()
{
    auto *health = new HealthPanel(m_console.metrics(), m_console.clock());
    const QList<ProbeSpec> specs = m_console.probes().specs();
    health->setProbes(specs);
    health->setPlanWarnings(ProbeAllowance(m_console.profile()).warnings());
    // The tiles start from each probe's latest result, which may be older than this tab.
    for (const ProbeSpec &spec : specs) {
        if (auto last = m_console.probes().lastResult(spec.name))
            health->showResult(*last);
    }
    connect(&m_console.probes(), &ProbeScheduler::probeFinished, health, &HealthPanel::showResult);

    auto *alerts = new AlertListView;
    alerts->follow(m_console.alerts());

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(health);
    split->addWidget(alerts);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    return split;
}

QWidget *MainWindow::buildLatencyTab()
{
    const Profile &profile = m_console.profile();
    m_charts = new LatencyChartsPanel(m_console.metrics(), profile.gates, profile.alerts,
                                      m_console.clock());
    if (m_canaryWindow)
        m_charts->setCanaryWindow(m_canaryWindow->first, m_canaryWindow->second);
    // With Prometheus, the canary's and stable's real P95s beside the probes' lines.
    if (PrometheusClient *prometheus = m_console.prometheus())
        new TrafficChartFeed(*prometheus, m_console.rollout(), *m_charts, m_charts);
    return m_charts;
}

void MainWindow::watchCanaryWindow()
{
    // The canary's window stays drawn after the watch ends, so the meeting can zoom back to it,
    // also when the Latency tab is first opened after the watch.
    connect(&m_console.rollout().canaryWatch(), &CanaryWatch::windowStarted, this,
            [this](const QDateTime &start, const QDateTime &plannedEnd) {
                m_canaryWindow.emplace(start, plannedEnd);
                if (m_charts)
                    m_charts->setCanaryWindow(start, plannedEnd);
            });
}

void MainWindow::buildAlertNotifier()
{
    // P1 alerts reach people who are looking at another window, when the desktop has a tray,
    // whether or not the Health tab was ever opened.
    auto *tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    if (QSystemTrayIcon::isSystemTrayAvailable())
        tray->show();
    auto *notifier = new AlertNotifier(tray, this);
    connect(&m_console.alerts(), &AlertEngine::alertFired, notifier, &AlertNotifier::notifyFired);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New release…"), QKeySequence(QStringLiteral("Ctrl+Shift+N")), this,
                    &MainWindow::newRelease);
    file->addAction(tr("&Open release…"), QKeySequence::Open, this, &MainWindow::openRelease);
    file->addSeparator();
    file->addAction(tr("&Export checklist as Markdown…"),
                    QKeySequence(QStringLiteral("Ctrl+Shift+E")), this,
                    &MainWindow::exportChecklist);
    file->addAction(tr("Write &report…"), QKeySequence(QStringLiteral("Ctrl+Shift+R")), this,
                    &MainWindow::writeReport);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu *console = menuBar()->addMenu(tr("Con&sole"));
    console->addAction(tr("Cohere API &key…"), QKeySequence(QStringLiteral("Ctrl+K")),
                       m_keyIndicator, [this] { m_keyIndicator->openDialog(); });
    console->addAction(tr("&Probe everything now"), QKeySequence(QStringLiteral("Ctrl+R")),
                       &m_console.probes(), &ProbeScheduler::probeAllNow);
    console->addAction(tr("Refresh e&vidence"), QKeySequence(QStringLiteral("Ctrl+Shift+V")), this,
                       &MainWindow::refreshEvidence);
    QAction *pause = console->addAction(tr("Pa&use probing"));
    pause->setCheckable(true);
    connect(pause, &QAction::toggled, this, [this](bool paused) {
        if (paused)
            m_console.probes().pause();
        else
            m_console.probes().resume();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Getting started"), this, [this] { m_gettingStarted->show(); });
    help->addAction(tr("Keyboard &shortcuts"), QKeySequence(QStringLiteral("Ctrl+/")), this,
                    &MainWindow::showKeyboardShortcuts);
    help->addAction(tr("&About golive"), this, [this] {
        QMessageBox::about(this, tr("About golive"),
                           tr("<b>golive %1</b><p>The console a team keeps open while it takes a "
                              "Cohere API v2 integration live.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::setProfilePath(const QString &path)
{
    m_profilePath = path;
    m_gettingStarted->setProfilePath(path);
}

void MainWindow::showRecordedEvidence()
{
    const TimelineModel &timeline = m_console.timeline();
    QList<RecordEvent> evidence;
    for (int row = timeline.rowCount() - 1; row >= 0; --row) {
        if (timeline.eventAt(row).kind == QLatin1String(recordkind::evidence)) {
            evidence << timeline.eventAt(row);
            break;
        }
    }
    m_checklistView->model()->setEvidence(RecordDigest::lastEvidence(evidence),
                                          m_console.clock().nowUtc(),
                                          m_console.profile().evidence.maxAgeMinutes);
}

QString MainWindow::evidenceNote(const QString &gate) const
{
    const ChecklistModel *model = m_checklistView->model();
    QStringList failing, stale, notRun;
    for (const ChecklistItem *item : model->checklist()->document().allItems()) {
        if (item->evidence.isEmpty() || !item->gates.contains(gate))
            continue;
        const QString result = model->evidenceResult(item->id);
        if (result == QLatin1String("fail"))
            failing << item->id;
        else if (result == QLatin1String("stale"))
            stale << item->id;
        else if (result.isEmpty())
            notRun << item->id;
    }
    QStringList parts;
    if (!failing.isEmpty())
        parts << tr("fails for %1").arg(failing.join(QStringLiteral(", ")));
    if (!stale.isEmpty())
        parts << tr("is stale for %1").arg(stale.join(QStringLiteral(", ")));
    if (!notRun.isEmpty())
        parts << tr("was not run for %1").arg(notRun.join(QStringLiteral(", ")));
    if (parts.isEmpty())
        return {};
    return parts.join(QStringLiteral("; ")) +
           tr(". Console › Refresh evidence (Ctrl+Shift+V) checks again.");
}

void MainWindow::refreshEvidence()
{
    if (m_evidenceRun)
        return; // one run at a time; its result arrives through the record
    const auto &release = m_console.release().current();
    if (!release) {
        m_banner->showWarning(tr("Open or create a release first: evidence belongs to a release."));
        return;
    }
    // `evidence.source_dirs` are relative to the profile file, as for `golive evidence`.
    const QString profileDir =
        m_profilePath.isEmpty() ? QString() : QFileInfo(m_profilePath).absolutePath();
    auto *run = new EvidenceRun(m_console, profileDir, this);
    m_evidenceRun = run;
    statusBar()->showMessage(tr("Checking evidence…"));
    connect(run, &EvidenceRun::finished, this, [this, run](const EvidenceReport &report) {
        int failing = 0;
        for (const ItemEvidence &item : report.items)
            failing += item.result() == EvidenceResult::Fail ? 1 : 0;
        statusBar()->showMessage(
            tr("Evidence checked: %1 item(s), %2 failing.").arg(report.items.size()).arg(failing),
            10'000);
        showRecordedEvidence();
        run->deleteLater();
        m_evidenceRun = nullptr;
    });
    connect(run, &EvidenceRun::failed, this, [this, run](const Error &error) {
        m_banner->showWarning(tr("Evidence could not be checked: %1").arg(error.message));
        statusBar()->clearMessage();
        run->deleteLater();
        m_evidenceRun = nullptr;
    });
    run->start(release->id);
}

void MainWindow::buildGettingStarted()
{
    // Shown until dismissed once on this computer; Help › Getting started brings it back.
    QSettings settings;
    m_gettingStarted->setVisible(!settings.value(gettingStartedDismissedKey()).toBool());
    connect(m_gettingStarted, &GettingStartedPanel::keyRequested, m_keyIndicator,
            [this] { m_keyIndicator->openDialog(); });
    connect(m_gettingStarted, &GettingStartedPanel::dismissed, this, [] {
        QSettings settings;
        settings.setValue(gettingStartedDismissedKey(), true);
    });
}

QString MainWindow::gettingStartedDismissedKey()
{
    return QStringLiteral("window/gettingStartedDismissed");
}

QList<KeyboardShortcut> MainWindow::keyboardShortcuts()
{
    // Every view is built, so the list has the keys of tabs not opened yet too.
    const int shown = m_tabs->currentIndex();
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_unbuiltTabs.contains(m_tabs->widget(i)))
            m_tabs->setCurrentIndex(i);
    }
    m_tabs->setCurrentIndex(shown);
    QList<KeyboardShortcut> keys{
        {tr("Space"), tr("Tick or untick the current item"), tr("Checklist tab")},
        {tr("Enter"), tr("Save the note being edited"), tr("Checklist tab")},
        {tr("Ctrl+Tab / Ctrl+Shift+Tab"), tr("Next / previous tab"), tr("window")},
    };
    keys.append(KeyboardShortcuts::all(this));
    return keys;
}

void MainWindow::showKeyboardShortcuts()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    auto *table = new QTreeWidget(dialog);
    table->setObjectName(QStringLiteral("keyboardShortcuts"));
    table->setRootIsDecorated(false);
    table->setHeaderLabels({tr("Keys"), tr("Does"), tr("Where")});
    for (const KeyboardShortcut &key : keyboardShortcuts())
        new QTreeWidgetItem(table, {key.keys, key.action, key.where});
    for (int column = 0; column < 3; ++column)
        table->resizeColumnToContents(column);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(720, 560);
    dialog->show();
}

void MainWindow::showRelease()
{
    const auto &release = m_console.release().current();
    const QString name = release ? release->name : tr("no release");
    setWindowTitle(tr("%1 — golive").arg(name));
    m_releaseLabel->setText(release ? tr("Release: %1 (%2)").arg(release->name, release->id)
                                    : tr("No release open"));
}

void MainWindow::newRelease()
{
    NewReleaseDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto created = m_console.release().create(
        dialog.releaseName(), dialog.checklistMarkdown(), dialog.sourceDescription());
    if (!created.ok())
        QMessageBox::warning(this, tr("New release"), created.error().message);
}

void MainWindow::openRelease()
{
    ReleaseSession &session = m_console.release();
    const QString currentId = session.current() ? session.current()->id : QString();
    const auto releases = session.store().listReleases();
    if (!releases.ok()) {
        QMessageBox::warning(this, tr("Open release"), releases.error().message);
        return;
    }
    OpenReleaseDialog dialog(releases.value(), currentId, this);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedReleaseId().isEmpty())
        return;
    if (const Status failed = session.open(dialog.selectedReleaseId()); failed.failed())
        QMessageBox::warning(this, tr("Open release"), failed->message);
}

void MainWindow::exportChecklist()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export checklist"), QStringLiteral("checklist.md"), tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    const Checklist &checklist = *m_console.release().checklist();
    const QByteArray markdown =
        ChecklistExporter::toMarkdown(checklist.document(), checklist.state());
    if (const Status failed = writeFileAtomically(path, markdown); failed.failed())
        QMessageBox::warning(this, tr("Export checklist"), failed->message);
    else
        statusBar()->showMessage(tr("Exported to %1").arg(path), 5000);
}

void MainWindow::writeReport()
{
    ReleaseSession &session = m_console.release();
    if (!session.current())
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Write the release report"),
                                     QStringLiteral("%1-report.html").arg(session.current()->id),
                                     tr("HTML report (*.html);;Markdown report (*.md)"));
    if (path.isEmpty())
        return;
    m_console.flushRecord(); // the report reads the record file back
    const auto gathered =
        gatherReleaseReport(session.store(), session.current()->id, m_console.profile().gates,
                            m_console.recordKey());
    if (!gathered.ok()) {
        QMessageBox::warning(this, tr("Write report"), gathered.error().message);
        return;
    }
    for (const QString &warning : gathered.value().warnings)
        m_banner->showWarning(warning);
    const ReportInput &input = gathered.value().input;
    const Status failed = path.endsWith(QLatin1String(".md"), Qt::CaseInsensitive)
                              ? ReportWriter::writeMarkdown(input, path)
                              : ReportWriter::writeHtml(input, path);
    if (failed.failed())
        QMessageBox::warning(this, tr("Write report"), failed->message);
    else
        statusBar()->showMessage(tr("Report written to %1").arg(path), 5000);
}

} // namespace golive
