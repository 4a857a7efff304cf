#include "ui/health/HealthTile.h"

#include "src/common/UrlText.h"

#include <QFontMetrics>
#include <QLabel>
#include <QVBoxLayout>

namespace golive {

HealthTile::HealthTile(const QString &probeName, QWidget *parent)
    : QFrame(parent), m_name(new QLabel(probeName, this)), m_status(new QLabel(this)),
      m_latency(new QLabel(this)), m_p95(new QLabel(this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("healthTile-%1").arg(probeName));
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(200);
    m_status->setObjectName(QStringLiteral("status"));
    m_latency->setObjectName(QStringLiteral("latency"));
    m_p95->setObjectName(QStringLiteral("p95"));
    m_error->setObjectName(QStringLiteral("error"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setAutoFillBackground(true);
    m_error->setMinimumWidth(1); // the text is elided to the tile, never widens it

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_status);
    layout->addWidget(m_latency);
    layout->addWidget(m_p95);
    layout->addWidget(m_error);
    layout->addStretch();

    m_status->setText(QStringLiteral("no result yet"));
    m_latency->setText(QStringLiteral("last: –"));
    m_p95->setText(QStringLiteral("P95 (5 min): –"));
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::Window, colourFor(std::nullopt));
    m_status->setPalette(palette);
}

QColor HealthTile::colourFor(std::optional<ProbeStatus> status)
{
    if (!status)
        return QColor(0xbd, 0xbd, 0xbd);
    switch (*status) {
    case ProbeStatus::Healthy:
        return QColor(0x66, 0xbb, 0x6a);
    case ProbeStatus::Degraded:
        return QColor(0xff, 0xb3, 0x00);
    case ProbeStatus::Slow: // amber: it answered, slower than its gate
        return QColor(0xff, 0xca, 0x28);
    case ProbeStatus::Down:
        return QColor(0xe5, 0x39, 0x35);
    case ProbeStatus::Skipped:
    case ProbeStatus::Unknown: // grey: golive does not know, which is not "down"
        return QColor(0xbd, 0xbd, 0xbd);
    }
    return {};
}

void HealthTile::showResult(const ProbeResult &result)
{
    m_status->setText(probeStatusName(result.status).toUpper());
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::Window, colourFor(result.status));
    palette.setColor(QPalette::WindowText, Qt::black);
    m_status->setPalette(palette);
    m_latency->setText(result.status == ProbeStatus::Skipped ||
                               result.status == ProbeStatus::Unknown
                           ? QStringLiteral("last: –")
                           : QStringLiteral("last: %1 ms").arg(result.latencyMs));
    m_errorText = result.error.isEmpty() ? result.detail : result.error;
    m_error->setToolTip(m_errorText);
    setToolTip(QStringLiteral("%1 — %2 at %3")
                   .arg(result.name, displayUrl(result.target),
                        result.at.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    elideError();
}

void HealthTile::showP95(std::optional<double> p95Ms)
{
    m_p95->setText(p95Ms ? QStringLiteral("P95 (5 min): %1 ms").arg(qRound64(*p95Ms))
                         : QStringLiteral("P95 (5 min): –"));
}

void HealthTile::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    elideError();
}

void HealthTile::elideError()
{
    const int width = qMax(20, contentsRect().width() - 20);
    m_error->setText(m_error->fontMetrics().elidedText(m_errorText, Qt::ElideRight, width));
}

} // namespace golive
