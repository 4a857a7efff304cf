#pragma once

#include <QString>

#include <chrono>

namespace golive {

// What went wrong with the system keychain, in terms a person can act on.
enum class KeychainProblem {
    None,            // the job succeeded
    EntryNotFound,   // nothing stored under this name: not an error, just no key yet
    NoSessionBus,    // no D-Bus session bus, so no keychain can be reached
    NoSecretService, // a bus, but no keychain service (GNOME Keyring, KWallet) on it
    NotSupported,    // this platform has no keychain QtKeychain can use
    Locked,          // the keyring is locked or access was refused
    DeniedByUser,    // someone dismissed the unlock prompt
    TimedOut,        // the keychain did not answer in time (an unlock prompt may hang forever)
    Other,           // anything else; the keychain's own message is kept
};

struct KeychainDiagnosis {
    KeychainProblem problem = KeychainProblem::None;
    // Plain words for the UI that complete a sentence like "The key is kept for this session
    // only: <reason>." Never contains the key.
    QString reason;

    bool ok() const { return problem == KeychainProblem::None; }
    // True when no keychain can be reached at all, as opposed to a keychain that answered "no".
    bool keychainUnavailable() const;
    // The Error::kind for this problem: "keychain-unavailable", "keychain-timeout",
    // "keychain-locked", "keychain-denied" or "keychain-error".
    QString errorKind() const;
};

// Maps a finished QtKeychain job's error() (the int value of QKeychain::Error) and errorString().
KeychainDiagnosis diagnoseKeychainError(int qkeychainError, const QString &keychainMessage);
KeychainDiagnosis diagnoseKeychainTimeout(std::chrono::milliseconds timeout);

// "5 s", "1.5 s", "300 ms": a timeout as the UI writes it.
QString describeDuration(std::chrono::milliseconds duration);

} // namespace golive
