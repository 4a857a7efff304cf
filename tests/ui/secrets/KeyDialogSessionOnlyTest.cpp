// The key dialog on a machine without a keychain (no D-Bus session bus): every key it takes is
// kept for this session only, and it says so.
#include "KeyDialogFixture.h"

#include "ui/secrets/KeyStatusIndicator.h"
#include "src/secrets/Redactor.h"

#include <QFrame>
#include <QProgressBar>

using namespace golive;
using namespace golive::test;

namespace {

class KeyDialogWithoutKeychain : public KeyDialogTest {
protected:
    static void SetUpTestSuite()
    {
        // QtKeychain connects to the bus lazily, at the first job, so this is early enough.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        qunsetenv("CO_API_KEY");
    }

    void TearDown() override
    {
        qunsetenv("CO_API_KEY");
        KeyDialogTest::TearDown();
    }

    void loadStore()
    {
        store->load();
        ASSERT_TRUE(spies->waitForReports(spies->reports() + 1));
    }

    // A key kept for this session, the dialog open on it.
    void openWithSessionKey(const QString &key)
    {
        loadStore();
        store->store(key);
        ASSERT_TRUE(spies->waitForReports(spies->reports() + 1));
        ASSERT_EQ(store->state(), KeyStore::KeyState::SessionOnly);
        openDialog();
    }
};

TEST_F(KeyDialogWithoutKeychain, SaysThereIsNoKeychainAndThatAKeyWouldLastThisSessionOnly)
{
    startServices(freshKey());
    loadStore();
    openDialog();
    EXPECT_EQ(labelText("stateHeadline"), QStringLiteral("No system keychain available"));
    EXPECT_EQ(labelText("stateExplanation"), store->explanation());
    EXPECT_TRUE(labelText("stateExplanation").contains(QLatin1String("D-Bus")));
    EXPECT_TRUE(find<QLabel>("sessionNotice")->isVisible());
    EXPECT_TRUE(labelText("sessionNotice").contains(QLatin1String("never writes it to disk")));
    EXPECT_EQ(labelText("maskedKey"), QStringLiteral("Key: none"));
    EXPECT_TRUE(button("setKeyButton")->isVisible());
    EXPECT_FALSE(button("setKeyButton")->isEnabled()) << "nothing typed yet";
    EXPECT_FALSE(button("replaceKeyButton")->isVisible());
    EXPECT_FALSE(button("deleteKeyButton")->isEnabled());
    EXPECT_FALSE(button("verifyButton")->isEnabled());
    EXPECT_EQ(keyField()->echoMode(), QLineEdit::Password);
    saveScreenshot(QStringLiteral("keydialog-no-keychain.png"));
}

TEST_F(KeyDialogWithoutKeychain, SettingAKeyKeepsItForThisSessionAndShowsItMasked)
{
    const QString key = freshKey();
    startServices(key);
    loadStore();
    openDialog();
    enterKeyAndPress(key, "setKeyButton");
    EXPECT_EQ(store->key(), key);
    EXPECT_EQ(store->state(), KeyStore::KeyState::SessionOnly);
    EXPECT_EQ(labelText("stateHeadline"), QStringLiteral("This session only"));
    EXPECT_EQ(labelText("maskedKey"), QStringLiteral("Key: %1").arg(store->maskedKey()));
    EXPECT_TRUE(labelText("errorMessage").contains(QLatin1String("this session only")));
    EXPECT_TRUE(button("replaceKeyButton")->isVisible());
    EXPECT_FALSE(button("setKeyButton")->isVisible());
    EXPECT_TRUE(button("verifyButton")->isEnabled());
    // It was checked with Cohere before it was kept.
    ASSERT_EQ(server->requests().size(), 1);
    EXPECT_EQ(server->requests().first().path, QStringLiteral("/v1/check-api-key"));
    expectKeyShownNowhere(key);
    saveScreenshot(QStringLiteral("keydialog-session-only.png"));
}

TEST_F(KeyDialogWithoutKeychain, AWrongFirstKeyIsCheckedWithCohereAndNotStored)
{
    startServices(freshKey()); // the fake accepts only its own key
    loadStore();
    openDialog();
    const QString wrong = QStringLiteral("co-THIS-IS-A-WRONG-KEY-0000");
    enterKeyAndPress(wrong, "setKeyButton");
    EXPECT_FALSE(store->hasKey()) << "a key Cohere refused is never stored";
    EXPECT_EQ(labelText("maskedKey"), QStringLiteral("Key: none"));
    const QString error = labelText("errorMessage");
    EXPECT_TRUE(error.contains(QLatin1String("did not accept this key, so it was not stored")))
        << error.toStdString();
    ASSERT_EQ(server->requests().size(), 1);
    EXPECT_EQ(server->requests().first().path, QStringLiteral("/v1/check-api-key"));
    EXPECT_FALSE(find<QFrame>("unverifiedOffer")->isVisible()) << "Cohere answered: no offer";
    expectKeyShownNowhere(wrong);
}

TEST_F(KeyDialogWithoutKeychain, AFirstKeyCohereCouldNotCheckIsStoredOnlyWhenTheCaptainSaysSo)
{
    const QString key = freshKey();
    startServices(key);
    loadStore();
    openDialog();
    server->enqueue(FakeCohereFault::resetConnection());
    enterKeyAndPress(key, "setKeyButton");
    EXPECT_FALSE(store->hasKey()) << "not stored without the captain's word";
    ASSERT_TRUE(find<QFrame>("unverifiedOffer")->isVisible());
    const QString reason = labelText("unverifiedReason");
    EXPECT_TRUE(reason.contains(QLatin1String("could not be asked"))) << reason.toStdString();
    saveScreenshot(QStringLiteral("keydialog-unverified-offer.png"));

    pressAndWait("storeUnverifiedButton");
    EXPECT_EQ(store->key(), key);
    EXPECT_FALSE(find<QFrame>("unverifiedOffer")->isVisible());
    const QString said = labelText("resultMessage") + labelText("errorMessage");
    EXPECT_TRUE(said.contains(QLatin1String("UNVERIFIED"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QLatin1String("could not be asked"))) << said.toStdString();
    expectKeyShownNowhere(key);
}

TEST_F(KeyDialogWithoutKeychain, AMalformedKeyIsRefusedWithAReasonAndNothingChanges)
{
    startServices(freshKey());
    loadStore();
    openDialog();
    keyField()->setText(QStringLiteral("   "));
    button("setKeyButton")->click();
    EXPECT_FALSE(labelText("errorMessage").isEmpty());
    EXPECT_FALSE(store->hasKey());
    EXPECT_FALSE(dialog->isBusy());
}

TEST_F(KeyDialogWithoutKeychain, AKeyTypedButNotUsedIsClearedWhenTheDialogCloses)
{
    startServices(freshKey());
    loadStore();
    openDialog();
    keyField()->setText(freshKey());
    button("closeButton")->click();
    EXPECT_TRUE(keyField()->text().isEmpty());
    EXPECT_FALSE(store->hasKey());
}

TEST_F(KeyDialogWithoutKeychain, AReplacementCohereRejectsLeavesTheOldKeyAndSaysWhy)
{
    const QString current = freshKey();
    startServices(current); // the fake accepts only the current key
    openWithSessionKey(current);
    const QString candidate = freshKey();
    enterKeyAndPress(candidate, "replaceKeyButton");
    EXPECT_EQ(store->key(), current);
    const QString error = labelText("errorMessage");
    EXPECT_TRUE(error.contains(QLatin1String("current key stays in use"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("Cohere rejected this key (HTTP 401)")))
        << error.toStdString();
    ASSERT_EQ(server->requests().size(), 1);
    EXPECT_EQ(server->requests().first().path, QStringLiteral("/v1/check-api-key"));
    expectKeyShownNowhere(current);
    expectKeyShownNowhere(candidate);
}

TEST_F(KeyDialogWithoutKeychain, AReplacementCohereAcceptsReplacesTheOldKey)
{
    const QString candidate = freshKey();
    startServices(candidate);
    const QString current = freshKey();
    openWithSessionKey(current);
    enterKeyAndPress(candidate, "replaceKeyButton");
    EXPECT_EQ(store->key(), candidate);
    // No keychain to put it in: it replaced the old key for this session, and the dialog says so.
    EXPECT_EQ(store->state(), KeyStore::KeyState::SessionOnly);
    EXPECT_TRUE(labelText("errorMessage").contains(QLatin1String("this session only")));
    EXPECT_EQ(labelText("maskedKey"), QStringLiteral("Key: %1").arg(Redactor::maskKey(candidate)));
    expectKeyShownNowhere(current);
    expectKeyShownNowhere(candidate);
}

TEST_F(KeyDialogWithoutKeychain, WhileAReplacementIsCheckedEverythingWaitsAndCancelKeepsTheOldKey)
{
    const QString current = freshKey();
    startServices(current);
    openWithSessionKey(current);
    server->enqueue(FakeCohereFault::neverAnswer());
    keyField()->setText(freshKey());
    button("replaceKeyButton")->click();
    EXPECT_TRUE(dialog->isBusy());
    EXPECT_TRUE(find<QProgressBar>("progress")->isVisible());
    EXPECT_TRUE(labelText("progressText").contains(QLatin1String("current key stays in use")));
    for (const char *name : {"replaceKeyButton", "deleteKeyButton", "verifyButton"})
        EXPECT_FALSE(button(name)->isEnabled()) << name;
    EXPECT_FALSE(keyField()->isEnabled());
    QSignalSpy finished(dialog.get(), &KeyDialog::operationFinished);
    button("cancelButton")->click();
    ASSERT_TRUE(finished.size() == 1 || finished.wait(5000));
    EXPECT_EQ(store->key(), current);
    EXPECT_FALSE(dialog->isBusy());
    EXPECT_FALSE(find<QProgressBar>("progress")->isVisible());
    EXPECT_TRUE(labelText("errorMessage").contains(QLatin1String("Cancelled")));
}

TEST_F(KeyDialogWithoutKeychain, VerifyNowShowsCoheresAnswerHonestlyAndTheModelWarnings)
{
    const QString key = freshKey();
    startServices(key);
    CohereSettings settings = client->settings();
    settings.chatModel = QStringLiteral("command-r"); // deprecated in the fake's list
    client->setSettings(settings);
    openWithSessionKey(key);
    pressAndWait("verifyButton");
    EXPECT_TRUE(
        labelText("verificationResult").startsWith(QStringLiteral("Cohere accepted this key.")));
    EXPECT_TRUE(labelText("keyKind").contains(
        QLatin1String("Cohere's API does not say whether a key is a trial key")));
    EXPECT_TRUE(labelText("modelWarnings").contains(QLatin1String("\"command-r\" is deprecated")));
    EXPECT_TRUE(labelText("modelWarnings").contains(QLatin1String("command-r7b-12-2024")));
    EXPECT_TRUE(labelText("errorMessage").isEmpty());
    expectKeyShownNowhere(key);
    saveScreenshot(QStringLiteral("keydialog-verified.png"));
}

TEST_F(KeyDialogWithoutKeychain, VerifyNowWhenCohereCannotBeReachedSaysSoAndKeepsTheKey)
{
    const QString key = freshKey();
    startServices(key);
    openWithSessionKey(key);
    server->enqueue(FakeCohereFault::resetConnection());
    pressAndWait("verifyButton");
    EXPECT_TRUE(labelText("errorMessage").contains(QLatin1String("could not be verified")));
    EXPECT_EQ(store->key(), key);
}

TEST_F(KeyDialogWithoutKeychain, DeletingAsksFirstAndKeepsTheKeyUntilConfirmed)
{
    const QString key = freshKey();
    startServices(key);
    openWithSessionKey(key);
    button("deleteKeyButton")->click();
    EXPECT_TRUE(find<QFrame>("deleteConfirmation")->isVisible());
    EXPECT_EQ(store->key(), key);
    button("keepKeyButton")->click();
    EXPECT_FALSE(find<QFrame>("deleteConfirmation")->isVisible());
    EXPECT_EQ(store->key(), key);

    button("deleteKeyButton")->click();
    pressAndWait("confirmDeleteButton");
    EXPECT_FALSE(store->hasKey());
    EXPECT_EQ(labelText("maskedKey"), QStringLiteral("Key: none"));
    EXPECT_TRUE(button("setKeyButton")->isVisible());
}

TEST_F(KeyDialogWithoutKeychain, AKeyFromTheEnvironmentIsShownReadOnlyAndSaysWhy)
{
    const QString key = freshKey();
    qputenv("CO_API_KEY", key.toUtf8());
    startServices(key);
    loadStore();
    ASSERT_EQ(store->state(), KeyStore::KeyState::FromEnvironment);
    openDialog();
    EXPECT_EQ(labelText("stateHeadline"), QStringLiteral("From CO_API_KEY (read-only)"));
    EXPECT_TRUE(labelText("stateExplanation").contains(QLatin1String("CO_API_KEY")));
    EXPECT_FALSE(keyField()->isEnabled());
    EXPECT_FALSE(button("replaceKeyButton")->isEnabled());
    EXPECT_FALSE(button("deleteKeyButton")->isEnabled());
    EXPECT_TRUE(button("replaceKeyButton")->toolTip().contains(QLatin1String("Unset CO_API_KEY")));
    EXPECT_TRUE(button("deleteKeyButton")->toolTip().contains(QLatin1String("Unset CO_API_KEY")));
    EXPECT_TRUE(button("verifyButton")->isEnabled());
    expectKeyShownNowhere(key);
    saveScreenshot(QStringLiteral("keydialog-from-environment.png"));
    qunsetenv("CO_API_KEY");
}

TEST_F(KeyDialogWithoutKeychain, TheStatusIndicatorNamesTheStateAndOpensTheDialog)
{
    const QString key = freshKey();
    startServices(key);
    KeyStatusIndicator indicator(*store, *verifier, *models, checklist.get());
    loadStore();
    EXPECT_EQ(indicator.text(), QStringLiteral("Key: none \u2014 no keychain, set one for this session (Ctrl+K)"));
    store->store(key);
    ASSERT_TRUE(spies->waitForReports(spies->reports() + 1));
    EXPECT_EQ(indicator.text(),
              QStringLiteral("Key: this session only (%1)").arg(store->maskedKey()));
    EXPECT_FALSE(indicator.text().contains(key.left(12)));
    EXPECT_FALSE(indicator.toolTip().contains(key.left(12)));
    indicator.click();
    ASSERT_NE(indicator.dialog(), nullptr);
    EXPECT_TRUE(indicator.dialog()->isVisible());
    KeyDialog *first = indicator.dialog();
    indicator.click();
    EXPECT_EQ(indicator.dialog(), first) << "one dialog at a time";
    indicator.dialog()->close();
}

} // namespace
