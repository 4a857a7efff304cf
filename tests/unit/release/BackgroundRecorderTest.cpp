#include "src/console/BackgroundRecorder.h"

#include "RecordFixture.h"
#include "src/release/ReleaseRecord.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace golive;
using golive::test::RecordFixture;

namespace {

class BackgroundRecorderTest : public RecordFixture {
protected:
    std::unique_ptr<BackgroundRecorder> start()
    {
        auto record = openRecord();
        auto recorder = std::make_unique<ReleaseRecorder>(*record);
        return std::make_unique<BackgroundRecorder>(std::move(record), std::move(recorder));
    }

    QList<RecordEvent> samples() const
    {
        QList<RecordEvent> result;
        const auto events = ReleaseRecord::readEvents(recordPath());
        EXPECT_TRUE(events.ok());
        for (const RecordEvent &event : events.value()) {
            if (event.kind == QLatin1String(recordkind::probeSample))
                result << event;
        }
        return result;
    }

    static void postSample(BackgroundRecorder &background, int n)
    {
        background.post([n](ReleaseRecorder &r) {
            r.recordProbeResult(QStringLiteral("cohere-chat"), QStringLiteral("healthy"), 100.0 + n,
                                200, {});
        });
    }
};

} // namespace

TEST_F(BackgroundRecorderTest, WritesOnItsOwnThreadNotTheCallers)
{
    auto background = start();
    QThread *writer = nullptr;
    QObject::connect(
        background->recorder(), &ReleaseRecorder::eventRecorded, background->recorder(),
        [&writer](const RecordEvent &) { writer = QThread::currentThread(); },
        Qt::DirectConnection);
    postSample(*background, 0);
    background->flush();
    ASSERT_NE(writer, nullptr);
    EXPECT_NE(writer, QThread::currentThread());
    EXPECT_EQ(samples().size(), 1);
}

TEST_F(BackgroundRecorderTest, EverythingHandedOverIsWrittenInOrderEvenWhenClosedAtOnce)
{
    {
        auto background = start();
        for (int n = 0; n < 300; ++n)
            postSample(*background, n);
    } // closed without waiting: the destructor writes what is queued
    const QList<RecordEvent> written = samples();
    ASSERT_EQ(written.size(), 300);
    for (int n = 0; n < 300; ++n)
        ASSERT_EQ(written.at(n).data.value(QStringLiteral("latency_ms")).toDouble(), 100.0 + n)
            << n;
    const auto verification = ReleaseRecord::verify(recordPath(), key);
    ASSERT_TRUE(verification.ok());
    EXPECT_TRUE(verification.value().intact) << verification.value().summary().toStdString();
}

TEST_F(BackgroundRecorderTest, ConnectedSignalsQueueToTheRecorderAndResultsComeBack)
{
    auto background = start();
    QObject source;
    QSignalSpy recorded(background->recorder(), &ReleaseRecorder::eventRecorded);
    QObject::connect(&source, &QObject::objectNameChanged, background->recorder(),
                     [r = background->recorder()](const QString &name) {
                         r->recordGateOverride(QStringLiteral("deploy-canary"),
                                               QStringLiteral("deploy"), {name},
                                               QStringLiteral("staging verified by hand"));
                     });
    source.setObjectName(QStringLiteral("prereq-staging-verified"));
    // Delivered to this thread through its event loop, as a view would receive it.
    ASSERT_TRUE(recorded.wait(5000));
    EXPECT_EQ(recorded.at(0).at(0).value<RecordEvent>().kind, QStringLiteral("gate-override"));
}
