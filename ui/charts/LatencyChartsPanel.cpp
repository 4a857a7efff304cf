#include "ui/charts/LatencyChartsPanel.h"
#include "src/common/ErrorKind.h"

#include "src/common/AtomicFile.h"
#include "src/common/ProbeNames.h"
#include "ui/charts/LatencyChartView.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace golive {

namespace {

QString msLabel(double ms)
{
    // Legend labels are rich text: no '<' or '>' in them.
    return ms >= 1000 ? QStringLiteral("%1 s").arg(ms / 1000.0) : QStringLiteral("%1 ms").arg(ms);
}

// The gate line of one probe; every Cohere probe has one (GateThresholds::forProbe).
double gateMs(const GateThresholds &gates, const char *probe)
{
    return double(gates.forProbe(QString::fromLatin1(probe)).value_or(0));
}

LatencyChartSpec chatSpec(const GateThresholds &gates, const AlertThresholds &alerts)
{
    const double chatGateMs = gateMs(gates, probename::cohereChat);
    return {QStringLiteral("chatChart"),
            QStringLiteral("Cohere chat latency"),
            {{QString::fromLatin1(probename::cohereChat), QStringLiteral("chat"),
              QColor(0x1e, 0x88, 0xe5)}},
            {{QStringLiteral("gate"), QStringLiteral("Gate: P95 under ") + msLabel(chatGateMs),
              chatGateMs, false},
             {QStringLiteral("alert"),
              QStringLiteral("Alert: P95 over ") + msLabel(alerts.chatP95AlertMs),
              double(alerts.chatP95AlertMs), true}}};
}

LatencyChartSpec embedRerankSpec(const GateThresholds &gates)
{
    LatencyChartSpec spec{QStringLiteral("embedRerankChart"),
                          QStringLiteral("Cohere embed and rerank latency"),
                          {{QString::fromLatin1(probename::cohereEmbed), QStringLiteral("embed"),
                            QColor(0x43, 0xa0, 0x47)},
                           {QString::fromLatin1(probename::cohereRerank), QStringLiteral("rerank"),
                            QColor(0x00, 0x89, 0x7b)}},
                          {}};
    const double embedGateMs = gateMs(gates, probename::cohereEmbed);
    const double rerankGateMs = gateMs(gates, probename::cohereRerank);
    // One line when both gates agree (the seed's 500 ms), two when a team set them apart.
    if (embedGateMs == rerankGateMs) {
        spec.thresholds.append({QStringLiteral("gate"),
                                QStringLiteral("Gate: P95 under ") + msLabel(embedGateMs),
                                embedGateMs, false});
    } else {
        spec.thresholds.append({QStringLiteral("gate/embed"),
                                QStringLiteral("Embed gate: P95 under ") + msLabel(embedGateMs),
                                embedGateMs, false});
        spec.thresholds.append({QStringLiteral("gate/rerank"),
                                QStringLiteral("Rerank gate: P95 under ") + msLabel(rerankGateMs),
                                rerankGateMs, false});
    }
    return spec;
}

LatencyChartSpec healthSpec()
{
    return {QStringLiteral("healthChart"),
            QStringLiteral("Team health endpoint latency"),
            {{QString::fromLatin1(probename::healthProduction), QStringLiteral("production"),
              QColor(0xfb, 0x8c, 0x00)},
             {QString::fromLatin1(probename::healthStaging), QStringLiteral("staging"),
              QColor(0x8d, 0x6e, 0x63)},
             // Each pod's /api/health through the API server, per version of the rollout.
             {QString::fromLatin1(probename::podHealthCanary), QStringLiteral("canary"),
              QColor(0xd8, 0x1b, 0x60)},
             {QString::fromLatin1(probename::podHealthStable), QStringLiteral("stable"),
              QColor(0x1e, 0x88, 0xe5)}},
            {}};
}

} // namespace

LatencyChartsPanel::LatencyChartsPanel(const MetricsStore &store, const GateThresholds &gates,
                                       const AlertThresholds &alerts, const Clock &clock,
                                       QWidget *parent)
    : QWidget(parent), m_chat(new LatencyChartView(store, chatSpec(gates, alerts), clock, this)),
      m_embedRerank(new LatencyChartView(store, embedRerankSpec(gates), clock, this)),
      m_health(new LatencyChartView(store, healthSpec(), clock, this)), m_range(new QComboBox),
      m_pause(new QPushButton(tr("Pause"))), m_logScale(new QCheckBox(tr("Log scale"))),
      m_zoomCanary(new QPushButton(tr("Zoom to canary"))),
      m_export(new QPushButton(tr("Export PNG…")))
{
    setObjectName(QStringLiteral("latencyChartsPanel"));
    m_range->setObjectName(QStringLiteral("rangeSelector"));
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_logScale->setObjectName(QStringLiteral("logScaleToggle"));
    m_zoomCanary->setObjectName(QStringLiteral("zoomCanaryButton"));
    m_export->setObjectName(QStringLiteral("exportPngButton"));

    for (ChartRange r : {ChartRange::FiveMinutes, ChartRange::OneHour, ChartRange::OneDay})
        m_range->addItem(chartRangeLabel(r), int(r));
    m_pause->setCheckable(true);
    m_zoomCanary->setEnabled(false);
    m_zoomCanary->setToolTip(tr("Show exactly the canary's monitoring window"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Range:")));
    controls->addWidget(m_range);
    controls->addWidget(m_pause);
    controls->addWidget(m_logScale);
    controls->addWidget(m_zoomCanary);
    controls->addStretch(1);
    controls->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    for (LatencyChartView *chart : charts()) {
        layout->addWidget(chart, 1);
        // The legend wraps beneath its chart, so no entry is ever cut off or drawn over another.
        auto *legend = new QLabel(this);
        legend->setObjectName(chart->objectName() + QStringLiteral("Legend"));
        legend->setTextFormat(Qt::RichText);
        legend->setWordWrap(true);
        legend->setContentsMargins(8, 0, 8, 4);
        legend->setText(chart->legendHtml());
        connect(chart, &LatencyChartView::legendChanged, legend, &QLabel::setText);
        layout->addWidget(legend);
    }

    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this] { setRange(ChartRange(m_range->currentData().toInt())); });
    connect(m_pause, &QPushButton::toggled, this, &LatencyChartsPanel::setPaused);
    connect(m_logScale, &QCheckBox::toggled, this, &LatencyChartsPanel::setLogScale);
    connect(m_zoomCanary, &QPushButton::clicked, this, &LatencyChartsPanel::zoomToCanary);
    connect(m_export, &QPushButton::clicked, this, &LatencyChartsPanel::chooseExportFile);
    // Zooming to the canary pauses the charts; the button shows it so one click resumes.
    connect(m_chat, &LatencyChartView::pausedChanged, this, [this](bool paused) {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    });
}

void LatencyChartsPanel::setRange(ChartRange range)
{
    const QSignalBlocker block(m_range);
    m_range->setCurrentIndex(m_range->findData(int(range)));
    for (LatencyChartView *chart : charts())
        chart->setRange(range);
}

void LatencyChartsPanel::setPaused(bool paused)
{
    for (LatencyChartView *chart : charts())
        chart->setPaused(paused);
    const QSignalBlocker block(m_pause);
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
}

void LatencyChartsPanel::setLogScale(bool logScale)
{
    const QSignalBlocker block(m_logScale);
    m_logScale->setChecked(logScale);
    for (LatencyChartView *chart : charts())
        chart->setLogScale(logScale);
}

void LatencyChartsPanel::setCanaryWindow(const QDateTime &start, const QDateTime &plannedEnd)
{
    for (LatencyChartView *chart : charts())
        chart->setCanaryWindow(start, plannedEnd);
    m_zoomCanary->setEnabled(true);
}

void LatencyChartsPanel::clearCanaryWindow()
{
    for (LatencyChartView *chart : charts())
        chart->clearCanaryWindow();
    m_zoomCanary->setEnabled(false);
}

void LatencyChartsPanel::zoomToCanary()
{
    for (LatencyChartView *chart : charts())
        chart->zoomToCanary();
}

Status LatencyChartsPanel::exportPng(const QString &path)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!grab().save(&buffer, "PNG"))
        return Error{errorkind::io, tr("Could not render the charts as PNG.")};
    return writeFileAtomically(path, bytes);
}

void LatencyChartsPanel::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export charts"), QStringLiteral("golive-latency.png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (const Status failed = exportPng(path); failed.failed())
        QMessageBox::warning(this, tr("Export charts"), failed->message);
}

} // namespace golive
