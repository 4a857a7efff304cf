#include "release/TimelineModel.h"

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
