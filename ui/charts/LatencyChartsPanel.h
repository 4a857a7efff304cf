#pragma once

#include "ui/charts/ChartRange.h"
#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/config/AlertThresholds.h"
#include "src/config/GateThresholds.h"

#include <QDateTime>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QPushButton;

namespace golive {

class LatencyChartView;
class MetricsStore;

// The three latency charts (Cohere chat; embed and rerank; team health) under one row of
// shared controls: range, pause, log scale, zoom to canary, export.
class LatencyChartsPanel : public QWidget {
    Q_OBJECT
public:
    LatencyChartsPanel(const MetricsStore &store, const GateThresholds &gates,
                       const AlertThresholds &alerts, const Clock &clock = SystemClock::instance(),
                       QWidget *parent = nullptr);

    LatencyChartView *chatChart() const { return m_chat; }
    LatencyChartView *embedRerankChart() const { return m_embedRerank; }
    LatencyChartView *healthChart() const { return m_health; }
    QList<LatencyChartView *> charts() const { return {m_chat, m_embedRerank, m_health}; }

    void setRange(ChartRange range);
    void setPaused(bool paused);
    void setLogScale(bool logScale);
    void setCanaryWindow(const QDateTime &start, const QDateTime &plannedEnd);
    void clearCanaryWindow();
    void zoomToCanary();

    // The whole panel (all three charts) as a PNG file.
    Status exportPng(const QString &path);

private:
    void chooseExportFile();

    LatencyChartView *m_chat;
    LatencyChartView *m_embedRerank;
    LatencyChartView *m_health;
    QComboBox *m_range;
    QPushButton *m_pause;
    QCheckBox *m_logScale;
    QPushButton *m_zoomCanary;
    QPushButton *m_export;
};

} // namespace golive
