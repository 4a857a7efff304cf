// Which key states prove the checklist's "CO_API_KEY stored in a secret manager" item.
#include "src/evidence/KeyEvidence.h"
#include "src/checklist/BundledChecklist.h"
#include "src/checklist/MarkdownChecklistParser.h"

#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;
using State = KeyStore::KeyState;

namespace {

ChecklistDocument bundledChecklist()
{
    const auto parsed = MarkdownChecklistParser::parseFile(BundledChecklist::path());
    EXPECT_TRUE(parsed.ok());
    return parsed.ok() ? parsed.value() : ChecklistDocument{};
}

ChecklistDocument parse(const char *markdown)
{
    const auto parsed = MarkdownChecklistParser::parse(QByteArray(markdown));
    EXPECT_TRUE(parsed.ok());
    return parsed.ok() ? parsed.value() : ChecklistDocument{};
}

} // namespace

TEST(KeyEvidence, TheBundledChecklistHasTheSecretManagerItemUnderItsKnownId)
{
    const ChecklistDocument document = bundledChecklist();
    const ChecklistItem *item = document.findItem(KeyEvidence::secretManagerItemId());
    ASSERT_NE(item, nullptr);
    EXPECT_TRUE(item->text.contains(QLatin1String("CO_API_KEY")));
    EXPECT_TRUE(item->text.contains(QLatin1String("secret manager")));
}

TEST(KeyEvidence, AKeyInTheKeychainTicksTheItemWithKeychainEvidence)
{
    const auto evidence = KeyEvidence::forState(State::InKeychain, bundledChecklist());
    ASSERT_TRUE(evidence.ok()) << evidence.error().message.toStdString();
    EXPECT_EQ(evidence.value().itemId, QStringLiteral("key-in-secret-manager"));
    EXPECT_EQ(evidence.value().evidence, QStringLiteral("key in OS keychain"));
}

TEST(KeyEvidence, AKeyFromTheEnvironmentIsNoEvidenceBecauseItsStorageIsUnknown)
{
    const auto evidence = KeyEvidence::forState(State::FromEnvironment, bundledChecklist());
    ASSERT_FALSE(evidence.ok());
    EXPECT_EQ(evidence.error().kind, QStringLiteral("no-evidence"));
    EXPECT_TRUE(evidence.error().message.startsWith(
        QStringLiteral("Key from CO_API_KEY in the environment \u2014 golive cannot tell where it "
                       "is stored")))
        << evidence.error().message.toStdString();
}

TEST(KeyEvidence, ASessionOnlyKeyIsStoredNowhereSoItIsNoEvidence)
{
    const auto evidence = KeyEvidence::forState(State::SessionOnly, bundledChecklist());
    ASSERT_FALSE(evidence.ok());
    EXPECT_EQ(evidence.error().kind, QStringLiteral("no-evidence"));
    EXPECT_TRUE(evidence.error().message.contains(QLatin1String("this session only")));
    EXPECT_TRUE(evidence.error().message.contains(QLatin1String("stored nowhere")));
}

TEST(KeyEvidence, WithoutAKeyInTheKeychainThereIsNothingToRecord)
{
    for (const State state : {State::NoKey, State::KeychainUnavailable, State::Error}) {
        const auto evidence = KeyEvidence::forState(state, bundledChecklist());
        ASSERT_FALSE(evidence.ok());
        EXPECT_EQ(evidence.error().kind, QStringLiteral("no-evidence"));
        EXPECT_TRUE(
            evidence.error().message.contains(QLatin1String("no key in the system keychain")));
    }
}

TEST(KeyEvidence, ATeamChecklistWithItsOwnIdsIsSearchedByTheItemsText)
{
    const ChecklistDocument document = parse("# Ours\n"
                                             "- [ ] Rotate keys quarterly\n"
                                             "- [ ] Our CO_API_KEY lives in the Secret Manager\n");
    const auto evidence = KeyEvidence::forState(State::InKeychain, document);
    ASSERT_TRUE(evidence.ok()) << evidence.error().message.toStdString();
    EXPECT_EQ(document.findItem(evidence.value().itemId)->text,
              QStringLiteral("Our CO_API_KEY lives in the Secret Manager"));
}

TEST(KeyEvidence, AChecklistWithoutSuchAnItemSaysSoInsteadOfTickingSomethingElse)
{
    const auto evidence =
        KeyEvidence::forState(State::InKeychain, parse("# Ours\n- [ ] Keys are rotated\n"));
    ASSERT_FALSE(evidence.ok());
    EXPECT_EQ(evidence.error().kind, QStringLiteral("no-such-item"));
    EXPECT_TRUE(
        evidence.error().message.contains(QLatin1String("no item about storing CO_API_KEY")));
}
