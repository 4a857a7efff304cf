#include "MainWindow.h"

namespace golive {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("golive"));
}

} // namespace golive
