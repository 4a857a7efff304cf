// What GET /v1/models tells the team about its configured models.
#include "src/cohere/ModelCatalogue.h"
#include "CohereTestFixture.h"

#include <QJsonArray>

using namespace golive;
using namespace golive::test;

namespace {

ModelCatalogue catalogueOf(const QJsonArray &models)
{
    const auto parsed = ModelCatalogue::fromJson({{"models", models}});
    EXPECT_TRUE(parsed.ok());
    return parsed.ok() ? parsed.value() : ModelCatalogue{};
}

QJsonObject model(const QString &name, bool deprecated, const QString &endpoint)
{
    return {{"name", name}, {"is_deprecated", deprecated}, {"endpoints", QJsonArray{endpoint}}};
}

TEST(ModelCatalogue, ParsesNamesDeprecationAndEndpoints)
{
    const ModelCatalogue catalogue = catalogueOf(FakeCohereServer::defaultModels());
    const auto commandR = catalogue.find(QStringLiteral("command-r"));
    ASSERT_TRUE(commandR.has_value());
    EXPECT_TRUE(commandR->deprecated);
    EXPECT_EQ(commandR->endpoints, QStringList{QStringLiteral("chat")});
    EXPECT_FALSE(catalogue.find(QStringLiteral("embed-v4.0"))->deprecated);
    EXPECT_TRUE(catalogue.complete());
}

TEST(ModelCatalogue, RejectsAnAnswerThatIsNotAModelList)
{
    const auto missing = ModelCatalogue::fromJson({{"data", QJsonArray{}}});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message,
              QStringLiteral("model list: \"models\" is missing or not an array"));
    const auto nameless = ModelCatalogue::fromJson({{"models", QJsonArray{QJsonObject{}}}});
    ASSERT_FALSE(nameless.ok());
    EXPECT_EQ(nameless.error().message, QStringLiteral("model list: models[0] has no name"));
}

TEST(ModelCatalogue, TheSeedDefaultsRaiseNoWarnings)
{
    const ModelCatalogue catalogue = catalogueOf(FakeCohereServer::defaultModels());
    EXPECT_TRUE(catalogue.warnings(CohereSettings{}).isEmpty());
}

TEST(ModelCatalogue, ADeprecatedChatModelNamesTheSeedsReplacement)
{
    const ModelCatalogue catalogue = catalogueOf(FakeCohereServer::defaultModels());
    CohereSettings settings;
    settings.chatModel = QStringLiteral("command-r");
    const auto warnings = catalogue.warnings(settings);
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings.at(0).problem, ModelWarning::Problem::Deprecated);
    EXPECT_EQ(warnings.at(0).replacement, QStringLiteral("command-r7b-12-2024"));
    EXPECT_EQ(warnings.at(0).message, QStringLiteral("The chat model \"command-r\" is deprecated; "
                                                     "the seed recommends command-r7b-12-2024."));
}

TEST(ModelCatalogue, FullChatModelsGetTheFullTierRecommendation)
{
    EXPECT_EQ(ModelCatalogue::recommendedModels(ModelRole::Chat, QStringLiteral("command-r-plus")),
              (QStringList{"command-a-03-2025", "command-r-plus-08-2024", "command-r7b-12-2024",
                           "command-r-08-2024"}));
    EXPECT_EQ(
        ModelCatalogue::recommendedModels(ModelRole::Chat, QStringLiteral("command-light")).first(),
        QStringLiteral("command-r7b-12-2024"));
}

TEST(ModelCatalogue, UnknownModelsAreNamedWithTheSeedsChoice)
{
    const ModelCatalogue catalogue = catalogueOf(FakeCohereServer::defaultModels());
    CohereSettings settings;
    settings.embedModel = QStringLiteral("embed-multilingual-v9");
    settings.rerankModel = QStringLiteral("rerank-v1");
    const auto warnings = catalogue.warnings(settings);
    ASSERT_EQ(warnings.size(), 2);
    EXPECT_EQ(warnings.at(0).role, ModelRole::Embed);
    EXPECT_EQ(warnings.at(0).problem, ModelWarning::Problem::Unknown);
    EXPECT_EQ(warnings.at(0).replacement, QStringLiteral("embed-v4.0"));
    EXPECT_TRUE(warnings.at(0).message.contains(QStringLiteral("\"embed-multilingual-v9\"")));
    EXPECT_EQ(warnings.at(1).replacement, QStringLiteral("rerank-v3.5"));
}

TEST(ModelCatalogue, PrefersAFallbackTheKeyCanActuallyUse)
{
    // The key's list lacks embed-v4.0: the seed's fallback is recommended instead.
    const ModelCatalogue catalogue = catalogueOf(
        {model("embed-english-v3.0", false, "embed"), model("embed-english-v2.0", true, "embed")});
    CohereSettings settings;
    settings.embedModel = QStringLiteral("embed-english-v2.0");
    const auto warnings = catalogue.warnings(settings);
    const auto embed = std::find_if(warnings.begin(), warnings.end(), [](const ModelWarning &w) {
        return w.role == ModelRole::Embed;
    });
    ASSERT_NE(embed, warnings.end());
    EXPECT_EQ(embed->replacement, QStringLiteral("embed-english-v3.0"));
}

TEST(ModelCatalogue, AModelOnTheWrongEndpointIsFlagged)
{
    const ModelCatalogue catalogue = catalogueOf(FakeCohereServer::defaultModels());
    CohereSettings settings;
    settings.rerankModel = QStringLiteral("embed-v4.0");
    const auto warnings = catalogue.warnings(settings);
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings.at(0).problem, ModelWarning::Problem::WrongEndpoint);
    EXPECT_TRUE(warnings.at(0).message.contains(QStringLiteral("(it supports embed)")));
}

TEST(ModelCatalogue, AMissingModelIsFlagged)
{
    CohereSettings settings;
    settings.chatModel.clear();
    const auto warnings = catalogueOf(FakeCohereServer::defaultModels()).warnings(settings);
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings.at(0).problem, ModelWarning::Problem::NotConfigured);
}

using ModelListing = CohereClientTest;

TEST_F(ModelListing, FollowsPagesFromTheLiveList)
{
    server.setModels(FakeCohereServer::defaultModels(), 4);
    const CohereOutcome first = awaitOutcome(client->listModels());
    ASSERT_EQ(first.kind, CohereOutcomeKind::Ok) << first.message.toStdString();
    auto catalogue = ModelCatalogue::fromJson(first.body);
    ASSERT_TRUE(catalogue.ok());
    EXPECT_FALSE(catalogue.value().complete());
    // A partial list says so rather than calling later models unknown with certainty.
    CohereSettings settings;
    settings.rerankModel = QStringLiteral("rerank-v3.5");
    EXPECT_TRUE(catalogue.value().warnings(settings).at(0).message.contains(
        QStringLiteral("only part of the list was read")));
    while (!catalogue.value().complete()) {
        const CohereOutcome next =
            awaitOutcome(client->listModels(catalogue.value().nextPageToken()));
        ASSERT_EQ(next.kind, CohereOutcomeKind::Ok);
        const auto page = ModelCatalogue::fromJson(next.body);
        ASSERT_TRUE(page.ok());
        catalogue.value().append(page.value());
    }
    EXPECT_EQ(catalogue.value().models().size(), FakeCohereServer::defaultModels().size());
    EXPECT_TRUE(catalogue.value().warnings(settings).isEmpty());
}

} // namespace
