// What Cohere's model list means for the profile's models, read once a key is available.
#include "src/cohere/ModelCheck.h"

#include "CohereTestFixture.h"
#include "QStringPrinter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace golive;
using namespace golive::test;
using namespace std::chrono_literals;

namespace {

class ModelCheckTest : public CohereClientTest {
protected:
    void SetUp() override
    {
        CohereClientTest::SetUp();
        settings = fastSettings(server.url());
        settings.retry.maxAttempts = 1;
        makeClient(settings);
        check = std::make_unique<ModelCheck>(*client);
    }

    void useModels(const QString &chat, const QString &embed, const QString &rerank)
    {
        settings.chatModel = chat;
        settings.embedModel = embed;
        settings.rerankModel = rerank;
        client->setSettings(settings);
    }

    // Starts the check and waits (bounded) for its single report.
    void run()
    {
        QSignalSpy checked(check.get(), &ModelCheck::checked);
        QSignalSpy failed(check.get(), &ModelCheck::failed);
        check->start();
        EXPECT_TRUE(checked.isEmpty() && failed.isEmpty()) << "reported from inside start()";
        EXPECT_TRUE(QTest::qWaitFor([&] { return checked.size() + failed.size() > 0; }, 5000));
        QTest::qWait(0);
        EXPECT_EQ(checked.size() + failed.size(), 1);
        if (!checked.isEmpty())
            warnings = checked.first().at(0).value<QList<ModelWarning>>();
        if (!failed.isEmpty())
            error = failed.first().at(0).value<Error>();
    }

    CohereSettings settings;
    std::unique_ptr<ModelCheck> check;
    QList<ModelWarning> warnings;
    std::optional<Error> error;
};

TEST_F(ModelCheckTest, TheSeedsModelsAreAllAvailableSoThereIsNothingToSay)
{
    useModels(QStringLiteral("command-a-03-2025"), QStringLiteral("embed-v4.0"),
              QStringLiteral("rerank-v3.5"));
    run();
    EXPECT_FALSE(error) << error->message.toStdString();
    EXPECT_TRUE(warnings.isEmpty());
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(server.requests().first().path, QStringLiteral("/v1/models"));
}

TEST_F(ModelCheckTest, ADeprecatedModelIsNamedWithItsReplacement)
{
    useModels(QStringLiteral("command-r"), QStringLiteral("embed-english-v2.0"),
              QStringLiteral("rerank-v3.5"));
    run();
    ASSERT_FALSE(error) << error->message.toStdString();
    ASSERT_EQ(warnings.size(), 2);
    EXPECT_EQ(warnings.at(0).problem, ModelWarning::Problem::Deprecated);
    EXPECT_EQ(warnings.at(0).message,
              QStringLiteral("The chat model \"command-r\" is deprecated; the seed recommends "
                             "command-r7b-12-2024."));
    EXPECT_EQ(warnings.at(1).problem, ModelWarning::Problem::Deprecated);
    EXPECT_TRUE(warnings.at(1).message.contains(QLatin1String("embed-v4.0")));
}

TEST_F(ModelCheckTest, AModelThisKeyCannotSeeIsUnknownAndNamesTheReplacement)
{
    useModels(QStringLiteral("command-a-03-2025"), QStringLiteral("embed-v4.0"),
              QStringLiteral("rerank-typo-3"));
    run();
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings.first().problem, ModelWarning::Problem::Unknown);
    EXPECT_EQ(warnings.first().replacement, QStringLiteral("rerank-v3.5"));
    EXPECT_TRUE(warnings.first().message.contains(QLatin1String("\"rerank-typo-3\"")));
    EXPECT_TRUE(warnings.first().message.contains(QLatin1String("rerank-v3.5")));
}

TEST_F(ModelCheckTest, EveryPageIsReadBeforeJudging)
{
    const QJsonArray models = FakeCohereServer::defaultModels();
    server.setModels(models, 3);
    useModels(QStringLiteral("command-a-03-2025"), QStringLiteral("embed-v4.0"),
              models.last().toObject().value(QStringLiteral("name")).toString());
    run();
    EXPECT_FALSE(error);
    // The last model is a deprecated one: "deprecated", not "unknown", proves its page was read.
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings.first().problem, ModelWarning::Problem::Deprecated);
    EXPECT_EQ(server.requests().size(), (models.size() + 2) / 3);
}

TEST_F(ModelCheckTest, AnEndlessPageChainStopsAndSaysOnlyPartOfTheListWasRead)
{
    // One model per page and more pages than MaxPages: the check stops following the tokens.
    QJsonArray many;
    for (int i = 0; i < ModelCheck::MaxPages + 5; ++i)
        many.append(QJsonObject{{"name", QStringLiteral("filler-%1").arg(i)},
                                {"is_deprecated", false},
                                {"endpoints", QJsonArray{"chat"}}});
    server.setModels(many, 1);
    run();
    EXPECT_FALSE(error);
    EXPECT_EQ(server.requests().size(), ModelCheck::MaxPages);
    ASSERT_EQ(warnings.size(), 3);
    EXPECT_TRUE(warnings.first().message.contains(QLatin1String("only part of the list")));
}

TEST_F(ModelCheckTest, AFailingModelListIsReportedWithCoheresAnswer)
{
    server.enqueue(FakeCohereFault::status(500, QStringLiteral("internal error")));
    run();
    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind, QStringLiteral("models-unavailable"));
    EXPECT_TRUE(error->message.contains(QLatin1String("HTTP 500"))) << error->message.toStdString();
}

TEST_F(ModelCheckTest, AListThatNeverArrivesTimesOut)
{
    check->setTimeout(150ms);
    server.enqueue(FakeCohereFault::neverAnswer());
    run();
    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind, QStringLiteral("timeout"));
    EXPECT_TRUE(error->message.contains(QLatin1String("150 ms")));
    EXPECT_FALSE(check->isRunning());
}

TEST_F(ModelCheckTest, ASecondStartWhileRunningIsRefusedAndTheFirstStillReports)
{
    QSignalSpy checked(check.get(), &ModelCheck::checked);
    QSignalSpy failed(check.get(), &ModelCheck::failed);
    check->start();
    check->start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return checked.size() + failed.size() == 2; }, 5000));
    EXPECT_EQ(checked.size(), 1);
    ASSERT_EQ(failed.size(), 1);
    EXPECT_EQ(failed.first().at(0).value<Error>().kind, QStringLiteral("busy"));
}

TEST_F(ModelCheckTest, CancelReportsOnce)
{
    server.enqueue(FakeCohereFault::neverAnswer());
    QSignalSpy checked(check.get(), &ModelCheck::checked);
    QSignalSpy failed(check.get(), &ModelCheck::failed);
    check->start();
    check->cancel();
    ASSERT_EQ(failed.size(), 1);
    EXPECT_EQ(failed.first().at(0).value<Error>().kind, QStringLiteral("cancelled"));
    QTest::qWait(0);
    EXPECT_EQ(checked.size() + failed.size(), 1);
}

} // namespace
