#pragma once

#include "src/cohere/KeyVerification.h"
#include "src/cohere/ModelCatalogue.h"
#include "src/common/Error.h"

#include <QDialog>
#include <QPointer>

class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace golive {

class Checklist;
class CohereKeyVerifier;
class KeyStore;
class ModelCheck;

// The Cohere API key of the profile: its state in plain words, the key masked, and set / replace
// (both verified by Cohere first) / delete / verify now. A first key Cohere could not be asked
// about is stored only when the captain says so, with the reason shown. Where the production
// service keeps its key is not this laptop's keychain: the dialog ticks no checklist item.
// Non-modal and never blocking: every operation is asynchronous, the buttons are disabled while
// one runs, it can be cancelled, and its outcome is shown in the dialog. A key typed here is
// cleared from the field as soon as it has been handed on; no label ever shows more than the
// masked key.
class KeyDialog : public QDialog {
    Q_OBJECT
public:
    // `checklist` may be null (no release open); the store, verifier and model check must outlive
    // the dialog. Closing the dialog does not stop a running store operation.
    KeyDialog(KeyStore &store, CohereKeyVerifier &verifier, ModelCheck &models,
              Checklist *checklist, QWidget *parent = nullptr);

    bool isBusy() const;

    // What the buttons do.
    void setKey();
    void replaceKey();
    void askToDeleteKey();
    void deleteKey();
    void verifyNow();
    // Stores the first key Cohere could not be asked about, after the captain chose to.
    void storeUnverified();
    void discardUnverified();
    void cancelOperation();

Q_SIGNALS:
    // The operation started from this dialog has reported (successfully or not).
    void operationFinished();

protected:
    // A key typed but never used does not stay in the field of a hidden dialog.
    void hideEvent(QHideEvent *event) override;

private:
    enum class Operation { None, CheckFirst, Set, Replace, Delete, Verify, Models };

    void buildLayout();
    void connectSources();
    void refresh();
    void growToFit();
    QString takeEnteredKey();
    // The entered key, validated, with the field cleared; nullopt (and the reason shown) if
    // invalid.
    std::optional<QString> takeValidKey();
    void begin(Operation operation, const QString &progressText);
    void end();
    void showSuccess(const QString &text);
    void showError(const QString &text);
    void onStoreFailed(const golive::Error &error);
    void onChecked(const Result<KeyVerification> &verification);
    void onFirstKeyChecked(QString key, const Result<KeyVerification> &verification);
    void onModelsChecked(const QList<golive::ModelWarning> &warnings);
    void onModelsFailed(const golive::Error &error);

    KeyStore &m_store;
    CohereKeyVerifier &m_verifier;
    ModelCheck &m_models;
    QPointer<Checklist> m_checklist;
    Operation m_operation = Operation::None;

    QLabel *m_headline;
    QLabel *m_explanation;
    QLabel *m_sessionNotice;
    QLabel *m_maskedKey;
    QLabel *m_keyKind;
    QLineEdit *m_newKey;
    QPushButton *m_setButton;
    QPushButton *m_replaceButton;
    QPushButton *m_deleteButton;
    QPushButton *m_verifyButton;
    QFrame *m_deleteConfirmation;
    QPushButton *m_confirmDeleteButton;
    QPushButton *m_keepKeyButton;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_cancelButton;
    QLabel *m_result;
    QLabel *m_error;
    QLabel *m_verification;
    QLabel *m_modelWarnings;
    QFrame *m_unverifiedOffer;
    QLabel *m_unverifiedReason;
    QPushButton *m_storeUnverifiedButton;
    QPushButton *m_discardUnverifiedButton;
    QString m_unverifiedKey; // a first key waiting for the captain's decision; wiped when dropped
    QString m_unverifiedWhy; // why Cohere could not be asked about it
};

} // namespace golive
