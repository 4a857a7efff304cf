#include "src/cohere/ModelCatalogue.h"

#include <QJsonArray>

namespace golive {

namespace {

// The seed's "Model Selection" table, named once.
namespace seed {
inline constexpr auto chat = "command-a-03-2025";
inline constexpr auto chatFallback = "command-r-plus-08-2024";
inline constexpr auto lightChat = "command-r7b-12-2024";
inline constexpr auto lightChatFallback = "command-r-08-2024";
inline constexpr auto embed = "embed-v4.0";
inline constexpr auto embedFallback = "embed-english-v3.0";
inline constexpr auto rerank = "rerank-v3.5";
inline constexpr auto rerankFallback = "rerank-english-v3.0";
} // namespace seed

bool isLightweightChat(const QString &model)
{
    const QString name = model.toLower();
    return name.contains(QLatin1String("r7b")) || name.contains(QLatin1String("light")) ||
           (name.startsWith(QLatin1String("command-r")) && !name.contains(QLatin1String("plus")) &&
            !name.contains(QLatin1String("r+")));
}

Error parseError(const QString &message)
{
    return Error{QStringLiteral("parse"), QStringLiteral("model list: %1").arg(message)};
}

} // namespace

QString modelRoleName(ModelRole role)
{
    switch (role) {
    case ModelRole::Chat:
        return QStringLiteral("chat");
    case ModelRole::Embed:
        return QStringLiteral("embed");
    case ModelRole::Rerank:
        return QStringLiteral("rerank");
    }
    return {};
}

Result<ModelCatalogue> ModelCatalogue::fromJson(const QJsonObject &page)
{
    const QJsonValue models = page.value(QStringLiteral("models"));
    if (!models.isArray())
        return parseError(QStringLiteral("\"models\" is missing or not an array"));
    ModelCatalogue catalogue;
    const QJsonArray entries = models.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        const QString name = entry.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            return parseError(QStringLiteral("models[%1] has no name").arg(i));
        ModelInfo info;
        info.name = name;
        info.deprecated = entry.value(QStringLiteral("is_deprecated")).toBool(false);
        const QJsonArray endpoints = entry.value(QStringLiteral("endpoints")).toArray();
        for (const QJsonValue &endpoint : endpoints)
            info.endpoints << endpoint.toString();
        catalogue.m_models.append(info);
    }
    const QJsonValue token = page.value(QStringLiteral("next_page_token"));
    if (!token.isUndefined() && !token.isNull() && !token.isString())
        return parseError(QStringLiteral("\"next_page_token\" is not a string"));
    catalogue.m_nextPageToken = token.toString();
    return catalogue;
}

void ModelCatalogue::append(const ModelCatalogue &nextPage)
{
    m_models += nextPage.m_models;
    m_nextPageToken = nextPage.m_nextPageToken;
}

std::optional<ModelInfo> ModelCatalogue::find(const QString &name) const
{
    for (const ModelInfo &model : m_models) {
        if (model.name == name)
            return model;
    }
    return std::nullopt;
}

QStringList ModelCatalogue::recommendedModels(ModelRole role, const QString &configuredModel)
{
    switch (role) {
    case ModelRole::Chat:
        if (isLightweightChat(configuredModel))
            return {QLatin1String(seed::lightChat), QLatin1String(seed::lightChatFallback),
                    QLatin1String(seed::chat), QLatin1String(seed::chatFallback)};
        return {QLatin1String(seed::chat), QLatin1String(seed::chatFallback),
                QLatin1String(seed::lightChat), QLatin1String(seed::lightChatFallback)};
    case ModelRole::Embed:
        return {QLatin1String(seed::embed), QLatin1String(seed::embedFallback)};
    case ModelRole::Rerank:
        return {QLatin1String(seed::rerank), QLatin1String(seed::rerankFallback)};
    }
    return {};
}

QString ModelCatalogue::bestReplacement(ModelRole role, const QString &model) const
{
    const QStringList candidates = recommendedModels(role, model);
    for (const QString &candidate : candidates) {
        const auto info = find(candidate);
        if (candidate != model && info && !info->deprecated &&
            (info->endpoints.isEmpty() || info->endpoints.contains(modelRoleName(role))))
            return candidate;
    }
    // None of them is listed for this key: still name the seed's first choice.
    return candidates.value(0);
}

std::optional<ModelWarning> ModelCatalogue::check(ModelRole role, const QString &model) const
{
    ModelWarning warning;
    warning.role = role;
    warning.model = model;
    warning.replacement = bestReplacement(role, model);
    const QString roleName = modelRoleName(role);
    const QString advice = QStringLiteral("the seed recommends %1").arg(warning.replacement);

    if (model.trimmed().isEmpty()) {
        warning.problem = ModelWarning::Problem::NotConfigured;
        warning.message = QStringLiteral("No %1 model is configured; %2.").arg(roleName, advice);
        return warning;
    }
    const auto info = find(model);
    if (!info) {
        warning.problem = ModelWarning::Problem::Unknown;
        warning.message =
            QStringLiteral("The %1 model \"%2\" is not in Cohere's model list for "
                           "this key%3; %4.")
                .arg(roleName, model,
                     complete() ? QString() : QStringLiteral(" (only part of the list was read)"),
                     advice);
        return warning;
    }
    if (info->deprecated) {
        warning.problem = ModelWarning::Problem::Deprecated;
        warning.message =
            QStringLiteral("The %1 model \"%2\" is deprecated; %3.").arg(roleName, model, advice);
        return warning;
    }
    if (!info->endpoints.isEmpty() && !info->endpoints.contains(roleName)) {
        warning.problem = ModelWarning::Problem::WrongEndpoint;
        warning.message =
            QStringLiteral("The %1 model \"%2\" cannot be used with the %1 endpoint (it supports "
                           "%3); %4.")
                .arg(roleName, model, info->endpoints.join(QStringLiteral(", ")), advice);
        return warning;
    }
    return std::nullopt;
}

QList<ModelWarning> ModelCatalogue::warnings(const CohereSettings &settings) const
{
    QList<ModelWarning> result;
    const std::pair<ModelRole, QString> configured[] = {{ModelRole::Chat, settings.chatModel},
                                                        {ModelRole::Embed, settings.embedModel},
                                                        {ModelRole::Rerank, settings.rerankModel}};
    for (const auto &[role, model] : configured) {
        if (auto warning = check(role, model))
            result.append(*warning);
    }
    return result;
}

} // namespace golive
