#include "src/secrets/KeychainDiagnosis.h"

#include "src/secrets/Redactor.h"

#include <qt6keychain/keychain.h>

namespace golive {

namespace {

bool mentionsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles) {
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString quoted(const QString &keychainMessage)
{
    // Keychain messages never should carry a secret, but they end up in the UI and in logs.
    return QStringLiteral("(the keychain said: \u201c%1\u201d)")
        .arg(Redactor::redact(keychainMessage.trimmed()));
}

KeychainDiagnosis noSessionBus(const QString &message)
{
    return {
        KeychainProblem::NoSessionBus,
        QStringLiteral("there is no D-Bus session bus, so the system keychain cannot be reached "
                       "%1")
            .arg(quoted(message))};
}

KeychainDiagnosis noSecretService(const QString &message)
{
    return {KeychainProblem::NoSecretService,
            QStringLiteral("no keychain service (GNOME Keyring, KWallet or another Secret Service) "
                           "is running on the D-Bus session bus %1")
                .arg(quoted(message))};
}

} // namespace

bool KeychainDiagnosis::keychainUnavailable() const
{
    switch (problem) {
    case KeychainProblem::NoSessionBus:
    case KeychainProblem::NoSecretService:
    case KeychainProblem::NotSupported:
    case KeychainProblem::TimedOut:
        return true;
    default:
        return false;
    }
}

QString KeychainDiagnosis::errorKind() const
{
    switch (problem) {
    case KeychainProblem::None:
        return {};
    case KeychainProblem::TimedOut:
        return QStringLiteral("keychain-timeout");
    case KeychainProblem::Locked:
        return QStringLiteral("keychain-locked");
    case KeychainProblem::DeniedByUser:
        return QStringLiteral("keychain-denied");
    default:
        return keychainUnavailable() ? QStringLiteral("keychain-unavailable")
                                     : QStringLiteral("keychain-error");
    }
}

// How each QKeychain::Error (QtKeychain 0.13.2, qt6keychain/keychain.h) maps to a problem:
//
//   NoError (0)            -> None.
//   EntryNotFound (1)      -> EntryNotFound: for load() that means state NoKey, for remove() that
//                             the entry is already gone; neither is an error.
//   CouldNotDeleteEntry (2)-> Other: the keychain works but refused this one deletion.
//   AccessDeniedByUser (3) -> DeniedByUser: someone dismissed the unlock prompt; the keychain
//   exists. AccessDenied (4)       -> Locked: the libsecret backend reports a locked collection
//                             (SECRET_ERROR_IS_LOCKED, "Cannot create an item in a locked
//                             collection") as AccessDenied, KWallet a refused wallet.
//   NoBackendAvailable (5) -> NoSecretService, or NoSessionBus when the message names D-Bus: the
//                             KWallet and gnome-keyring backends use it for "no daemon".
//   NotImplemented (6)     -> NotSupported: no keychain on this platform.
//   OtherError (7)         -> decided by the message. On Linux QtKeychain 0.13.2 prefers the
//                             libsecret backend, which passes GLib's D-Bus errors through as
//                             OtherError: "Cannot autolaunch D-Bus without X11 $DISPLAY", "Could
//                             not connect: No such file or directory" (bus address points nowhere),
//                             "Failed to execute child process “dbus-launch”" -> NoSessionBus;
//                             "The name org.freedesktop.secrets was not provided by any .service
//                             files" (ServiceUnknown) -> NoSecretService; anything else -> Other
//                             with the keychain's own message.
//
// A job that does not finish within its timeout never produces a QKeychain::Error at all; that is
// diagnoseKeychainTimeout().
KeychainDiagnosis diagnoseKeychainError(int qkeychainError, const QString &keychainMessage)
{
    switch (qkeychainError) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return {KeychainProblem::EntryNotFound,
                QStringLiteral("no key is stored in the keychain under this profile")};
    case QKeychain::CouldNotDeleteEntry:
        return {KeychainProblem::Other,
                QStringLiteral("the keychain could not delete the stored key %1")
                    .arg(quoted(keychainMessage))};
    case QKeychain::AccessDeniedByUser:
        return {KeychainProblem::DeniedByUser,
                QStringLiteral("access to the keychain was denied at its unlock prompt; unlock the "
                               "keyring and try again")};
    case QKeychain::AccessDenied:
        return {KeychainProblem::Locked,
                QStringLiteral("the keyring is locked or access to it was denied; unlock it (for "
                               "example with your login password in the keyring manager) and try "
                               "again %1")
                    .arg(quoted(keychainMessage))};
    case QKeychain::NoBackendAvailable:
        if (mentionsAny(keychainMessage, {"d-bus", "dbus"}))
            return noSessionBus(keychainMessage);
        return noSecretService(keychainMessage);
    case QKeychain::NotImplemented:
        return {KeychainProblem::NotSupported,
                QStringLiteral("this system has no keychain golive can use %1")
                    .arg(quoted(keychainMessage))};
    default:
        break;
    }
    // Checked before the bus patterns: a missing service arrives as a D-Bus error message.
    if (mentionsAny(keychainMessage, {"org.freedesktop.secrets", "ServiceUnknown"}))
        return noSecretService(keychainMessage);
    if (mentionsAny(keychainMessage,
                    {"d-bus", "dbus", "autolaunch", "could not connect", "$DISPLAY"}))
        return noSessionBus(keychainMessage);
    return {KeychainProblem::Other,
            QStringLiteral("the keychain reported an error %1").arg(quoted(keychainMessage))};
}

KeychainDiagnosis diagnoseKeychainTimeout(std::chrono::milliseconds timeout)
{
    return {KeychainProblem::TimedOut,
            QStringLiteral("the keychain did not answer within %1 (an unlock prompt may be "
                           "waiting somewhere, or the keychain service is stuck)")
                .arg(describeDuration(timeout))};
}

QString describeDuration(std::chrono::milliseconds duration)
{
    const auto ms = duration.count();
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms / 1000);
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms % 100 == 0 ? 1 : 2);
}

} // namespace golive
