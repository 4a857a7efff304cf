#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace golive {

class ChecklistView;
class MessageBanner;
class ReleaseSession;

// The window frame: menus, the tabs that hold the views, the status line. It arranges views and
// turns menu actions into calls on the session; the behaviour lives in the core.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ReleaseSession &session, QWidget *parent = nullptr);

    ChecklistView *checklistView() const { return m_checklistView; }
    MessageBanner *banner() const { return m_banner; }

    void newRelease();
    void openRelease();
    void exportChecklist();

private:
    void buildMenus();
    void showRelease();

    ReleaseSession &m_session;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    ChecklistView *m_checklistView;
    QLabel *m_releaseLabel;
};

} // namespace golive
