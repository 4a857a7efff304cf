#include "ChecklistTestSupport.h"

#include "src/checklist/ChecklistGate.h"

using namespace golive;
using namespace golive::test;

namespace {

ChecklistDocument gatedDocument()
{
    return parseValid("## Deploy\n"
                      "- [ ] Key <!-- golive: id=key required gate=deploy -->\n"
                      "- [ ] Optional <!-- golive: id=optional -->\n"
                      "- [x] Ticked in the file only <!-- golive: id=file-tick required -->\n"
                      "## Promote\n"
                      "- [ ] Error rate <!-- golive: id=errors gate=promote -->\n"
                      "  - [ ] P95 <!-- golive: id=p95 required gate=promote,deploy -->\n");
}

ItemState ticked(bool checked = true)
{
    ItemState state;
    state.checked = checked;
    state.who = QStringLiteral("alice");
    return state;
}

} // namespace

TEST(ChecklistGate, ListsEveryRequiredItemOfTheGateWhileNothingIsTicked)
{
    const ChecklistDocument document = gatedDocument();
    EXPECT_EQ(
        ChecklistGate::openRequiredItems(document, {}, QStringLiteral("deploy")),
        (QStringList{QStringLiteral("key"), QStringLiteral("file-tick"), QStringLiteral("p95")}));
    EXPECT_EQ(ChecklistGate::openRequiredItems(document, {}, QStringLiteral("promote")),
              (QStringList{QStringLiteral("errors"), QStringLiteral("p95")}));
}

TEST(ChecklistGate, DropsItemsAsTheyAreTickedInTheState)
{
    const ChecklistDocument document = gatedDocument();
    ChecklistState state;
    state.insert(QStringLiteral("key"), ticked());
    state.insert(QStringLiteral("p95"), ticked());
    EXPECT_EQ(ChecklistGate::openRequiredItems(document, state, QStringLiteral("deploy")),
              QStringList{QStringLiteral("file-tick")});
    EXPECT_EQ(ChecklistGate::openRequiredItems(document, state, QStringLiteral("promote")),
              QStringList{QStringLiteral("errors")});
}

TEST(ChecklistGate, CountsAnUntickedEntryAsOpen)
{
    const ChecklistDocument document = gatedDocument();
    ChecklistState state;
    state.insert(QStringLiteral("errors"), ticked(false));
    state.insert(QStringLiteral("p95"), ticked());
    EXPECT_EQ(ChecklistGate::openRequiredItems(document, state, QStringLiteral("promote")),
              QStringList{QStringLiteral("errors")});
}

TEST(ChecklistGate, IsOpenWhenEverythingRequiredIsTicked)
{
    const ChecklistDocument document = gatedDocument();
    ChecklistState state;
    for (const char *id : {"key", "file-tick", "p95"})
        state.insert(QLatin1String(id), ticked());
    EXPECT_TRUE(
        ChecklistGate::openRequiredItems(document, state, QStringLiteral("deploy")).isEmpty());
}

TEST(ChecklistGate, KnowsNothingAboutUnnamedGates)
{
    EXPECT_TRUE(ChecklistGate::openRequiredItems(gatedDocument(), {}, QStringLiteral("rollback"))
                    .isEmpty());
}

TEST(ChecklistGate, NamesTheGatesInOrderOfFirstUse)
{
    EXPECT_EQ(ChecklistGate::gateNames(gatedDocument()),
              (QStringList{QStringLiteral("deploy"), QStringLiteral("promote")}));
    EXPECT_TRUE(ChecklistGate::gateNames(parseValid("- [ ] nothing required\n")).isEmpty());
}
