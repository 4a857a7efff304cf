// Start-up baseline: a bare Qt Charts window with one line series, the cost any charting Qt
// program pays.
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLineSeries>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    auto *series = new QLineSeries;
    for (int i = 0; i < 100; ++i)
        series->append(i, (i * 37) % 100);
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->createDefaultAxes();
    QChartView view(chart);
    view.setRenderHint(QPainter::Antialiasing);
    view.setWindowTitle(QStringLiteral("baseline-chartview"));
    view.resize(1000, 700);
    view.show();
    return QApplication::exec();
}
