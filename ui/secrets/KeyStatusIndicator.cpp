#include "ui/secrets/KeyStatusIndicator.h"

#include "src/checklist/Checklist.h"
#include "src/secrets/KeyStore.h"
#include "ui/secrets/KeyDialog.h"
#include "ui/secrets/KeyStatePresentation.h"

namespace golive {

KeyStatusIndicator::KeyStatusIndicator(KeyStore &store, CohereKeyVerifier &verifier,
                                       ModelCheck &models, Checklist *checklist, QWidget *parent)
    : QToolButton(parent), m_store(store), m_verifier(verifier), m_models(models),
      m_checklist(checklist)
{
    setObjectName(QStringLiteral("keyStatusIndicator"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setCursor(Qt::PointingHandCursor);
    connect(this, &QToolButton::clicked, this, &KeyStatusIndicator::openDialog);
    // Every report may change the key or the state; the busy flag has no signal of its own.
    connect(&m_store, &KeyStore::stateChanged, this, &KeyStatusIndicator::refresh);
    connect(&m_store, &KeyStore::keyLoaded, this, &KeyStatusIndicator::refresh);
    connect(&m_store, &KeyStore::keyStored, this, &KeyStatusIndicator::refresh);
    connect(&m_store, &KeyStore::keyReplaced, this, &KeyStatusIndicator::refresh);
    connect(&m_store, &KeyStore::keyRemoved, this, &KeyStatusIndicator::refresh);
    connect(&m_store, &KeyStore::failed, this, &KeyStatusIndicator::refresh);
    refresh();
}

void KeyStatusIndicator::setChecklist(Checklist *checklist)
{
    m_checklist = checklist;
}

KeyDialog *KeyStatusIndicator::openDialog()
{
    if (!m_dialog) {
        m_dialog = new KeyDialog(m_store, m_verifier, m_models, m_checklist, window());
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

void KeyStatusIndicator::refresh()
{
    const KeyStore::KeyState state = m_store.state();
    setText(KeyStatePresentation::statusText(m_store));
    setIcon(KeyStatePresentation::icon(state));
    setToolTip(tr("%1\nClick to manage the Cohere API key.").arg(m_store.explanation()));
}

KeyDialog *KeyStatusIndicator::dialog() const
{
    return m_dialog;
}

} // namespace golive
