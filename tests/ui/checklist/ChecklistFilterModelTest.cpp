#include "ui/checklist/ChecklistFilterModel.h"

#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "ui/checklist/ChecklistModel.h"

#include "FakeClock.h"
#include "ItemModelChecker.h"
#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

namespace {

const QByteArray kChecklist = R"(# Release

## Keys
- [ ] Production key in use <!-- golive: id=prod-key required gate=deploy -->
- [ ] Rotation documented <!-- golive: id=rotation -->

## Canary
- [ ] P95 latency < 5s for chat <!-- golive: id=chat-p95 required gate=promote -->
- [ ] No increase in CohereError rate <!-- golive: id=error-rate -->
)";

class ChecklistFilterModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto parsed = MarkdownChecklistParser::parse(kChecklist);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
        checklist.reset(parsed.value(), {});
        filter.setSourceModel(&model);
    }

    // The ids of the items the filter lets through, in order.
    QStringList visibleIds() const
    {
        QStringList ids;
        for (int s = 0; s < filter.rowCount(); ++s) {
            const QModelIndex section = filter.index(s, 0);
            for (int i = 0; i < filter.rowCount(section); ++i)
                ids << filter.index(i, 0, section).data(ChecklistModel::ItemIdRole).toString();
        }
        return ids;
    }

    golive::test::FakeClock clock;
    Checklist checklist{clock};
    ChecklistModel model{&checklist};
    ChecklistFilterModel filter;
    // The filter is checked while the meeting ticks, annotates and filters under it.
    golive::test::ItemModelChecker checker{&filter};
};

} // namespace

TEST_F(ChecklistFilterModelTest, ShowsEverythingByDefault)
{
    EXPECT_EQ(visibleIds(), (QStringList{"prod-key", "rotation", "chat-p95", "error-rate"}));
}

TEST_F(ChecklistFilterModelTest, OpenOnlyHidesItemsAsTheyAreTicked)
{
    filter.setOpenOnly(true);
    checklist.tick(QStringLiteral("rotation"));
    EXPECT_EQ(visibleIds(), (QStringList{"prod-key", "chat-p95", "error-rate"}));
    checklist.untick(QStringLiteral("rotation"));
    EXPECT_EQ(visibleIds().size(), 4);
}

TEST_F(ChecklistFilterModelTest, RequiredOnlyShowsTheGatingItems)
{
    filter.setRequiredOnly(true);
    EXPECT_EQ(visibleIds(), (QStringList{"prod-key", "chat-p95"}));
}

TEST_F(ChecklistFilterModelTest, SectionFilterShowsOneSection)
{
    const QString canary = model.index(1, 0).data(ChecklistModel::SectionIdRole).toString();
    filter.setSectionId(canary);
    EXPECT_EQ(visibleIds(), (QStringList{"chat-p95", "error-rate"}));
    EXPECT_EQ(filter.rowCount(), 1);
}

TEST_F(ChecklistFilterModelTest, SearchMatchesTextAndNotesCaseInsensitively)
{
    filter.setSearchText(QStringLiteral("cohereerror"));
    EXPECT_EQ(visibleIds(), (QStringList{"error-rate"}));
    checklist.setNote(QStringLiteral("rotation"), QStringLiteral("see Vault runbook"));
    filter.setSearchText(QStringLiteral("vault"));
    EXPECT_EQ(visibleIds(), (QStringList{"rotation"}));
    filter.setSearchText(QStringLiteral("nothing matches this"));
    EXPECT_EQ(filter.rowCount(), 0);
}

TEST_F(ChecklistFilterModelTest, FiltersCombine)
{
    filter.setRequiredOnly(true);
    filter.setOpenOnly(true);
    checklist.tick(QStringLiteral("prod-key"));
    EXPECT_EQ(visibleIds(), (QStringList{"chat-p95"}));
}
