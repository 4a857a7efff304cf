// KeyDialog's "Verify now": what Cohere says about the key in use and the models it may use.
#include "ui/secrets/KeyDialog.h"

#include "src/cohere/CohereKeyVerifier.h"
#include "src/cohere/ModelCheck.h"
#include "src/secrets/KeyStore.h"

#include <QLabel>

namespace golive {

void KeyDialog::verifyNow()
{
    if (isBusy() || !m_store.hasKey())
        return;
    m_verification->clear();
    m_modelWarnings->clear();
    begin(Operation::Verify, tr("Asking Cohere whether the key is valid\u2026"));
    QPointer<KeyDialog> self(this);
    m_verifier.check(m_store.key(), [self](const Result<KeyVerification> &verification) {
        if (self)
            self->onChecked(verification);
    });
}

void KeyDialog::onChecked(const Result<KeyVerification> &verification)
{
    if (m_operation != Operation::Verify)
        return;
    if (!verification) {
        m_verification->setText(tr("Not verified."));
        showError(CohereKeyVerifier::verdict(verification)->message);
        end();
        return;
    }
    const KeyVerification &answer = verification.value();
    m_keyKind->setText(
        tr("Trial or production: %1. %2").arg(keyKindName(answer.kind), answer.explanation));
    if (!answer.valid) {
        m_verification->setText(tr("Cohere did not accept this key."));
        showError(answer.explanation);
        end();
        return;
    }
    QString text = tr("Cohere accepted this key.");
    if (answer.organizationId)
        text += tr(" Organization id: %1.").arg(*answer.organizationId);
    m_verification->setText(text);
    m_operation = Operation::Models;
    m_progressText->setText(tr("Reading the models this key may use\u2026"));
    m_models.start();
    refresh();
}

void KeyDialog::onModelsChecked(const QList<ModelWarning> &warnings)
{
    if (m_operation != Operation::Models)
        return;
    if (warnings.isEmpty()) {
        m_modelWarnings->setText(
            tr("The configured chat, embed and rerank models are all available to this key."));
    } else {
        QStringList lines;
        for (const ModelWarning &warning : warnings)
            lines << QStringLiteral("\u2022 ") + warning.message;
        m_modelWarnings->setText(lines.join(QLatin1Char('\n')));
    }
    end();
}

void KeyDialog::onModelsFailed(const Error &error)
{
    if (m_operation != Operation::Models)
        return;
    m_modelWarnings->setText(tr("The configured models could not be checked."));
    showError(error.message);
    end();
}

} // namespace golive
