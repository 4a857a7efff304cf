#include "ChecklistTestSupport.h"

using namespace golive;
using namespace golive::test;

TEST(MarkdownChecklistParser, ReadsEveryTaskItemBulletAndTickStyle)
{
    const ChecklistDocument document = parseValid("- [ ] dash open\n"
                                                  "- [x] dash ticked\n"
                                                  "* [X] star ticked upper case\n"
                                                  "+ [ ] plus open\n"
                                                  "1. [ ] ordered open\n"
                                                  "2) [x] ordered ticked\n");
    EXPECT_EQ(texts(document),
              (QStringList{QStringLiteral("dash open"), QStringLiteral("dash ticked"),
                           QStringLiteral("star ticked upper case"), QStringLiteral("plus open"),
                           QStringLiteral("ordered open"), QStringLiteral("ordered ticked")}));
    QList<bool> ticked;
    for (const ChecklistItem *item : document.allItems())
        ticked.append(item->checkedInSource);
    EXPECT_EQ(ticked, (QList<bool>{false, true, true, false, false, true}));
    EXPECT_TRUE(document.warnings.isEmpty());
}

TEST(MarkdownChecklistParser, GroupsItemsUnderTheirHeadings)
{
    const ChecklistDocument document = parseValid("- [ ] before any heading\n"
                                                  "# Release\n"
                                                  "## API & Authentication ##\n"
                                                  "- [ ] key\n"
                                                  "###### Deep\n"
                                                  "- [ ] deep item\n");
    ASSERT_EQ(document.sections.size(), 4);
    EXPECT_EQ(document.title, QStringLiteral("Release"));
    EXPECT_EQ(document.sections[0].level, 0);
    EXPECT_TRUE(document.sections[0].title.isEmpty());
    EXPECT_EQ(document.sections[0].items.first().text, QStringLiteral("before any heading"));
    EXPECT_EQ(document.sections[2].title, QStringLiteral("API & Authentication"));
    EXPECT_EQ(document.sections[2].id, QStringLiteral("api-authentication"));
    EXPECT_EQ(document.sections[2].level, 2);
    EXPECT_EQ(document.sections[3].level, 6);
    EXPECT_EQ(document.sections[3].items.first().line, 6);
}

TEST(MarkdownChecklistParser, DoesNotMistakeHashtagsOrSevenHashesForHeadings)
{
    const ChecklistDocument document = parseValid("#hashtag\n####### seven\n- [ ] item\n");
    ASSERT_EQ(document.sections.size(), 1);
    EXPECT_EQ(document.sections[0].level, 0);
}

TEST(MarkdownChecklistParser, NestsItemsByIndentation)
{
    const ChecklistDocument document = parseValid("- [ ] parent\n"
                                                  "  - [ ] child\n"
                                                  "    - [ ] grandchild\n"
                                                  "  - [ ] second child\n"
                                                  "- [ ] second parent\n"
                                                  "\t- [ ] tab-indented child\n");
    QList<int> depths;
    for (const ChecklistItem *item : document.allItems())
        depths.append(item->depth);
    EXPECT_EQ(depths, (QList<int>{0, 1, 2, 1, 0, 1}));
}

TEST(MarkdownChecklistParser, NeverNestsAnItemUnderAPlainBullet)
{
    // The first task item has no task item above it, so it is top level whatever its indent.
    const ChecklistDocument document = parseValid("- group\n  - [ ] inside a plain bullet\n");
    ASSERT_EQ(document.itemCount(), 1);
    EXPECT_EQ(document.allItems().first()->depth, 0);
}

TEST(MarkdownChecklistParser, EndsNestingWhereTheListEnds)
{
    // A paragraph at the margin ends the list; an indented item after it starts a new list, and a
    // heading starts a section whose first item is top level however it is indented.
    const ChecklistDocument document = parseValid("- [ ] parent\n"
                                                  "  - [ ] child\n"
                                                  "\n"
                                                  "A paragraph.\n"
                                                  "\n"
                                                  "  - [ ] after the paragraph\n"
                                                  "    - [ ] its child\n"
                                                  "## Next\n"
                                                  "    - [ ] first of a section\n");
    QList<int> depths;
    for (const ChecklistItem *item : document.allItems())
        depths.append(item->depth);
    EXPECT_EQ(depths, (QList<int>{0, 1, 0, 1, 0}));
}

TEST(MarkdownChecklistParser, KeepsNestingAcrossTextIndentedUnderAnItem)
{
    const ChecklistDocument document = parseValid("- [ ] parent\n"
                                                  "\n"
                                                  "  Details about the parent.\n"
                                                  "\n"
                                                  "  - [ ] child\n");
    EXPECT_EQ(document.allItems().last()->depth, 1);
}

TEST(MarkdownChecklistParser, JoinsContinuationLinesIntoTheItemText)
{
    const ChecklistDocument document = parseValid("- [ ] Key rotation procedure\n"
                                                  "  documented and *tested*\n"
                                                  "lazily continued\n"
                                                  "- [ ] next\n");
    EXPECT_EQ(texts(document), (QStringList{QStringLiteral("Key rotation procedure\ndocumented and "
                                                           "*tested*\nlazily continued"),
                                            QStringLiteral("next")}));
}

TEST(MarkdownChecklistParser, EndsAnItemAtABlankLineTableOrPlainList)
{
    const ChecklistDocument document = parseValid("- [ ] item\n"
                                                  "| a | b |\n"
                                                  "|---|---|\n"
                                                  "- [ ] second\n"
                                                  "  - plain sub-bullet\n"
                                                  "- [ ] third\n"
                                                  "\n"
                                                  "A paragraph after the list.\n");
    EXPECT_EQ(texts(document), (QStringList{QStringLiteral("item"), QStringLiteral("second"),
                                            QStringLiteral("third")}));
    const QList<ChecklistBlock> &blocks = document.sections.first().blocks;
    ASSERT_EQ(blocks.size(), 3);
    EXPECT_EQ(blocks[0].text, QStringLiteral("| a | b |\n|---|---|"));
    EXPECT_EQ(blocks[0].itemsBefore, 1);
    EXPECT_EQ(blocks[1].text, QStringLiteral("  - plain sub-bullet"));
    EXPECT_EQ(blocks[2].text, QStringLiteral("A paragraph after the list."));
    EXPECT_EQ(blocks[2].itemsBefore, 3);
    EXPECT_EQ(blocks[2].line, 8);
}

TEST(MarkdownChecklistParser, NeverReadsItemsInsideCodeFencesOrComments)
{
    const ChecklistDocument document = parseValid("- [ ] real\n"
                                                  "```markdown\n"
                                                  "- [ ] inside backticks\n"
                                                  "\n"
                                                  "# not a heading\n"
                                                  "```\n"
                                                  "~~~~\n"
                                                  "- [ ] inside tildes\n"
                                                  "```\n"
                                                  "~~~~\n"
                                                  "<!--\n"
                                                  "- [ ] commented out\n"
                                                  "-->\n"
                                                  "- [ ] also real\n");
    EXPECT_EQ(texts(document), (QStringList{QStringLiteral("real"), QStringLiteral("also real")}));
    EXPECT_EQ(document.sections.size(), 1);
    const QList<ChecklistBlock> &blocks = document.sections.first().blocks;
    ASSERT_EQ(blocks.size(), 3);
    EXPECT_EQ(blocks[0].text,
              QStringLiteral("```markdown\n- [ ] inside backticks\n\n# not a heading\n```"));
    EXPECT_EQ(blocks[1].text, QStringLiteral("~~~~\n- [ ] inside tildes\n```\n~~~~"));
    EXPECT_EQ(blocks[2].text, QStringLiteral("<!--\n- [ ] commented out\n-->"));
    EXPECT_TRUE(document.warnings.isEmpty());
}

TEST(MarkdownChecklistParser, ReadsTheGoliveMarkerAndRemovesItFromTheText)
{
    const ChecklistDocument document = parseValid(
        "- [ ] Using production API key <!-- golive: id=prod-key required gate=deploy -->\n"
        "- [ ] Canary healthy <!--golive:gate=Promote,deploy id=canary-->\n"
        "- [ ] Required alone <!-- golive: required -->\n"
        "- [ ] Optional <!-- golive: id=opt -->\n"
        "- [ ] Other comment stays <!-- reviewer: bob -->\n");
    const ChecklistItem *key = document.findItem(QStringLiteral("prod-key"));
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(key->text, QStringLiteral("Using production API key"));
    EXPECT_TRUE(key->required);
    EXPECT_TRUE(key->explicitId);
    EXPECT_EQ(key->gates, QStringList{QStringLiteral("deploy")});

    const ChecklistItem *canary = document.findItem(QStringLiteral("canary"));
    ASSERT_NE(canary, nullptr);
    EXPECT_TRUE(canary->required) << "a gate implies required";
    EXPECT_EQ(canary->gates, (QStringList{QStringLiteral("promote"), QStringLiteral("deploy")}));

    const ChecklistItem *bare = document.findItem(QStringLiteral("required-alone"));
    ASSERT_NE(bare, nullptr);
    EXPECT_EQ(bare->gates, QStringList{QStringLiteral("deploy")});

    const ChecklistItem *optional = document.findItem(QStringLiteral("opt"));
    ASSERT_NE(optional, nullptr);
    EXPECT_FALSE(optional->required);
    EXPECT_TRUE(optional->gates.isEmpty());

    EXPECT_EQ(document.allItems().last()->text,
              QStringLiteral("Other comment stays <!-- reviewer: bob -->"));
    EXPECT_TRUE(document.warnings.isEmpty())
        << document.warnings.join(QLatin1Char('\n')).toStdString();
}

TEST(MarkdownChecklistParser, ReadsTheEvidenceSourcesOfAnItem)
{
    const ChecklistDocument document = parseValid(
        "- [ ] v2 only <!-- golive: id=api-v2 required evidence=source:api-v2 -->\n"
        "- [ ] Models <!-- golive: evidence=Source:Model-Ids,cohere:models id=models -->\n"
        "- [ ] Old marker <!-- golive: id=old required gate=deploy -->\n");
    const ChecklistItem *apiV2 = document.findItem(QStringLiteral("api-v2"));
    ASSERT_NE(apiV2, nullptr);
    EXPECT_EQ(apiV2->evidence, QStringList{QStringLiteral("source:api-v2")});
    EXPECT_EQ(apiV2->gates, QStringList{QStringLiteral("deploy")});
    const ChecklistItem *models = document.findItem(QStringLiteral("models"));
    ASSERT_NE(models, nullptr);
    EXPECT_EQ(models->evidence,
              (QStringList{QStringLiteral("source:model-ids"), QStringLiteral("cohere:models")}));
    EXPECT_FALSE(models->required) << "evidence alone does not make an item required";
    const ChecklistItem *old = document.findItem(QStringLiteral("old"));
    ASSERT_NE(old, nullptr);
    EXPECT_TRUE(old->evidence.isEmpty());
    EXPECT_TRUE(document.warnings.isEmpty())
        << document.warnings.join(QLatin1Char('\n')).toStdString();
}

TEST(MarkdownChecklistParser, WarnsAboutAnInvalidEvidenceNameAndIgnoresIt)
{
    const ChecklistDocument document =
        parseValid("- [ ] X <!-- golive: id=x evidence=source:api-v2,bad/name -->\n");
    const ChecklistItem *item = document.findItem(QStringLiteral("x"));
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->evidence, QStringList{QStringLiteral("source:api-v2")});
    ASSERT_EQ(document.warnings.size(), 1);
    EXPECT_TRUE(document.warnings.at(0).contains(QStringLiteral("bad/name")));
}

TEST(MarkdownChecklistParser, AcceptsTheMarkerAtTheEndOfAContinuationLine)
{
    const ChecklistDocument document =
        parseValid("- [ ] Long item\n"
                   "  that wraps <!-- golive: id=long required -->\n");
    const ChecklistItem *item = document.findItem(QStringLiteral("long"));
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->text, QStringLiteral("Long item\nthat wraps"));
    EXPECT_TRUE(item->required);
}

TEST(MarkdownChecklistParser, DerivesReadableIdsFromTheText)
{
    const ChecklistDocument document = parseValid("- [ ] All API calls specify `model` parameter!\n"
                                                  "- [ ] Überprüfung der Schlüssel\n"
                                                  "- [ ] Don't log PII\n"
                                                  "- [ ] ???\n"
                                                  "- [ ] Same\n"
                                                  "- [ ] same\n");
    EXPECT_EQ(ids(document), (QStringList{QStringLiteral("all-api-calls-specify-model-parameter"),
                                          QStringLiteral("uberprufung-der-schlussel"),
                                          QStringLiteral("dont-log-pii"), QStringLiteral("item"),
                                          QStringLiteral("same"), QStringLiteral("same--2")}));
}

TEST(MarkdownChecklistParser, KeepsDerivedIdsShortForLongTexts)
{
    const ChecklistDocument document = parseValid("- [ ] " + QByteArray(5000, 'a') + " tail\n");
    EXPECT_LE(document.allItems().first()->id.size(), 60);
}

TEST(MarkdownChecklistParser, AcceptsCrlfAndAByteOrderMark)
{
    const ChecklistDocument document =
        parseValid("\xEF\xBB\xBF# Title\r\n\r\n- [x] ticked <!-- golive: id=t -->\r\n  more\r\n");
    EXPECT_EQ(document.title, QStringLiteral("Title"));
    const ChecklistItem *item = document.findItem(QStringLiteral("t"));
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->text, QStringLiteral("ticked\nmore"));
    EXPECT_TRUE(item->checkedInSource);
}

TEST(MarkdownChecklistParser, ProvidesLookupHelpers)
{
    const ChecklistDocument document =
        parseValid("# A\n- [ ] one\n# B\n- [ ] two\n  - [ ] three\n");
    EXPECT_EQ(document.itemCount(), 3);
    EXPECT_EQ(ids(document),
              (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}));
    ASSERT_NE(document.findItem(QStringLiteral("three")), nullptr);
    EXPECT_EQ(document.findItem(QStringLiteral("three"))->line, 5);
    EXPECT_EQ(document.findItem(QStringLiteral("four")), nullptr);
}
