#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace golive {

class ChecklistView;
class Console;
class KeyStatusIndicator;
class MessageBanner;
class RolloutPanel;

// The window frame: menus, the tabs that hold the views, the status line. It arranges views over
// the console's parts and turns menu actions into calls on them; the behaviour lives in the core.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Console &console, QWidget *parent = nullptr);

    ChecklistView *checklistView() const { return m_checklistView; }
    RolloutPanel *rolloutPanel() const { return m_rolloutPanel; }
    MessageBanner *banner() const { return m_banner; }
    QTabWidget *tabs() const { return m_tabs; }

    void newRelease();
    void openRelease();
    void exportChecklist();
    void writeReport();

private:
    QWidget *buildHealthTab();
    QWidget *buildLatencyTab();
    void buildMenus();
    void showRelease();

    Console &m_console;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    ChecklistView *m_checklistView;
    RolloutPanel *m_rolloutPanel;
    KeyStatusIndicator *m_keyIndicator;
    QLabel *m_releaseLabel;
};

} // namespace golive
