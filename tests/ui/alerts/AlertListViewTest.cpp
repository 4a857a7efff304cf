#include "ui/alerts/AlertListView.h"
#include "FakeClock.h"
#include "ItemModelChecker.h"
#include "QStringPrinter.h"
#include "src/common/ProbeNames.h"
#include "src/metrics/AlertEngine.h"
#include "src/metrics/MetricsStore.h"
#include "ui/alerts/AlertNotifier.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace golive;
using namespace golive::test;

namespace {

class AlertListViewTest : public ::testing::Test {
protected:
    void record(FailureKind failure, int httpStatus)
    {
        Sample sample;
        sample.atMs = clock.nowUtc().toMSecsSinceEpoch();
        sample.latencyMs = 100;
        sample.failure = failure;
        sample.outcome = outcomeOf(failure);
        sample.httpStatus = qint16(httpStatus);
        ASSERT_FALSE(metrics.record(QString::fromLatin1(probename::cohereChat), sample).failed());
    }

    QStringList column(int column) const
    {
        QStringList texts;
        for (int row = 0; row < view.tree()->topLevelItemCount(); ++row)
            texts << view.tree()->topLevelItem(row)->text(column);
        return texts;
    }

    FakeClock clock;
    MetricsStore metrics;
    AlertEngine engine{metrics, AlertThresholds{}, AlertSources::standard(CohereSettings{}), clock};
    AlertListView view;
    // The list's rows are a QTreeWidget's own model: checked while alerts fire and resolve.
    ItemModelChecker checker{view.tree()->model()};
};

} // namespace

TEST_F(AlertListViewTest, ShowsAFiredAlertAsActiveThenAsResolved)
{
    view.follow(engine);
    record(FailureKind::Auth, 401);
    ASSERT_EQ(view.tree()->topLevelItemCount(), 1);
    EXPECT_EQ(column(AlertListView::SeverityColumn), QStringList{QStringLiteral("P1")});
    EXPECT_EQ(column(AlertListView::UntilColumn), QStringList{QStringLiteral("active")});
    EXPECT_FALSE(column(AlertListView::MessageColumn).first().isEmpty());
    view.resize(900, 200);
    view.grab().save(QStringLiteral("/tmp/golive-alerts-active.png"));

    // Auth failures count over the error window; once it has passed, the alert resolves.
    clock.advanceSeconds(24 * 60 * 60);
    record(FailureKind::Ok, 200);
    engine.evaluate();
    ASSERT_EQ(view.tree()->topLevelItemCount(), 1);
    EXPECT_NE(column(AlertListView::UntilColumn).first(), QStringLiteral("active"));
}

TEST_F(AlertListViewTest, ActiveAlertsComeBeforeResolvedOnes)
{
    Alert resolved{
        QStringLiteral("auth-failure"),   AlertSeverity::P1, QStringLiteral("Auth failure"),
        QStringLiteral("1 response 401"), clock.nowUtc(),    clock.nowUtc().addSecs(60)};
    Alert active{
        QStringLiteral("rate-limited"), AlertSeverity::P2,
        QStringLiteral("Rate limited"), QStringLiteral("12 responses 429 in the last minute"),
        clock.nowUtc().addSecs(-600),   QDateTime()};
    view.showAlert(resolved);
    view.showAlert(active);
    EXPECT_EQ(column(AlertListView::SeverityColumn),
              (QStringList{QStringLiteral("P2"), QStringLiteral("P1")}));
    view.resize(900, 200);
    view.grab().save(QStringLiteral("/tmp/golive-alerts-mixed.png"));
}

TEST_F(AlertListViewTest, TheNotifierStaysSilentWithoutATrayAndForP2)
{
    AlertNotifier notifier(nullptr);
    QSignalSpy notified(&notifier, &AlertNotifier::notified);
    EXPECT_FALSE(notifier.canNotify());
    notifier.notifyFired(Alert{QStringLiteral("auth-failure"), AlertSeverity::P1,
                               QStringLiteral("Auth failure"), QStringLiteral("401"),
                               clock.nowUtc(), QDateTime()});
    notifier.notifyFired(Alert{QStringLiteral("rate-limited"), AlertSeverity::P2,
                               QStringLiteral("Rate limited"), QStringLiteral("429"),
                               clock.nowUtc(), QDateTime()});
    EXPECT_TRUE(notified.isEmpty());
}

TEST_F(AlertListViewTest, AnActiveAlertsMessageFollowsTheSamples)
{
    view.follow(engine);
    for (int i = 0; i < 11; ++i)
        record(FailureKind::RateLimited, 429);
    ASSERT_EQ(view.tree()->topLevelItemCount(), 1);
    const QString atFiring = column(AlertListView::MessageColumn).first();
    EXPECT_TRUE(atFiring.contains(QStringLiteral("11"))) << atFiring.toStdString();
    record(FailureKind::RateLimited, 429);
    record(FailureKind::RateLimited, 429);
    ASSERT_EQ(view.tree()->topLevelItemCount(), 1) << "the same alert, updated in place";
    const QString now = column(AlertListView::MessageColumn).first();
    EXPECT_TRUE(now.contains(QStringLiteral("13"))) << now.toStdString();
    EXPECT_EQ(column(AlertListView::UntilColumn), QStringList{QStringLiteral("active")});
}

TEST_F(AlertListViewTest, NotesWhatTheRulesCannotSee)
{
    CohereSettings cohere;
    cohere.chatModel = QStringLiteral("command-a-reasoning-08-2025"); // no default price
    cohere.retry.maxAttempts = 1; // 4 probe requests a minute cannot pass "429 > 10/min"
    AlertEngine unpriced{metrics, AlertThresholds{},
                         AlertSources::standard(cohere, ProbeSettings{}), clock};
    view.follow(unpriced);
    ASSERT_FALSE(view.notes()->isHidden());
    const QString text = view.notes()->text();
    EXPECT_TRUE(text.contains(QStringLiteral("Note on rate-limited: Probes alone send at most 4")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Cannot price command-a-reasoning-08-2025")));
}
