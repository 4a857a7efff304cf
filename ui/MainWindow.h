#pragma once

#include <QMainWindow>

namespace golive {

// The window frame: menus, tabs and the status bar. Views do the work; this only arranges them.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace golive
