#include "ui/secrets/KeyDialog.h"

#include "src/checklist/Checklist.h"
#include "src/cohere/CohereKeyVerifier.h"
#include "src/cohere/ModelCheck.h"
#include "src/evidence/KeyEvidence.h"
#include "src/secrets/ApiKey.h"
#include "src/secrets/KeyStore.h"
#include "ui/secrets/KeyStatePresentation.h"

#include <QFrame>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace golive {

namespace {

const QString &environmentLockedTip()
{
    static const QString tip = QStringLiteral(
        "The key comes from the CO_API_KEY environment variable, which always wins. Unset "
        "CO_API_KEY and restart golive to set, replace or delete the key here.");
    return tip;
}

QString notVerifiedText()
{
    return QStringLiteral("Trial or production: not known. Cohere's API does not say whether a "
                          "key is a trial key; \u201cVerify now\u201d shows what Cohere does "
                          "reveal.");
}

} // namespace

KeyDialog::KeyDialog(KeyStore &store, CohereKeyVerifier &verifier, ModelCheck &models,
                     Checklist *checklist, QWidget *parent)
    : QDialog(parent), m_store(store), m_verifier(verifier), m_models(models),
      m_checklist(checklist)
{
    setWindowTitle(tr("Cohere API key \u2014 profile %1").arg(store.profileName()));
    buildLayout();
    m_keyKind->setText(notVerifiedText());
    connectSources();
    refresh();
}

void KeyDialog::hideEvent(QHideEvent *event)
{
    m_newKey->clear();
    QDialog::hideEvent(event);
}

bool KeyDialog::isBusy() const
{
    return m_operation != Operation::None || m_store.isBusy();
}

void KeyDialog::connectSources()
{
    connect(m_setButton, &QPushButton::clicked, this, &KeyDialog::setKey);
    connect(m_replaceButton, &QPushButton::clicked, this, &KeyDialog::replaceKey);
    connect(m_deleteButton, &QPushButton::clicked, this, &KeyDialog::askToDeleteKey);
    connect(m_confirmDeleteButton, &QPushButton::clicked, this, &KeyDialog::deleteKey);
    connect(m_keepKeyButton, &QPushButton::clicked, this, [this] {
        m_deleteConfirmation->hide();
        refresh();
    });
    connect(m_verifyButton, &QPushButton::clicked, this, &KeyDialog::verifyNow);
    connect(m_tickButton, &QPushButton::clicked, this, &KeyDialog::tickSecretManagerItem);
    connect(m_cancelButton, &QPushButton::clicked, this, &KeyDialog::cancelOperation);
    connect(m_newKey, &QLineEdit::textChanged, this, &KeyDialog::refresh);
    connect(m_newKey, &QLineEdit::returnPressed, this, [this] {
        if (m_store.hasKey())
            replaceKey();
        else
            setKey();
    });

    connect(&m_store, &KeyStore::stateChanged, this, &KeyDialog::refresh);
    connect(&m_store, &KeyStore::keyLoaded, this, &KeyDialog::refresh);
    connect(&m_store, &KeyStore::keyStored, this, [this] {
        if (m_operation == Operation::Set)
            showSuccess(tr("The key is stored in the system keychain."));
        end();
    });
    connect(&m_store, &KeyStore::keyReplaced, this, [this] {
        if (m_operation == Operation::Replace) {
            showSuccess(tr("Cohere accepted the new key, and it replaced the old one in the "
                           "system keychain."));
            m_keyKind->setText(notVerifiedText());
        }
        end();
    });
    connect(&m_store, &KeyStore::keyRemoved, this, [this] {
        if (m_operation == Operation::Delete) {
            showSuccess(tr("The key was deleted from the keychain and from memory."));
            m_keyKind->setText(notVerifiedText());
        }
        end();
    });
    connect(&m_store, &KeyStore::failed, this, &KeyDialog::onStoreFailed);
    connect(&m_models, &ModelCheck::checked, this, &KeyDialog::onModelsChecked);
    connect(&m_models, &ModelCheck::failed, this, &KeyDialog::onModelsFailed);
    if (m_checklist) {
        connect(m_checklist, &Checklist::itemStateChanged, this, &KeyDialog::refresh);
        connect(m_checklist, &Checklist::documentChanged, this, &KeyDialog::refresh);
    }
}

void KeyDialog::refresh()
{
    const KeyStore::KeyState state = m_store.state();
    const bool busy = isBusy();
    const bool fromEnvironment = state == KeyStore::KeyState::FromEnvironment;
    const bool hasKey = m_store.hasKey();

    m_headline->setText(KeyStatePresentation::headline(state));
    m_explanation->setText(m_store.explanation());
    const bool sessionOnly = state == KeyStore::KeyState::SessionOnly ||
                             state == KeyStore::KeyState::KeychainUnavailable;
    m_sessionNotice->setText(tr("A key entered now is kept for this session only: golive never "
                                "writes it to disk, so it is gone when golive exits."));
    m_sessionNotice->setVisible(sessionOnly);
    m_maskedKey->setText(hasKey ? tr("Key: %1").arg(m_store.maskedKey()) : tr("Key: none"));

    const QString lockedTip = fromEnvironment ? environmentLockedTip() : QString();
    const bool entered = !m_newKey->text().isEmpty();
    m_newKey->setEnabled(!fromEnvironment && !busy);
    m_newKey->setToolTip(lockedTip);
    m_setButton->setVisible(!hasKey);
    m_setButton->setEnabled(!fromEnvironment && !busy && entered);
    m_setButton->setToolTip(lockedTip);
    m_replaceButton->setVisible(hasKey);
    m_replaceButton->setEnabled(!fromEnvironment && !busy && entered);
    m_replaceButton->setToolTip(lockedTip);
    m_deleteButton->setEnabled(!fromEnvironment && !busy && hasKey);
    m_deleteButton->setToolTip(lockedTip);
    m_confirmDeleteButton->setEnabled(!busy);
    m_verifyButton->setEnabled(!busy && hasKey);
    m_verifyButton->setToolTip(hasKey ? QString() : tr("There is no key to verify."));

    m_progress->setVisible(busy);
    m_progressText->setVisible(busy);
    m_cancelButton->setVisible(busy);
    if (busy && m_operation == Operation::None)
        m_progressText->setText(tr("The key store is busy\u2026"));
    m_result->setVisible(!m_result->text().isEmpty());
    m_error->setVisible(!m_error->text().isEmpty());
    m_verification->setVisible(!m_verification->text().isEmpty());
    m_modelWarnings->setVisible(!m_modelWarnings->text().isEmpty());
    refreshEvidence(busy);
    // After the labels' layout requests have been handled, when their new heights are known.
    QTimer::singleShot(0, this, &KeyDialog::growToFit);
}

void KeyDialog::growToFit()
{
    // Wrapped labels get taller as their text grows; a window does not follow by itself.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void KeyDialog::refreshEvidence(bool busy)
{
    if (!m_checklist) {
        m_evidence->setText(tr("Open a release to tick its checklist items."));
        m_tickButton->setEnabled(false);
        return;
    }
    const Result<KeyEvidence> evidence =
        KeyEvidence::forState(m_store.state(), m_checklist->document());
    if (!evidence) {
        m_evidence->setText(evidence.error().message);
        m_tickButton->setEnabled(false);
        return;
    }
    const ItemState item = m_checklist->state().value(evidence.value().itemId);
    if (item.checked) {
        m_evidence->setText(tr("The secret-manager item (%1) is ticked%2.")
                                .arg(evidence.value().itemId,
                                     item.evidence.isEmpty()
                                         ? QString()
                                         : tr(" with evidence \u201c%1\u201d").arg(item.evidence)));
        m_tickButton->setEnabled(false);
        return;
    }
    m_evidence->setText(tr("The key is in the system keychain, so the checklist item %1 can be "
                           "ticked with the evidence \u201c%2\u201d.")
                            .arg(evidence.value().itemId, evidence.value().evidence));
    m_tickButton->setEnabled(!busy);
}

QString KeyDialog::takeEnteredKey()
{
    QString key = m_newKey->text();
    // Cleared first, so the field no longer holds the key whatever happens next.
    m_newKey->clear();
    return key;
}

void KeyDialog::begin(Operation operation, const QString &progressText)
{
    m_operation = operation;
    m_result->clear();
    m_error->clear();
    m_deleteConfirmation->hide();
    m_progressText->setText(progressText);
    refresh();
}

void KeyDialog::end()
{
    const bool wasOurs = m_operation != Operation::None;
    m_operation = Operation::None;
    refresh();
    if (wasOurs)
        Q_EMIT operationFinished();
}

void KeyDialog::showSuccess(const QString &text)
{
    m_error->clear();
    m_result->setText(text);
}

void KeyDialog::showError(const QString &text)
{
    m_result->clear();
    m_error->setText(text);
}

std::optional<QString> KeyDialog::takeValidKey()
{
    QString entered = takeEnteredKey();
    const Result<QString> normalised = normaliseApiKey(entered);
    wipeSecret(entered);
    if (!normalised) {
        showError(normalised.error().message);
        refresh();
        return std::nullopt;
    }
    return normalised.value();
}

void KeyDialog::setKey()
{
    if (isBusy())
        return;
    const std::optional<QString> key = takeValidKey();
    if (!key)
        return;
    begin(Operation::Set, tr("Storing the key in the system keychain\u2026"));
    m_store.store(*key);
}

void KeyDialog::replaceKey()
{
    if (isBusy())
        return;
    const std::optional<QString> key = takeValidKey();
    if (!key)
        return;
    begin(Operation::Replace, tr("Checking the new key with Cohere; the current key stays in use "
                                 "until Cohere accepts it\u2026"));
    m_store.replace(*key, m_verifier);
}

void KeyDialog::askToDeleteKey()
{
    if (isBusy())
        return;
    m_deleteConfirmation->show();
    m_confirmDeleteButton->setFocus();
}

void KeyDialog::deleteKey()
{
    if (isBusy())
        return;
    begin(Operation::Delete, tr("Deleting the key\u2026"));
    m_store.remove();
}

void KeyDialog::tickSecretManagerItem()
{
    if (!m_checklist)
        return;
    const Result<KeyEvidence> evidence =
        KeyEvidence::forState(m_store.state(), m_checklist->document());
    if (!evidence) {
        showError(evidence.error().message);
        refresh();
        return;
    }
    if (m_checklist->tick(evidence.value().itemId, evidence.value().evidence))
        showSuccess(tr("Ticked %1 with the evidence \u201c%2\u201d.")
                        .arg(evidence.value().itemId, evidence.value().evidence));
    refresh();
}

void KeyDialog::cancelOperation()
{
    switch (m_operation) {
    case Operation::Verify:
        m_verifier.cancel();
        break;
    case Operation::Models:
        m_models.cancel();
        break;
    case Operation::None:
    case Operation::Set:
    case Operation::Replace:
    case Operation::Delete:
        m_store.cancel();
        break;
    }
}

void KeyDialog::onStoreFailed(const Error &error)
{
    showError(error.message);
    if (m_operation == Operation::Set || m_operation == Operation::Replace ||
        m_operation == Operation::Delete)
        end();
    else
        refresh();
}

} // namespace golive
