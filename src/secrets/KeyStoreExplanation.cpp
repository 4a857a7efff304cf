// The words KeyStore shows people, kept apart from its mechanics.
#include "src/secrets/KeyStore.h"

namespace golive {

QString KeyStore::explanation() const
{
    switch (m_state) {
    case KeyState::NoKey:
        return QStringLiteral(
                   "No API key is set for profile \u201c%1\u201d. Enter one to keep it in "
                   "the system keychain, or set CO_API_KEY in the environment.")
            .arg(m_profileName);
    case KeyState::InKeychain:
        return QStringLiteral("The API key for profile \u201c%1\u201d is stored in the system "
                              "keychain.")
            .arg(m_profileName);
    case KeyState::FromEnvironment:
        return QStringLiteral("The API key comes from the CO_API_KEY environment variable. It is "
                              "used read-only and never written to the keychain; unset CO_API_KEY "
                              "to manage the key here.");
    case KeyState::SessionOnly:
        return QStringLiteral("The API key is kept in memory for this session only and will be "
                              "gone when golive exits, because %1.")
            .arg(m_diagnosis.reason);
    case KeyState::KeychainUnavailable:
        return QStringLiteral("No system keychain is available: %1. You can still enter a key; it "
                              "will be kept for this session only.")
            .arg(m_diagnosis.reason);
    case KeyState::Error:
        return QStringLiteral("The system keychain could not be used: %1.").arg(m_diagnosis.reason);
    }
    return {};
}

QString KeyStore::describeOperation(Operation operation)
{
    switch (operation) {
    case Operation::None:
        break;
    case Operation::Load:
        return QStringLiteral("loading the API key");
    case Operation::Store:
        return QStringLiteral("storing the API key");
    case Operation::Remove:
        return QStringLiteral("removing the API key");
    case Operation::Verify:
        return QStringLiteral("checking the new API key");
    case Operation::Replace:
        return QStringLiteral("replacing the API key");
    }
    return {};
}

} // namespace golive
