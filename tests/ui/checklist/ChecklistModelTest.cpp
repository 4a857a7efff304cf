#include "ui/checklist/ChecklistModel.h"

#include "src/checklist/Checklist.h"
#include "src/checklist/MarkdownChecklistParser.h"

#include "FakeClock.h"
#include "ItemModelChecker.h"
#include "QStringPrinter.h"

#include <QSignalSpy>

#include "ChecklistTestSupport.h"

#include <gtest/gtest.h>

using namespace golive;
using golive::test::FakeClock;

namespace {

// Every test runs under Qt's model checker: the model is filled (a release opens) and changed
// (ticks, notes, another release) as the window does it.
class ChecklistModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        checklist.reset(test::parseValid(test::kReleaseChecklist), {});
        checklist.setTickerName(QStringLiteral("alice"));
    }

    FakeClock clock;
    Checklist checklist{clock};
    ChecklistModel model{&checklist};
    golive::test::ItemModelChecker checker{&model};
};

} // namespace

TEST_F(ChecklistModelTest, ShowsSectionsWithTheirItemsAndProgress)
{
    ASSERT_EQ(model.rowCount(), 2);
    const QModelIndex keys = model.index(0, 0);
    EXPECT_EQ(model.rowCount(keys), 3);
    EXPECT_EQ(keys.data(ChecklistModel::TotalCountRole).toInt(), 3);
    EXPECT_TRUE(keys.data().toString().startsWith(QStringLiteral("Keys")));
    EXPECT_TRUE(keys.data(ChecklistModel::RequiredRole).toBool());
    EXPECT_EQ(model.index(2, 0, keys).data(ChecklistModel::DepthRole).toInt(), 1);
    EXPECT_EQ(model.index(0, 0, keys).data(ChecklistModel::ItemIdRole).toString(),
              QStringLiteral("prod-key"));
}

TEST_F(ChecklistModelTest, TickingTheCheckBoxTicksTheItemAndShowsWhoAndWhen)
{
    clock.advanceSeconds(90);
    const QModelIndex item = model.indexOfItem(QStringLiteral("prod-key"));
    ASSERT_TRUE(model.setData(item, Qt::Checked, Qt::CheckStateRole));

    const ItemState state = checklist.state().value(QStringLiteral("prod-key"));
    EXPECT_TRUE(state.checked);
    EXPECT_EQ(state.who, QStringLiteral("alice"));
    EXPECT_EQ(state.atUtc, clock.nowUtc());
    EXPECT_EQ(item.data(Qt::CheckStateRole).toInt(), Qt::Checked);
    EXPECT_TRUE(item.data(ChecklistModel::CheckedRole).toBool());
    EXPECT_EQ(item.siblingAtColumn(ChecklistModel::WhoColumn).data().toString(),
              QStringLiteral("alice"));
    EXPECT_EQ(item.siblingAtColumn(ChecklistModel::WhenColumn).data().toString(),
              clock.nowUtc().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    EXPECT_EQ(item.parent().data(ChecklistModel::DoneCountRole).toInt(), 1);
    EXPECT_TRUE(item.parent().data().toString().endsWith(QStringLiteral("1/3")));
}

TEST_F(ChecklistModelTest, ClearingTheCheckBoxUnticksTheItem)
{
    const QModelIndex item = model.indexOfItem(QStringLiteral("rotation"));
    model.setData(item, Qt::Checked, Qt::CheckStateRole);
    ASSERT_TRUE(model.setData(item, Qt::Unchecked, Qt::CheckStateRole));

    EXPECT_FALSE(checklist.state().value(QStringLiteral("rotation")).checked);
    EXPECT_EQ(checklist.state().value(QStringLiteral("rotation")).history.size(), 2);
    EXPECT_EQ(item.data(Qt::CheckStateRole).toInt(), Qt::Unchecked);
}

TEST_F(ChecklistModelTest, AChangeInTheChecklistRepaintsItsItemAndItsSectionOnly)
{
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    checklist.tick(QStringLiteral("chat-p95"));

    const QModelIndex item = model.indexOfItem(QStringLiteral("chat-p95"));
    ASSERT_EQ(changed.size(), 2);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>(), item);
    EXPECT_EQ(changed.at(0).at(1).value<QModelIndex>(),
              item.siblingAtColumn(ChecklistModel::NoteColumn));
    EXPECT_EQ(changed.at(1).at(0).value<QModelIndex>(), item.parent());
    EXPECT_EQ(changed.at(1).at(1).value<QModelIndex>(),
              item.parent().siblingAtColumn(ChecklistModel::NoteColumn));
}

TEST_F(ChecklistModelTest, NotesAreEditedInTheNoteColumnAndSurviveUnticking)
{
    const QModelIndex note =
        model.indexOfItem(QStringLiteral("rotation"), ChecklistModel::NoteColumn);
    EXPECT_TRUE(model.flags(note) & Qt::ItemIsEditable);
    ASSERT_TRUE(model.setData(note, QStringLiteral("runbook in wiki")));
    checklist.tick(QStringLiteral("rotation"));
    checklist.untick(QStringLiteral("rotation"));
    EXPECT_EQ(note.data().toString(), QStringLiteral("runbook in wiki"));
    EXPECT_EQ(checklist.state().value(QStringLiteral("rotation")).note,
              QStringLiteral("runbook in wiki"));
}

TEST_F(ChecklistModelTest, TheToolTipSaysWhatGatesTheItemWhatProvedItAndWhoTickedIt)
{
    checklist.tick(QStringLiteral("prod-key"), QStringLiteral("key in OS keychain"));
    const QString tip =
        model.indexOfItem(QStringLiteral("prod-key")).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(QStringLiteral("Required for: deploy")));
    EXPECT_TRUE(tip.contains(QStringLiteral("key in OS keychain")));
    EXPECT_TRUE(tip.contains(QStringLiteral("Ticked by alice at 2026-11-24 12:00 UTC")));
}

TEST_F(ChecklistModelTest, UnknownItemsAndSectionRowsCannotBeTicked)
{
    EXPECT_FALSE(model.indexOfItem(QStringLiteral("no-such-item")).isValid());
    const QModelIndex section = model.index(0, 0);
    EXPECT_FALSE(model.flags(section) & Qt::ItemIsUserCheckable);
    EXPECT_FALSE(model.setData(section, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(checklist.progress().done, 0);
}

TEST_F(ChecklistModelTest, AnotherReleaseResetsTheRows)
{
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    checklist.reset(test::parseValid("## Other\n- [ ] Only item <!-- golive: id=only -->\n"), {});

    EXPECT_EQ(reset.size(), 1);
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.rowCount(model.index(0, 0)), 1);
    EXPECT_TRUE(model.indexOfItem(QStringLiteral("only")).isValid());
    EXPECT_FALSE(model.indexOfItem(QStringLiteral("prod-key")).isValid());
}

TEST_F(ChecklistModelTest, TheEvidenceColumnSaysPassFailStaleOrNotRunInWordsBesideTheTick)
{
    checklist.reset(test::parseValid(R"(# Release

## Keys
- [ ] v2 client <!-- golive: id=api-v2 required gate=deploy evidence=source:api-v2 -->
- [ ] No keys in code <!-- golive: id=keys required evidence=source:no-hardcoded-keys -->
- [ ] Status page <!-- golive: id=status evidence=status-page -->
- [ ] Health <!-- golive: id=health evidence=health:staging -->
- [ ] Rotation documented <!-- golive: id=rotation -->
)"),
                    {});
    const QDateTime now(QDate(2026, 11, 30), QTime(15, 0), Qt::UTC);
    const auto evidence = [](const char *result, const QDateTime &at) {
        return QJsonObject{{QStringLiteral("result"), QLatin1String(result)},
                           {QStringLiteral("checked_at"), at.toString(Qt::ISODate)}};
    };
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setEvidence({{QStringLiteral("api-v2"), evidence("pass", now.addSecs(-60))},
                       {QStringLiteral("keys"), evidence("fail", now.addSecs(-60))},
                       {QStringLiteral("status"), evidence("pass", now.addSecs(-61 * 60))}},
                      now, 60);
    EXPECT_FALSE(changed.isEmpty());

    const auto shown = [&](const char *id) {
        return model.indexOfItem(QLatin1String(id), ChecklistModel::EvidenceColumn).data().toString();
    };
    EXPECT_EQ(model.headerData(ChecklistModel::EvidenceColumn, Qt::Horizontal).toString(),
              QStringLiteral("Evidence"));
    EXPECT_EQ(ChecklistModel::EvidenceColumn, ChecklistModel::ItemColumn + 1); // beside the tick
    EXPECT_EQ(shown("api-v2"), QStringLiteral("pass"));
    EXPECT_EQ(shown("keys"), QStringLiteral("fail"));
    EXPECT_EQ(shown("status"), QStringLiteral("stale")); // older than the profile's hour
    EXPECT_EQ(shown("health"), QStringLiteral("not run"));
    EXPECT_EQ(shown("rotation"), QString()); // names no evidence
    // Colour repeats the word, never replaces it.
    EXPECT_NE(model.indexOfItem(QStringLiteral("keys"), ChecklistModel::EvidenceColumn)
                  .data(Qt::ForegroundRole),
              model.indexOfItem(QStringLiteral("api-v2"), ChecklistModel::EvidenceColumn)
                  .data(Qt::ForegroundRole));
    // Evidence never ticks.
    EXPECT_FALSE(checklist.state().value(QStringLiteral("api-v2")).checked);
    EXPECT_FALSE(model.flags(model.indexOfItem(QStringLiteral("api-v2"),
                                               ChecklistModel::EvidenceColumn))
                     .testFlag(Qt::ItemIsUserCheckable));
}
