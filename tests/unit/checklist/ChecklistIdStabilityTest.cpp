#include "ChecklistTestSupport.h"

#include <QMap>

using namespace golive;
using namespace golive::test;

namespace {

// Item text -> id, to compare documents whose items moved.
QMap<QString, QString> idsByText(const ChecklistDocument &document)
{
    QMap<QString, QString> out;
    for (const ChecklistItem *item : document.allItems())
        out.insert(item->text, item->id);
    return out;
}

} // namespace

TEST(ChecklistIdStability, DerivedIdsSurviveReordering)
{
    const ChecklistDocument before = parseValid("# A\n- [ ] Key stored\n- [ ] Billing alerts\n"
                                                "# B\n- [ ] Retry logic\n- [ ] Streaming\n");
    const ChecklistDocument after = parseValid("# B\n- [ ] Streaming\n- [ ] Billing alerts\n"
                                               "# A\n- [ ] Retry logic\n  - [ ] Key stored\n");
    EXPECT_EQ(idsByText(after), idsByText(before));
}

TEST(ChecklistIdStability, DerivedIdsSurviveEditsOfOtherItems)
{
    const ChecklistDocument before =
        parseValid("- [ ] Key stored\n- [ ] Billing alerts\n- [ ] Retry logic\n");
    const ChecklistDocument after = parseValid(
        "- [ ] Key stored in the vault\n- [ ] New item\n- [x] Billing alerts\n- [ ] Retry logic\n");
    EXPECT_EQ(after.findItem(QStringLiteral("billing-alerts"))->text,
              QStringLiteral("Billing alerts"));
    EXPECT_EQ(after.findItem(QStringLiteral("retry-logic"))->text, QStringLiteral("Retry logic"));
}

TEST(ChecklistIdStability, DuplicateTextsAreNumberedOnlyAmongThemselves)
{
    // Items with other texts between or around the duplicates do not shift their numbers.
    const ChecklistDocument before = parseValid("- [ ] Verify\n- [ ] Deploy\n- [ ] Verify\n");
    const ChecklistDocument after =
        parseValid("- [ ] Something new\n- [ ] Verify\n- [ ] Verify\n- [ ] Deploy\n");
    EXPECT_EQ(ids(before), (QStringList{QStringLiteral("verify"), QStringLiteral("deploy"),
                                        QStringLiteral("verify--2")}));
    EXPECT_EQ(ids(after), (QStringList{QStringLiteral("something-new"), QStringLiteral("verify"),
                                       QStringLiteral("verify--2"), QStringLiteral("deploy")}));
}

TEST(ChecklistIdStability, ExplicitIdsSurviveEditsOfTheirOwnText)
{
    const ChecklistDocument before = parseValid("- [ ] Key stored <!-- golive: id=key -->\n");
    const ChecklistDocument after = parseValid(
        "- [ ] Something else first\n- [ ] The key is in Vault <!-- golive: id=key -->\n");
    EXPECT_EQ(before.findItem(QStringLiteral("key"))->text, QStringLiteral("Key stored"));
    EXPECT_EQ(after.findItem(QStringLiteral("key"))->text, QStringLiteral("The key is in Vault"));
}

TEST(ChecklistIdStability, SectionIdsComeFromTitles)
{
    const ChecklistDocument document = parseValid("# Rollout\n- [ ] a\n# Rollout\n- [ ] b\n");
    EXPECT_EQ(document.sections[0].id, QStringLiteral("rollout"));
    EXPECT_EQ(document.sections[1].id, QStringLiteral("rollout--2"));
}
