#include "src/secrets/KeychainDiagnosis.h"

#include <qt6keychain/keychain.h>

#include <gtest/gtest.h>

using namespace golive;
using namespace std::chrono_literals;

// The messages below are the ones QtKeychain 0.13.2 (libsecret backend) really produces on
// Debian 12 in each situation.

TEST(KeychainDiagnosis, TreatsAMissingEntryAsNoKeyRatherThanAnError)
{
    const auto d =
        diagnoseKeychainError(QKeychain::EntryNotFound, QStringLiteral("Entry not found"));
    EXPECT_EQ(d.problem, KeychainProblem::EntryNotFound);
    EXPECT_FALSE(d.keychainUnavailable());
}

TEST(KeychainDiagnosis, ExplainsAMissingSessionBusAsNoDBus)
{
    for (const char *message : {"Cannot autolaunch D-Bus without X11 $DISPLAY",
                                "Could not connect: No such file or directory",
                                "Failed to execute child process \u201cdbus-launch\u201d (No such "
                                "file or directory)"}) {
        const auto d = diagnoseKeychainError(QKeychain::OtherError, QString::fromUtf8(message));
        EXPECT_EQ(d.problem, KeychainProblem::NoSessionBus) << message;
        EXPECT_TRUE(d.keychainUnavailable());
        EXPECT_EQ(d.errorKind(), QStringLiteral("keychain-unavailable"));
        EXPECT_TRUE(d.reason.contains(QLatin1String("D-Bus"))) << d.reason.toStdString();
    }
}

TEST(KeychainDiagnosis, ExplainsABusWithoutAKeychainService)
{
    const auto d = diagnoseKeychainError(
        QKeychain::OtherError,
        QStringLiteral("GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name "
                       "org.freedesktop.secrets was not provided by any .service files"));
    EXPECT_EQ(d.problem, KeychainProblem::NoSecretService);
    EXPECT_TRUE(d.keychainUnavailable());
    EXPECT_TRUE(d.reason.contains(QLatin1String("GNOME Keyring"))) << d.reason.toStdString();
}

TEST(KeychainDiagnosis, TreatsNoBackendAvailableAsUnavailable)
{
    EXPECT_EQ(
        diagnoseKeychainError(QKeychain::NoBackendAvailable, QStringLiteral("No keyring daemon"))
            .problem,
        KeychainProblem::NoSecretService);
    EXPECT_EQ(
        diagnoseKeychainError(QKeychain::NoBackendAvailable, QStringLiteral("D-Bus is not running"))
            .problem,
        KeychainProblem::NoSessionBus);
    EXPECT_TRUE(diagnoseKeychainError(QKeychain::NotImplemented, {}).keychainUnavailable());
}

TEST(KeychainDiagnosis, ExplainsALockedKeyringAndHowToFixIt)
{
    const auto d = diagnoseKeychainError(
        QKeychain::AccessDenied, QStringLiteral("Cannot create an item in a locked collection"));
    EXPECT_EQ(d.problem, KeychainProblem::Locked);
    EXPECT_FALSE(d.keychainUnavailable());
    EXPECT_EQ(d.errorKind(), QStringLiteral("keychain-locked"));
    EXPECT_TRUE(d.reason.contains(QLatin1String("locked")));
    EXPECT_TRUE(d.reason.contains(QLatin1String("unlock")));
}

TEST(KeychainDiagnosis, ExplainsADismissedPrompt)
{
    const auto d = diagnoseKeychainError(QKeychain::AccessDeniedByUser, {});
    EXPECT_EQ(d.problem, KeychainProblem::DeniedByUser);
    EXPECT_EQ(d.errorKind(), QStringLiteral("keychain-denied"));
    EXPECT_TRUE(d.reason.contains(QLatin1String("denied")));
}

TEST(KeychainDiagnosis, KeepsTheKeychainsOwnMessageForAnythingElse)
{
    const auto d = diagnoseKeychainError(
        QKeychain::OtherError,
        QStringLiteral("Object does not exist at path \u201c/org/freedesktop/secrets/collection/"
                       "login\u201d"));
    EXPECT_EQ(d.problem, KeychainProblem::Other);
    EXPECT_EQ(d.errorKind(), QStringLiteral("keychain-error"));
    EXPECT_TRUE(d.reason.contains(QLatin1String("/org/freedesktop/secrets/collection/login")));
}

TEST(KeychainDiagnosis, SaysHowLongTheKeychainWasGivenWhenItDidNotAnswer)
{
    const auto d = diagnoseKeychainTimeout(5s);
    EXPECT_EQ(d.problem, KeychainProblem::TimedOut);
    EXPECT_TRUE(d.keychainUnavailable());
    EXPECT_EQ(d.errorKind(), QStringLiteral("keychain-timeout"));
    EXPECT_TRUE(d.reason.contains(QLatin1String("did not answer within 5 s")))
        << d.reason.toStdString();
}

TEST(KeychainDiagnosis, WritesDurationsTheWayPeopleReadThem)
{
    EXPECT_EQ(describeDuration(5000ms), QStringLiteral("5 s"));
    EXPECT_EQ(describeDuration(1500ms), QStringLiteral("1.5 s"));
    EXPECT_EQ(describeDuration(1250ms), QStringLiteral("1.25 s"));
    EXPECT_EQ(describeDuration(300ms), QStringLiteral("300 ms"));
}
