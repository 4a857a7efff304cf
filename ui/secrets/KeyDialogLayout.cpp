// The widgets of KeyDialog and where they sit, kept apart from what the dialog does.
#include "ui/secrets/KeyDialog.h"

#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace golive {

namespace {

QLabel *wrappingLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setObjectName(objectName);
    result->setAutoDefault(false);
    return result;
}

} // namespace

void KeyDialog::buildLayout()
{
    setObjectName(QStringLiteral("keyDialog"));
    setMinimumWidth(560);

    m_headline = wrappingLabel(QStringLiteral("stateHeadline"), this);
    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.15);
    m_headline->setFont(headlineFont);
    m_explanation = wrappingLabel(QStringLiteral("stateExplanation"), this);
    m_sessionNotice = wrappingLabel(QStringLiteral("sessionNotice"), this);
    m_sessionNotice->setStyleSheet(QStringLiteral("color: #8a4b00;"));
    m_maskedKey = wrappingLabel(QStringLiteral("maskedKey"), this);
    m_maskedKey->setTextInteractionFlags(Qt::NoTextInteraction);
    m_keyKind = wrappingLabel(QStringLiteral("keyKind"), this);

    auto *stateBox = new QGroupBox(tr("Current key"), this);
    auto *stateLayout = new QVBoxLayout(stateBox);
    stateLayout->addWidget(m_headline);
    stateLayout->addWidget(m_explanation);
    stateLayout->addWidget(m_sessionNotice);
    stateLayout->addWidget(m_maskedKey);
    stateLayout->addWidget(m_keyKind);

    m_newKey = new QLineEdit(this);
    m_newKey->setObjectName(QStringLiteral("newKeyEdit"));
    m_newKey->setEchoMode(QLineEdit::Password);
    m_newKey->setPlaceholderText(tr("Paste a Cohere API key"));
    m_newKey->setClearButtonEnabled(true);
    m_setButton = button(tr("Set key"), QStringLiteral("setKeyButton"), this);
    m_replaceButton = button(tr("Replace key"), QStringLiteral("replaceKeyButton"), this);
    m_deleteButton = button(tr("Delete key…"), QStringLiteral("deleteKeyButton"), this);
    m_verifyButton = button(tr("Verify now"), QStringLiteral("verifyButton"), this);

    auto *keyBox = new QGroupBox(tr("Set, replace or delete"), this);
    auto *keyLayout = new QVBoxLayout(keyBox);
    // Shown only when Cohere could not be asked about a first key: the captain decides.
    m_unverifiedOffer = new QFrame(keyBox);
    m_unverifiedOffer->setObjectName(QStringLiteral("unverifiedOffer"));
    m_unverifiedOffer->setFrameShape(QFrame::StyledPanel);
    auto *offerLayout = new QHBoxLayout(m_unverifiedOffer);
    m_unverifiedReason = wrappingLabel(QStringLiteral("unverifiedReason"), m_unverifiedOffer);
    m_storeUnverifiedButton = button(tr("Store unverified"), QStringLiteral("storeUnverifiedButton"),
                                     m_unverifiedOffer);
    m_discardUnverifiedButton =
        button(tr("Discard"), QStringLiteral("discardUnverifiedButton"), m_unverifiedOffer);
    offerLayout->addWidget(m_unverifiedReason, 1);
    offerLayout->addWidget(m_storeUnverifiedButton);
    offerLayout->addWidget(m_discardUnverifiedButton);
    m_unverifiedOffer->hide();

    auto *entryRow = new QHBoxLayout;
    entryRow->addWidget(m_newKey, 1);
    entryRow->addWidget(m_setButton);
    entryRow->addWidget(m_replaceButton);
    keyLayout->addLayout(entryRow);
    auto *hint = wrappingLabel(QStringLiteral("replaceHint"), keyBox);
    hint->setText(tr("Every key is checked with Cohere (POST /v1/check-api-key) before it is "
                     "stored; a replaced key stays in use until Cohere accepts the new one."));
    QFont hintFont = hint->font();
    hintFont.setPointSizeF(hintFont.pointSizeF() * 0.9);
    hint->setFont(hintFont);
    keyLayout->addWidget(hint);
    keyLayout->addWidget(m_unverifiedOffer);

    m_deleteConfirmation = new QFrame(keyBox);
    m_deleteConfirmation->setObjectName(QStringLiteral("deleteConfirmation"));
    m_deleteConfirmation->setFrameShape(QFrame::StyledPanel);
    auto *confirmLayout = new QHBoxLayout(m_deleteConfirmation);
    auto *question = wrappingLabel(QStringLiteral("deleteQuestion"), m_deleteConfirmation);
    question->setText(tr("Delete the key from the keychain and from memory? Cohere calls will "
                         "fail until a key is set again."));
    m_confirmDeleteButton =
        button(tr("Delete"), QStringLiteral("confirmDeleteButton"), m_deleteConfirmation);
    m_keepKeyButton = button(tr("Keep"), QStringLiteral("keepKeyButton"), m_deleteConfirmation);
    confirmLayout->addWidget(question, 1);
    confirmLayout->addWidget(m_confirmDeleteButton);
    confirmLayout->addWidget(m_keepKeyButton);
    m_deleteConfirmation->hide();
    keyLayout->addWidget(m_deleteConfirmation);

    m_verification = wrappingLabel(QStringLiteral("verificationResult"), this);
    m_modelWarnings = wrappingLabel(QStringLiteral("modelWarnings"), this);
    auto *checkBox = new QGroupBox(tr("What Cohere says"), this);
    auto *checkLayout = new QVBoxLayout(checkBox);
    auto *verifyRow = new QHBoxLayout;
    m_verifyButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    verifyRow->addWidget(m_verifyButton, 0, Qt::AlignTop | Qt::AlignLeft);
    verifyRow->addWidget(m_verification, 1);
    checkLayout->addLayout(verifyRow);
    checkLayout->addWidget(m_modelWarnings);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(120);
    m_progressText = wrappingLabel(QStringLiteral("progressText"), this);
    m_cancelButton = button(tr("Cancel"), QStringLiteral("cancelButton"), this);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress);
    progressRow->addWidget(m_progressText, 1);
    progressRow->addWidget(m_cancelButton);

    m_result = wrappingLabel(QStringLiteral("resultMessage"), this);
    m_result->setStyleSheet(QStringLiteral("color: #2e7d32;"));
    m_error = wrappingLabel(QStringLiteral("errorMessage"), this);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));

    auto *closeButton = button(tr("Close"), QStringLiteral("closeButton"), this);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::accept);
    auto *bottomRow = new QHBoxLayout;
    bottomRow->addWidget(m_deleteButton);
    bottomRow->addStretch(1);
    bottomRow->addWidget(closeButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(stateBox);
    layout->addWidget(keyBox);
    layout->addWidget(checkBox);
    layout->addLayout(progressRow);
    layout->addWidget(m_result);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addLayout(bottomRow);
}

} // namespace golive
