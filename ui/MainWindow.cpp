#include "MainWindow.h"

#include "checklist/ChecklistExporter.h"
#include "checklist/ChecklistView.h"
#include "common/AtomicFile.h"
#include "common/MessageBanner.h"
#include "release/NewReleaseDialog.h"
#include "release/OpenReleaseDialog.h"
#include "release/ReleaseSession.h"

#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace golive {

MainWindow::MainWindow(ReleaseSession &session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_banner(new MessageBanner(this)),
      m_tabs(new QTabWidget(this)), m_checklistView(new ChecklistView(session.checklist(), this)),
      m_releaseLabel(new QLabel(this))
{
    setWindowTitle(QStringLiteral("golive"));
    resize(1280, 800);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_checklistView, tr("&Checklist"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_releaseLabel->setObjectName(QStringLiteral("releaseLabel"));
    statusBar()->addWidget(m_releaseLabel);
    buildMenus();

    connect(&m_session, &ReleaseSession::warningRaised, m_banner, &MessageBanner::showWarning);
    connect(&m_session, &ReleaseSession::releaseOpened, this, &MainWindow::showRelease);
    showRelease();
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
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About golive"), this, [this] {
        QMessageBox::about(this, tr("About golive"),
                           tr("<b>golive %1</b><p>The console a team keeps open while it takes a "
                              "Cohere API v2 integration live.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showRelease()
{
    const auto &release = m_session.current();
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
    const auto created = m_session.create(dialog.releaseName(), dialog.checklistMarkdown(),
                                          dialog.sourceDescription());
    if (!created.ok())
        QMessageBox::warning(this, tr("New release"), created.error().message);
}

void MainWindow::openRelease()
{
    const QString currentId = m_session.current() ? m_session.current()->id : QString();
    const auto releases = m_session.store().listReleases();
    if (!releases.ok()) {
        QMessageBox::warning(this, tr("Open release"), releases.error().message);
        return;
    }
    OpenReleaseDialog dialog(releases.value(), currentId, this);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedReleaseId().isEmpty())
        return;
    if (const Status failed = m_session.open(dialog.selectedReleaseId()))
        QMessageBox::warning(this, tr("Open release"), failed->message);
}

void MainWindow::exportChecklist()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export checklist"), QStringLiteral("checklist.md"), tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    const ChecklistModel &model = *m_session.checklist();
    const QByteArray markdown = ChecklistExporter::toMarkdown(model.document(), model.state());
    if (const Status failed = writeFileAtomically(path, markdown))
        QMessageBox::warning(this, tr("Export checklist"), failed->message);
    else
        statusBar()->showMessage(tr("Exported to %1").arg(path), 5000);
}

} // namespace golive
