#pragma once

#include "ui/common/KeyboardShortcuts.h"

#include <QDateTime>
#include <QHash>
#include <QMainWindow>

#include <functional>
#include <optional>
#include <utility>

class QLabel;
class QTabWidget;

namespace golive {

class ChecklistView;
class GettingStartedPanel;
class Console;
class KeyStatusIndicator;
class LatencyChartsPanel;
class MessageBanner;
class RolloutPanel;

// The window frame: menus, the tabs that hold the views, the status line. It arranges views over
// the console's parts and turns menu actions into calls on them; the behaviour lives in the core.
// Only the Checklist tab is built with the window: every other view is built the first time its
// tab is shown, so the window appears sooner and an unused view costs nothing. What a view would
// have missed until then comes from the core (histories, last results) or is kept here.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Console &console, QWidget *parent = nullptr);

    ChecklistView *checklistView() const { return m_checklistView; }
    // Null until the Rollout tab has been shown.
    RolloutPanel *rolloutPanel() const { return m_rolloutPanel; }
    MessageBanner *banner() const { return m_banner; }
    QTabWidget *tabs() const { return m_tabs; }
    GettingStartedPanel *gettingStarted() const { return m_gettingStarted; }

    // Where the profile came from (empty: the seed defaults), for the Getting started panel.
    void setProfilePath(const QString &path);
    // Every key of the window, views of unopened tabs included (they are built for it).
    QList<KeyboardShortcut> keyboardShortcuts();
    void showKeyboardShortcuts();
    // QSettings key: the Getting started panel was dismissed on this computer.
    static QString gettingStartedDismissedKey();

    void newRelease();
    void openRelease();
    void exportChecklist();
    void writeReport();
    // Console › Refresh evidence: runs every evidence source of the open release (EvidenceRun,
    // the scan on a worker thread) and records the result; the column follows the record.
    void refreshEvidence();

private:
    void addLazyTab(const QString &title, std::function<QWidget *()> build);
    void buildShownTab();
    QWidget *buildHealthTab();
    QWidget *buildLatencyTab();
    void watchCanaryWindow();
    void buildAlertNotifier();
    void buildMenus();
    void buildGettingStarted();
    void showRelease();
    // The checklist's evidence column from the record's last `evidence` event (the timeline holds
    // the open release's events: on open, so states survive a restart, and each new run).
    void showRecordedEvidence();
    // For the confirmation of a step gated by `gate`: which of its items' evidence fails, is
    // stale or was not run; empty when all passed (or none names evidence).
    QString evidenceNote(const QString &gate) const;

    Console &m_console;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    ChecklistView *m_checklistView;
    RolloutPanel *m_rolloutPanel = nullptr;
    LatencyChartsPanel *m_charts = nullptr;
    KeyStatusIndicator *m_keyIndicator;
    QLabel *m_releaseLabel;
    GettingStartedPanel *m_gettingStarted;
    QString m_profilePath;
    QObject *m_evidenceRun = nullptr; // the EvidenceRun in progress, if any
    // Tab pages whose view is not built yet, with what builds it.
    QHash<QWidget *, std::function<QWidget *()>> m_unbuiltTabs;
    // The last canary window, for charts built after it started.
    std::optional<std::pair<QDateTime, QDateTime>> m_canaryWindow;
};

} // namespace golive
