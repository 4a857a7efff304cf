#include "ui/secrets/KeyDialog.h"

#include "src/checklist/Checklist.h"
#include "src/cohere/CohereKeyVerifier.h"
#include "src/cohere/ModelCheck.h"
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

#include <utility>

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
    discardUnverified();
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
    connect(m_storeUnverifiedButton, &QPushButton::clicked, this, &KeyDialog::storeUnverified);
    connect(m_discardUnverifiedButton, &QPushButton::clicked, this, [this] {
        discardUnverified();
        refresh();
    });
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
            showSuccess(m_unverifiedWhy.isEmpty()
                            ? tr("Cohere accepted the key, and it is stored in the system "
                                 "keychain.")
                            : tr("The key is stored in the system keychain UNVERIFIED, as you "
                                 "chose: %1")
                                  .arg(m_unverifiedWhy));
        m_unverifiedWhy.clear();
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
    if (entered && !m_unverifiedKey.isEmpty())
        discardUnverified(); // a new key typed: the old offer is void
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
    m_unverifiedOffer->setVisible(!m_unverifiedKey.isEmpty());
    m_storeUnverifiedButton->setEnabled(!busy && !fromEnvironment);
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
    // Checked with Cohere first, like a replacement: a wrong key is never stored.
    begin(Operation::CheckFirst,
          tr("Checking the key with Cohere (POST /v1/check-api-key) before storing it\u2026"));
    QPointer<KeyDialog> self(this);
    m_verifier.check(*key, [self, key = *key](const Result<KeyVerification> &verification) {
        if (self)
            self->onFirstKeyChecked(key, verification);
    });
}

void KeyDialog::onFirstKeyChecked(QString key, const Result<KeyVerification> &verification)
{
    if (m_operation != Operation::CheckFirst) {
        wipeSecret(key);
        return;
    }
    if (!verification) {
        // Cohere could not be asked: nothing is stored unless the captain says so.
        const Error &error = verification.error();
        if (error.kind == QLatin1String("cancelled")) {
            wipeSecret(key);
            showError(tr("Cancelled: the key was not stored."));
            end();
            return;
        }
        m_unverifiedKey = std::move(key);
        m_unverifiedWhy = tr("Cohere could not be asked about it (%1).").arg(error.message);
        m_unverifiedReason->setText(
            tr("%1 The key was not stored. Store it anyway, unverified?").arg(m_unverifiedWhy));
        showError(tr("The key could not be verified, so it was not stored: %1")
                      .arg(error.message));
        end();
        return;
    }
    const KeyVerification &answer = verification.value();
    if (!answer.valid) {
        wipeSecret(key);
        m_verification->setText(tr("Cohere did not accept this key."));
        showError(tr("Cohere did not accept this key, so it was not stored: %1")
                      .arg(CohereKeyVerifier::verdict(verification)->message));
        end();
        return;
    }
    m_verification->setText(tr("Cohere accepted this key."));
    m_keyKind->setText(
        tr("Trial or production: %1. %2").arg(keyKindName(answer.kind), answer.explanation));
    m_operation = Operation::Set;
    m_progressText->setText(tr("Cohere accepted the key; storing it in the system "
                               "keychain\u2026"));
    refresh();
    m_store.store(key);
    wipeSecret(key);
}

void KeyDialog::storeUnverified()
{
    if (isBusy() || m_unverifiedKey.isEmpty())
        return;
    QString key = std::exchange(m_unverifiedKey, QString());
    begin(Operation::Set, tr("Storing the key, unverified, in the system keychain\u2026"));
    m_store.store(key);
    wipeSecret(key);
}

void KeyDialog::discardUnverified()
{
    wipeSecret(m_unverifiedKey);
    m_unverifiedKey.clear();
    m_unverifiedWhy.clear();
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

void KeyDialog::cancelOperation()
{
    switch (m_operation) {
    case Operation::Verify:
    case Operation::CheckFirst:
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
    // A key stored unverified says so even when the keychain then could not take it.
    if (m_operation == Operation::Set && !m_unverifiedWhy.isEmpty())
        showError(tr("The key is kept UNVERIFIED, as you chose: %1 %2")
                      .arg(std::exchange(m_unverifiedWhy, QString()), error.message));
    else
        showError(error.message);
    if (m_operation == Operation::Set || m_operation == Operation::Replace ||
        m_operation == Operation::Delete)
        end();
    else
        refresh();
}

} // namespace golive
