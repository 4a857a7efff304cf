#include "ui/common/GettingStartedPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace golive {

GettingStartedPanel::GettingStartedPanel(QWidget *parent) : QFrame(parent), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("gettingStarted"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#gettingStarted { background: #e8f0fe; border: 1px solid #9ab; "
                                 "border-radius: 4px; } #gettingStarted QLabel { color: #123; }"));
    m_text->setObjectName(QStringLiteral("gettingStartedText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // No mnemonics here: every Alt+letter in the window already has its one owner.
    auto *setKey = new QPushButton(tr("Set the API key (Ctrl+K)"), this);
    setKey->setObjectName(QStringLiteral("gettingStartedSetKey"));
    connect(setKey, &QPushButton::clicked, this, &GettingStartedPanel::keyRequested);
    auto *dismiss = new QPushButton(tr("Dismiss"), this);
    dismiss->setObjectName(QStringLiteral("gettingStartedDismiss"));
    dismiss->setToolTip(tr("Help › Getting started shows this again"));
    connect(dismiss, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT dismissed();
    });

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(setKey);
    buttons->addWidget(dismiss);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    refresh();
}

void GettingStartedPanel::setProfilePath(const QString &path)
{
    m_profilePath = path;
    refresh();
}

QString GettingStartedPanel::text() const
{
    return m_text->text();
}

void GettingStartedPanel::refresh()
{
    const QString profile =
        m_profilePath.isEmpty()
            ? tr("none, so golive runs on the seed defaults (api.cohere.com and example health "
                 "URLs)")
            : m_profilePath.toHtmlEscaped();
    m_text->setText(
        tr("<b>Getting started</b><ol style='margin-top:2px'>"
           "<li><b>Set the Cohere API key</b>: <i>Console › Cohere API key…</i> (<b>Ctrl+K</b>). "
           "Cohere checks it before it is stored in the OS keychain; CO_API_KEY in the "
           "environment wins over it.</li>"
           "<li><b>Load your team's profile</b> (endpoints, models, thresholds, kubectl): golive "
           "reads it only from <code>--profile FILE</code>, e.g. <code>golive --profile "
           "golive.json</code>; <code>golive profile init</code> prints a complete one. "
           "Profile now: %1.</li>"
           "<li><b>The tabs</b>: <i>Checklist</i> ticks the go-live items (Space; Ctrl+F "
           "search, Ctrl+E note); <i>Health</i> shows the live probes and alerts; <i>Latency</i> "
           "charts P50/P95 against the gates; <i>Rollout</i> runs the canary and the rollback; "
           "<i>Timeline</i> is the release record.</li></ol>"
           "Every key: <i>Help › Keyboard shortcuts</i>.")
            .arg(profile));
}

} // namespace golive
