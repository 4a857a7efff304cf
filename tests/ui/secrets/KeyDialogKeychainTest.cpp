// The key dialog over a real Secret Service. Needs a session bus with an unlocked keyring (see
// tests/unit/secrets/KeyStoreKeychainTest.cpp for the recipe); skips itself without one.
#include "KeyDialogFixture.h"

#include "ui/secrets/KeyStatusIndicator.h"

using namespace golive;
using namespace golive::test;

namespace {

class KeyDialogInKeychain : public KeyDialogTest {
protected:
    void SetUp() override
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            GTEST_SKIP() << "No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset); run inside "
                            "dbus-run-session with an unlocked gnome-keyring.";
        qunsetenv("CO_API_KEY");
        KeyDialogTest::SetUp();
    }

    void TearDown() override
    {
        KeyDialogTest::TearDown();
        if (!store)
            return;
        // Leave no test key behind in the keyring, whatever the test did.
        KeyStore cleaner(store->profileName());
        KeyStoreSpies cleanerSpies(cleaner);
        cleaner.remove();
        EXPECT_TRUE(cleanerSpies.waitForReports(1));
    }

    // A key stored in the keychain, the dialog open on it.
    void openWithKeychainKey(const QString &key)
    {
        store->store(key);
        ASSERT_TRUE(spies->waitForReports(1));
        ASSERT_EQ(spies->stored.size(), 1) << spies->lastError().message.toStdString();
        ASSERT_EQ(store->state(), KeyStore::KeyState::InKeychain);
        openDialog();
    }
};

TEST_F(KeyDialogInKeychain, AKeyInTheKeychainIsShownMaskedAndTicksNoChecklistItem)
{
    const QString key = freshKey();
    startServices(key);
    openWithKeychainKey(key);
    EXPECT_EQ(labelText("stateHeadline"), QStringLiteral("Stored in the system keychain"));
    EXPECT_EQ(labelText("stateExplanation"), store->explanation());
    EXPECT_FALSE(find<QLabel>("sessionNotice")->isVisible());
    EXPECT_EQ(labelText("maskedKey"), QStringLiteral("Key: %1").arg(store->maskedKey()));
    EXPECT_TRUE(button("replaceKeyButton")->isVisible());
    EXPECT_TRUE(button("deleteKeyButton")->isEnabled());
    saveScreenshot(QStringLiteral("keydialog-in-keychain.png"));
    // The secret-manager item is about the production service's CO_API_KEY, not this laptop's
    // keychain: the dialog offers no tick for it.
    EXPECT_EQ(dialog->findChild<QPushButton *>(QStringLiteral("tickEvidenceButton")), nullptr);
    for (const QString &text : allVisibleTexts())
        EXPECT_FALSE(text.contains(QLatin1String("secret-manager"))) << text.toStdString();
    EXPECT_FALSE(checklist->state().value(QStringLiteral("key-in-secret-manager")).checked);
    expectKeyShownNowhere(key);
}

TEST_F(KeyDialogInKeychain, AVerifiedReplacementTakesTheOldKeysPlaceInTheKeychain)
{
    const QString candidate = freshKey();
    startServices(candidate);
    openWithKeychainKey(freshKey());
    enterKeyAndPress(candidate, "replaceKeyButton");
    EXPECT_EQ(spies->replaced.size(), 1);
    EXPECT_EQ(store->key(), candidate);
    EXPECT_TRUE(labelText("resultMessage").contains(QLatin1String("replaced the old one")));
    expectKeyShownNowhere(candidate);

    // The next session reads the new key from the keychain.
    KeyStore nextSession(store->profileName());
    KeyStoreSpies nextSpies(nextSession);
    nextSession.load();
    ASSERT_TRUE(nextSpies.waitForReports(1));
    EXPECT_EQ(nextSession.key(), candidate);
}

TEST_F(KeyDialogInKeychain, TheStatusIndicatorShowsAKeychainKeyMasked)
{
    const QString key = freshKey();
    startServices(key);
    KeyStatusIndicator indicator(*store, *verifier, *models, checklist.get());
    store->load();
    ASSERT_TRUE(spies->waitForReports(1));
    EXPECT_EQ(indicator.text(), QStringLiteral("Key: none \u2014 set one (Ctrl+K)"));
    store->store(key);
    ASSERT_TRUE(spies->waitForReports(2));
    EXPECT_EQ(indicator.text(), QStringLiteral("Key: in keychain (%1)").arg(store->maskedKey()));
}

} // namespace
