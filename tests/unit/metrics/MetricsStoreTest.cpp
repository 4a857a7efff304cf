#include "src/metrics/MetricsStore.h"
#include "QStringPrinter.h"

#include <QSignalSpy>

#include <limits>

#include <gtest/gtest.h>

using namespace golive;

namespace {

Sample sampleAt(qint64 ms, double latencyMs = 120)
{
    Sample s;
    s.atMs = ms;
    s.latencyMs = latencyMs;
    return s;
}

} // namespace

TEST(MetricsStore, KeepsOneSeriesPerProbeAndAnnouncesEverySample)
{
    MetricsStore store;
    QSignalSpy recorded(&store, &MetricsStore::sampleRecorded);
    EXPECT_EQ(store.series(QStringLiteral("cohere-chat")), nullptr);

    EXPECT_TRUE((store.record(QStringLiteral("cohere-chat"), sampleAt(1000))).ok());
    EXPECT_TRUE((store.record(QStringLiteral("cohere-embed"), sampleAt(1000))).ok());
    EXPECT_TRUE((store.record(QStringLiteral("cohere-chat"), sampleAt(2000, 340))).ok());

    ASSERT_NE(store.series(QStringLiteral("cohere-chat")), nullptr);
    EXPECT_EQ(store.series(QStringLiteral("cohere-chat"))->size(), 2);
    EXPECT_EQ(store.series(QStringLiteral("cohere-embed"))->size(), 1);
    EXPECT_EQ(store.probeNames(),
              (QStringList{QStringLiteral("cohere-chat"), QStringLiteral("cohere-embed")}));

    ASSERT_EQ(recorded.count(), 3);
    EXPECT_EQ(recorded[2][0].toString(), QStringLiteral("cohere-chat"));
    EXPECT_EQ(recorded[2][1].value<Sample>(), sampleAt(2000, 340));
}

TEST(MetricsStore, EachSeriesHasTheConfiguredCapacity)
{
    MetricsStore store(3);
    for (qint64 t = 1; t <= 10; ++t)
        ASSERT_TRUE((store.record(QStringLiteral("health-staging"), sampleAt(t))).ok());
    EXPECT_EQ(store.series(QStringLiteral("health-staging"))->size(), 3);
    EXPECT_EQ(store.series(QStringLiteral("health-staging"))->at(0).atMs, 8);
}

TEST(MetricsStore, RefusesASampleWithoutProbeOrWithAnImpossibleLatency)
{
    MetricsStore store;
    QSignalSpy recorded(&store, &MetricsStore::sampleRecorded);

    const auto noName = store.record(QStringLiteral(" "), sampleAt(1));
    ASSERT_TRUE(noName.failed());
    EXPECT_EQ(noName->kind, QStringLiteral("bad-sample"));

    const auto negative = store.record(QStringLiteral("cohere-chat"), sampleAt(1, -5));
    ASSERT_TRUE(negative.failed());
    EXPECT_TRUE(negative->message.contains(QStringLiteral("cohere-chat")));
    EXPECT_TRUE((store.record(QStringLiteral("cohere-chat"),
                              sampleAt(1, std::numeric_limits<double>::quiet_NaN())))
                    .failed());
    EXPECT_TRUE((store.record(QStringLiteral("cohere-chat"),
                              sampleAt(1, std::numeric_limits<double>::infinity())))
                    .failed());

    EXPECT_EQ(recorded.count(), 0);
    EXPECT_TRUE(store.probeNames().isEmpty()) << "nothing half-stored";
}
