#include "ui/timeline/TimelineView.h"

#include "src/release/TimelineModel.h"

#include "ItemModelChecker.h"
#include "QStringPrinter.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

using namespace golive;

namespace {

RecordEvent makeEvent(qint64 seq, const char *kind, QJsonObject data, QString who = {})
{
    return {seq, QDateTime(QDate(2026, 11, 24), QTime(14, 0), Qt::UTC).addSecs(seq * 7),
            QString::fromLatin1(kind), std::move(who), std::move(data)};
}

QList<RecordEvent> someEvents()
{
    return {makeEvent(1, "release-created", {{QStringLiteral("name"), QStringLiteral("GA launch")}},
                      QStringLiteral("alice")),
            makeEvent(2, "tick",
                      {{QStringLiteral("item"), QStringLiteral("using-production-api-key")},
                       {QStringLiteral("note"), QStringLiteral("from the vault")}},
                      QStringLiteral("alice")),
            makeEvent(3, "probe-sample",
                      {{QStringLiteral("name"), QStringLiteral("cohere-chat")},
                       {QStringLiteral("latency_ms"), 812},
                       {QStringLiteral("outcome"), QStringLiteral("healthy")},
                       {QStringLiteral("http_status"), 200}}),
            makeEvent(4, "alert-fired",
                      {{QStringLiteral("severity"), QStringLiteral("P2")},
                       {QStringLiteral("title"), QStringLiteral("High latency")},
                       {QStringLiteral("message"), QStringLiteral("P95 6.2 s over 5 min")}}),
            makeEvent(5, "step",
                      {{QStringLiteral("id"), QStringLiteral("deploy-canary")},
                       {QStringLiteral("outcome"), QStringLiteral("ok")},
                       {QStringLiteral("message"), QStringLiteral("Canary deployed.")}},
                      QStringLiteral("bob"))};
}

// Qt's model checker over the view's two filters (kind, then search), for as long as it lives.
std::vector<std::unique_ptr<test::ItemModelChecker>> checkFilters(const TimelineView &view)
{
    std::vector<std::unique_ptr<test::ItemModelChecker>> checkers;
    auto *search = qobject_cast<QSortFilterProxyModel *>(view.findChild<QTableView *>()->model());
    EXPECT_NE(search, nullptr);
    if (!search)
        return checkers;
    checkers.push_back(std::make_unique<test::ItemModelChecker>(search));
    checkers.push_back(std::make_unique<test::ItemModelChecker>(search->sourceModel()));
    return checkers;
}

} // namespace

TEST(TimelineViewTest, ProbeSamplesAreLeftOutUntilAskedFor)
{
    TimelineModel model;
    test::ItemModelChecker checker(&model);
    model.setEvents(someEvents());
    TimelineView view(&model);
    const auto filterCheckers = checkFilters(view);
    EXPECT_EQ(view.visibleRows(), 4);
    view.setKindFilter(QString());
    EXPECT_EQ(view.visibleRows(), 5);
    view.setKindFilter(QStringLiteral("probe-sample"));
    EXPECT_EQ(view.visibleRows(), 1);
}

TEST(TimelineViewTest, TheKindFilterShowsOnlyThatKind)
{
    TimelineModel model;
    test::ItemModelChecker checker(&model);
    model.setEvents(someEvents());
    TimelineView view(&model);
    const auto filterCheckers = checkFilters(view);
    auto *kind = view.findChild<QComboBox *>(QStringLiteral("timelineKindFilter"));
    ASSERT_NE(kind, nullptr);
    kind->setCurrentIndex(kind->findData(QStringLiteral("tick")));
    EXPECT_EQ(view.visibleRows(), 1);
    EXPECT_EQ(view.findChild<QLabel *>(QStringLiteral("timelineCount"))->text(),
              QStringLiteral("1 of 5 events"));
}

TEST(TimelineViewTest, SearchMatchesAnyColumnIgnoringCase)
{
    TimelineModel model;
    test::ItemModelChecker checker(&model);
    model.setEvents(someEvents());
    TimelineView view(&model);
    const auto filterCheckers = checkFilters(view);
    view.findChild<QLineEdit *>(QStringLiteral("timelineSearch"))->setText(QStringLiteral("BOB"));
    EXPECT_EQ(view.visibleRows(), 1);
    view.setSearchText(QStringLiteral("vault"));
    EXPECT_EQ(view.visibleRows(), 1);
    view.setSearchText(QStringLiteral("(unbalanced"));
    EXPECT_EQ(view.visibleRows(), 0) << "search text is literal, not a pattern";
}

TEST(TimelineViewTest, AppendedEventsShowLiveThroughTheFilters)
{
    TimelineModel model;
    test::ItemModelChecker checker(&model);
    model.setEvents(someEvents());
    TimelineView view(&model);
    const auto filterCheckers = checkFilters(view);
    view.setKindFilter(QStringLiteral("step"));
    model.appendEvent(makeEvent(6, "step",
                                {{QStringLiteral("id"), QStringLiteral("promote")},
                                 {QStringLiteral("outcome"), QStringLiteral("ok")}},
                                QStringLiteral("bob")));
    model.appendEvent(makeEvent(7, "tick", {{QStringLiteral("item"), QStringLiteral("x")}}));
    EXPECT_EQ(view.visibleRows(), 2);
    EXPECT_EQ(view.findChild<QLabel *>(QStringLiteral("timelineCount"))->text(),
              QStringLiteral("2 of 7 events"));

    // GOLIVE_SCREENSHOT_DIR=/tmp saves what the view looks like, for a person to check.
    if (const QString dir = qEnvironmentVariable("GOLIVE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        view.setKindFilter(QString());
        view.resize(900, 320);
        view.grab().save(dir + QStringLiteral("/timeline.png"));
    }
}
