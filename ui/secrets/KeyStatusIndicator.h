#pragma once

#include <QPointer>
#include <QToolButton>

namespace golive {

class Checklist;
class CohereKeyVerifier;
class KeyDialog;
class KeyStore;
class ModelCheck;

// The key's state in the status bar ("Key: in keychain (abcd…wxyz)", "Key: this session only",
// "Key: none — set one", "Key: from CO_API_KEY") with a coloured dot; a click opens the key
// dialog (one at a time; a second click raises it). Shows only the masked key.
class KeyStatusIndicator : public QToolButton {
    Q_OBJECT
public:
    // Everything must outlive the indicator; `checklist` may be null.
    KeyStatusIndicator(KeyStore &store, CohereKeyVerifier &verifier, ModelCheck &models,
                       Checklist *checklist, QWidget *parent = nullptr);

    // For a release opened later: the dialog ticks items of this checklist.
    void setChecklist(Checklist *checklist);

    // Opens the dialog (or raises the open one) and returns it.
    KeyDialog *openDialog();
    KeyDialog *dialog() const;

private:
    void refresh();

    KeyStore &m_store;
    CohereKeyVerifier &m_verifier;
    ModelCheck &m_models;
    QPointer<Checklist> m_checklist;
    QPointer<KeyDialog> m_dialog;
};

} // namespace golive
