#include "src/evidence/KeyEvidence.h"

#include "src/checklist/ChecklistDocument.h"

namespace golive {

namespace {

Error noEvidence(const QString &why)
{
    return Error{QStringLiteral("no-evidence"), why};
}

} // namespace

QString KeyEvidence::secretManagerItemId()
{
    return QStringLiteral("key-in-secret-manager");
}

QString KeyEvidence::keychainEvidence()
{
    return QStringLiteral("key in OS keychain");
}

Result<QString> KeyEvidence::findSecretManagerItem(const ChecklistDocument &document)
{
    if (document.findItem(secretManagerItemId()))
        return secretManagerItemId();
    const auto items = document.allItems();
    for (const ChecklistItem *item : items) {
        if (item->text.contains(QLatin1String("CO_API_KEY")) &&
            item->text.contains(QLatin1String("secret manager"), Qt::CaseInsensitive))
            return item->id;
    }
    return Error{QStringLiteral("no-such-item"),
                 QStringLiteral("This release's checklist has no item about storing CO_API_KEY "
                                "in a secret manager, so there is nothing to tick.")};
}

Result<KeyEvidence> KeyEvidence::forState(KeyStore::KeyState state,
                                          const ChecklistDocument &document)
{
    switch (state) {
    case KeyStore::KeyState::InKeychain:
        break;
    case KeyStore::KeyState::FromEnvironment:
        return noEvidence(QStringLiteral(
            "Key from CO_API_KEY in the environment — golive cannot tell where it is stored, "
            "so it offers no evidence for the secret-manager item."));
    case KeyStore::KeyState::SessionOnly:
        return noEvidence(QStringLiteral(
            "The key is kept for this session only and is stored nowhere, so it is no evidence "
            "that the key is in a secret manager."));
    case KeyStore::KeyState::NoKey:
    case KeyStore::KeyState::KeychainUnavailable:
    case KeyStore::KeyState::Error:
        return noEvidence(QStringLiteral(
            "There is no key in the system keychain, so there is no evidence to record."));
    }
    const Result<QString> item = findSecretManagerItem(document);
    if (!item)
        return item.error();
    return KeyEvidence{item.value(), keychainEvidence()};
}

} // namespace golive
