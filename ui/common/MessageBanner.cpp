#include "ui/common/MessageBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace golive {

MessageBanner::MessageBanner(QWidget *parent) : QFrame(parent), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    tinted.setColor(QPalette::WindowText, QColor(0x3d, 0x2f, 0x00));
    setPalette(tinted);

    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(tr("Dismiss"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 4, 4);
    row->addWidget(m_text, 1);
    row->addWidget(close);
    hide();
}

void MessageBanner::showWarning(const QString &message)
{
    // Several warnings in a row (say, two recovered files) are all kept, newest last.
    const QString previous = isVisible() ? m_text->text() + QLatin1Char('\n') : QString();
    m_text->setText(previous + message);
    show();
}

QString MessageBanner::text() const
{
    return m_text->text();
}

} // namespace golive
