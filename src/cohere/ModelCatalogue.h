#pragma once

#include "src/common/Error.h"
#include "src/config/CohereSettings.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace golive {

enum class ModelRole { Chat, Embed, Rerank };
QString modelRoleName(ModelRole role); // "chat", also the CompatibleEndpoint value

struct ModelInfo {
    QString name;
    bool deprecated = false;
    QStringList endpoints; // CompatibleEndpoint values: chat, embed, rerank, ...
};

struct ModelWarning {
    enum class Problem { NotConfigured, Unknown, Deprecated, WrongEndpoint };
    ModelRole role = ModelRole::Chat;
    QString model; // as configured
    Problem problem = Problem::Unknown;
    QString replacement; // the seed's recommendation, preferring one this key can use
    QString message;     // a sentence naming the model, the problem and the replacement
};

// The models a key can use (GET /v1/models), and what that means for the configured models.
class ModelCatalogue {
public:
    // One page of ListModelsResponse. An Error names the first thing that does not match the spec.
    static Result<ModelCatalogue> fromJson(const QJsonObject &page);

    // Appends a following page (fetched with this page's nextPageToken()).
    void append(const ModelCatalogue &nextPage);

    const QList<ModelInfo> &models() const { return m_models; }
    std::optional<ModelInfo> find(const QString &name) const;
    QString nextPageToken() const { return m_nextPageToken; }
    bool complete() const { return m_nextPageToken.isEmpty(); }

    // One warning per configured model that is missing, unknown to this key, deprecated or not
    // usable on its endpoint.
    QList<ModelWarning> warnings(const CohereSettings &settings) const;

    // The seed's "Model Selection" table for a role, best first. For chat the tier follows the
    // configured model: lightweight (R7B / R) or full (A / R+).
    static QStringList recommendedModels(ModelRole role, const QString &configuredModel = {});

private:
    std::optional<ModelWarning> check(ModelRole role, const QString &model) const;
    QString bestReplacement(ModelRole role, const QString &model) const;

    QList<ModelInfo> m_models;
    QString m_nextPageToken;
};

} // namespace golive
