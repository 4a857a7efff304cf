#include "src/release/TimelineModel.h"

#include "ItemModelChecker.h"
#include "QStringPrinter.h"

#include <QJsonArray>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace golive;

namespace {
RecordEvent makeEvent(qint64 seq, const char *kind, QJsonObject data, QString who = {})
{
    return {seq, QDateTime(QDate(2026, 11, 24), QTime(14, 0), Qt::UTC).addSecs(seq),
            QString::fromLatin1(kind), std::move(who), std::move(data)};
}
} // namespace

TEST(TimelineModelTest, ShowsTimeKindSummaryAndWhoPerEvent)
{
    TimelineModel model;
    golive::test::ItemModelChecker checker(&model);
    model.setEvents({makeEvent(1, "tick",
                               {{QStringLiteral("item"), QStringLiteral("prod-key")},
                                {QStringLiteral("note"), QStringLiteral("from the vault")}},
                               QStringLiteral("alice"))});
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.columnCount(), 4);
    EXPECT_EQ(model.index(0, TimelineModel::KindColumn).data().toString(), QStringLiteral("tick"));
    EXPECT_EQ(model.index(0, TimelineModel::SummaryColumn).data().toString(),
              QStringLiteral("Ticked prod-key: from the vault"));
    EXPECT_EQ(model.index(0, TimelineModel::WhoColumn).data().toString(), QStringLiteral("alice"));
    EXPECT_EQ(model.index(0, TimelineModel::TimeColumn).data().toString(),
              QDateTime(QDate(2026, 11, 24), QTime(14, 0, 1), Qt::UTC)
                  .toLocalTime()
                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

TEST(TimelineModelTest, AppendedEventsArriveAsInsertedRows)
{
    TimelineModel model;
    golive::test::ItemModelChecker checker(&model);
    QSignalSpy inserted(&model, &TimelineModel::rowsInserted);
    model.appendEvent(makeEvent(
        1, "command",
        {{QStringLiteral("argv"), QJsonArray{QStringLiteral("kubectl"), QStringLiteral("get")}},
         {QStringLiteral("exit_code"), 1},
         {QStringLiteral("outcome"), QStringLiteral("forbidden")}}));
    EXPECT_EQ(inserted.count(), 1);
    EXPECT_EQ(model.index(0, TimelineModel::SummaryColumn).data().toString(),
              QStringLiteral("kubectl get → exit 1 (forbidden)"));
}

TEST(TimelineModelTest, KeepsEveryEventButOnlyTheNewestProbeSamples)
{
    TimelineModel model;
    golive::test::ItemModelChecker checker(&model);
    const int cap = TimelineModel::maxProbeSamples;
    QList<RecordEvent> loaded{makeEvent(1, "release-created", {})};
    for (int i = 0; i < cap + 10; ++i)
        loaded.append(makeEvent(2 + i, "probe-sample", {}));
    loaded.append(makeEvent(cap + 12, "tick", {{QStringLiteral("item"), QStringLiteral("a")}}));
    model.setEvents(loaded);
    ASSERT_EQ(model.rowCount(), cap + 2);
    EXPECT_EQ(model.eventAt(0).kind, QStringLiteral("release-created"));
    EXPECT_EQ(model.eventAt(1).seq, 12) << "the ten oldest samples are not shown";
    EXPECT_EQ(model.eventAt(cap + 1).kind, QStringLiteral("tick"));

    // Live: each new sample pushes the oldest shown sample out, never another event.
    QSignalSpy removed(&model, &TimelineModel::rowsRemoved);
    model.appendEvent(makeEvent(cap + 13, "probe-sample", {}));
    model.appendEvent(makeEvent(cap + 14, "alert-fired", {}));
    EXPECT_EQ(removed.count(), 1);
    EXPECT_EQ(model.rowCount(), cap + 3);
    EXPECT_EQ(model.eventAt(0).kind, QStringLiteral("release-created"));
    EXPECT_EQ(model.eventAt(1).seq, 13);
    EXPECT_EQ(model.eventAt(model.rowCount() - 1).kind, QStringLiteral("alert-fired"));
}
