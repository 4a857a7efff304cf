#pragma once

#include "../../unit/cohere/CohereTestFixture.h"
#include "../../unit/secrets/SecretsTestSupport.h"
#include "FakeClock.h"
#include "QStringPrinter.h"
#include "src/checklist/BundledChecklist.h"
#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/cohere/CohereKeyVerifier.h"
#include "src/cohere/ModelCheck.h"
#include "src/secrets/KeyStore.h"
#include "ui/secrets/KeyDialog.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <memory>

namespace golive::test {

// Everything the key dialog works with, wired as the main window wires it: a key store under a
// unique profile, a Cohere client (against a loopback fake) that takes its key from the store,
// the verifier and model check over that client, and the bundled checklist.
class KeyDialogTest : public ::testing::Test {
protected:
    // `validKey`: the key the fake Cohere accepts.
    void startServices(const QString &validKey)
    {
        server = std::make_unique<FakeCohereServer>(validKey);
        ASSERT_TRUE(server->listen());
        CohereSettings settings = fastSettings(server->url());
        settings.retry.maxAttempts = 1;
        client = std::make_unique<CohereClient>(settings, [this] { return store->key(); });
        verifier = std::make_unique<CohereKeyVerifier>(*client);
        models = std::make_unique<ModelCheck>(*client);
        const auto document = MarkdownChecklistParser::parseFile(BundledChecklist::path());
        ASSERT_TRUE(document.ok());
        checklist = std::make_unique<Checklist>(clock);
        checklist->reset(document.value(), {});
    }

    void SetUp() override
    {
        store = std::make_unique<KeyStore>(uniqueProfile(QStringLiteral("keydialog")));
        spies = std::make_unique<KeyStoreSpies>(*store);
    }

    void TearDown() override
    {
        dialog.reset();
        models.reset();
        verifier.reset();
        client.reset();
    }

    void openDialog()
    {
        dialog = std::make_unique<KeyDialog>(*store, *verifier, *models, checklist.get());
        dialog->show();
    }

    template <typename T> T *find(const char *name) const
    {
        T *widget = dialog->findChild<T *>(QLatin1String(name));
        EXPECT_NE(widget, nullptr) << "no widget named " << name;
        return widget;
    }
    QString labelText(const char *name) const { return find<QLabel>(name)->text(); }
    QPushButton *button(const char *name) const { return find<QPushButton>(name); }
    QLineEdit *keyField() const { return find<QLineEdit>("newKeyEdit"); }

    // Types a key into the field as a user would and presses the button; waits for the outcome.
    void enterKeyAndPress(const QString &key, const char *buttonName)
    {
        keyField()->setText(key);
        ASSERT_TRUE(button(buttonName)->isEnabled()) << buttonName << " is disabled";
        QSignalSpy finished(dialog.get(), &KeyDialog::operationFinished);
        button(buttonName)->click();
        EXPECT_TRUE(keyField()->text().isEmpty()) << "the field still holds the key";
        ASSERT_TRUE(finished.wait(10000)) << "the operation did not finish";
    }

    void pressAndWait(const char *buttonName)
    {
        ASSERT_TRUE(button(buttonName)->isEnabled()) << buttonName << " is disabled";
        QSignalSpy finished(dialog.get(), &KeyDialog::operationFinished);
        button(buttonName)->click();
        ASSERT_TRUE(finished.wait(10000)) << "the operation did not finish";
    }

    // Every piece of text any widget of the dialog shows or holds: labels, fields, buttons,
    // tooltips, the window title.
    QStringList allVisibleTexts() const
    {
        QList<QWidget *> widgets = dialog->findChildren<QWidget *>();
        widgets.prepend(dialog.get());
        QStringList texts;
        for (QWidget *widget : widgets) {
            for (const char *property :
                 {"text", "toolTip", "placeholderText", "windowTitle", "statusTip", "whatsThis",
                  "accessibleName", "accessibleDescription"}) {
                const QVariant value = widget->property(property);
                if (value.canConvert<QString>() && !value.toString().isEmpty())
                    texts << value.toString();
            }
        }
        return texts;
    }

    void expectKeyShownNowhere(const QString &key) const
    {
        for (const QString &text : allVisibleTexts()) {
            EXPECT_FALSE(text.contains(key)) << "a widget shows the key: " << text.toStdString();
            EXPECT_FALSE(text.contains(key.left(12))) << "a widget shows part of the key";
        }
    }

    // With GOLIVE_SCREENSHOT_DIR set, saves what the dialog looks like for a person to check.
    void saveScreenshot(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("GOLIVE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents(); // lets the dialog grow to fit its new text
        dialog->grab().save(QDir(dir).filePath(name));
    }

    FakeClock clock;
    std::unique_ptr<KeyStore> store;
    std::unique_ptr<KeyStoreSpies> spies;
    std::unique_ptr<FakeCohereServer> server;
    std::unique_ptr<CohereClient> client;
    std::unique_ptr<CohereKeyVerifier> verifier;
    std::unique_ptr<ModelCheck> models;
    std::unique_ptr<Checklist> checklist;
    std::unique_ptr<KeyDialog> dialog;
};

} // namespace golive::test
