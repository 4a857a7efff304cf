// Start-up baseline: the smallest Qt Widgets window. run.sh compares golive's start time and idle
// memory with this program's.
#include <QApplication>
#include <QWidget>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QWidget window;
    window.setWindowTitle(QStringLiteral("baseline-widget"));
    window.resize(1000, 700);
    window.show();
    return QApplication::exec();
}
