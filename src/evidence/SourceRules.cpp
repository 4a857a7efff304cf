#include "src/evidence/SourceRules.h"

#include "src/secrets/Redactor.h"

namespace golive {

namespace {

using Method = SdkUsage::Call::Method;

QString plural(int count, const QString &word)
{
    return QStringLiteral("%1 %2%3").arg(count).arg(word, count == 1 ? QString() : QStringLiteral("s"));
}

ModelRole roleOf(Method method)
{
    switch (method) {
    case Method::Chat:
    case Method::ChatStream:
        return ModelRole::Chat;
    case Method::Embed:
        return ModelRole::Embed;
    case Method::Rerank:
        return ModelRole::Rerank;
    }
    return ModelRole::Chat;
}

QString replacementFor(const ModelCatalogue &catalogue, ModelRole role, const QString &model)
{
    const QStringList candidates = ModelCatalogue::recommendedModels(role, model);
    for (const QString &candidate : candidates) {
        const auto info = catalogue.find(candidate);
        if (candidate != model && (!info || !info->deprecated))
            return candidate;
    }
    return candidates.value(0);
}

} // namespace

void ApiV2Rule::checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const
{
    for (const SdkUsage::ClientConstruction &client : file.usage.clients) {
        if (client.v2)
            continue;
        findings.append(finding(
            file, client.line,
            file.python
                ? QStringLiteral("%1(...) constructs the v1 client cohere.Client; use cohere.ClientV2.")
                      .arg(client.spelled)
                : QStringLiteral("new %1(...) constructs the v1 client CohereClient; use "
                                 "CohereClientV2.")
                      .arg(client.spelled)));
    }
}

void ApiV2Rule::checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const
{
    if (totals.clients == 0)
        findings.append(overall(QStringLiteral("No Cohere client is constructed in the %1 scanned, "
                                               "so the API version cannot be told.")
                                    .arg(plural(totals.filesScanned, QStringLiteral("file")))));
}

void RequiredArgumentRule::checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const
{
    const Requirement required = requirement();
    for (const SdkUsage::Call &call : file.usage.calls) {
        if (!required.methods.contains(call.method) || hasArgument(call, required.argument))
            continue;
        const QString name = file.python ? required.snakeCase : required.camelCase;
        if (!call.unresolved.isEmpty()) {
            findings.append(finding(file, call.line,
                                    QStringLiteral("Cannot tell whether this %1 call sets %2: %3.")
                                        .arg(call.spelled, name, call.unresolved),
                                    SourceFinding::Severity::Unknown));
            continue;
        }
        findings.append(
            finding(file, call.line, QStringLiteral("%1 call without %2.").arg(call.spelled, name)));
    }
}

RequiredArgumentRule::Requirement ExplicitModelRule::requirement() const
{
    return {{Method::Chat, Method::ChatStream, Method::Embed, Method::Rerank},
            QStringLiteral("model"), QStringLiteral("model"), QStringLiteral("model")};
}

RequiredArgumentRule::Requirement EmbedInputTypeRule::requirement() const
{
    return {{Method::Embed}, QStringLiteral("inputtype"), QStringLiteral("inputType"),
            QStringLiteral("input_type")};
}

RequiredArgumentRule::Requirement EmbedEmbeddingTypesRule::requirement() const
{
    return {{Method::Embed}, QStringLiteral("embeddingtypes"), QStringLiteral("embeddingTypes"),
            QStringLiteral("embedding_types")};
}

RequiredArgumentRule::Requirement MaxTokensRule::requirement() const
{
    return {{Method::Chat, Method::ChatStream}, QStringLiteral("maxtokens"),
            QStringLiteral("maxTokens"), QStringLiteral("max_tokens")};
}

void NoHardcodedKeysRule::checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const
{
    for (const SdkUsage::Literal &literal : file.usage.keyLiterals) {
        findings.append(finding(file, literal.line,
                                QStringLiteral("A hard-coded API key (%1) is in the source; read "
                                               "it from CO_API_KEY or a secret manager.")
                                    .arg(Redactor::maskKey(literal.value))));
    }
}

void NoHardcodedKeysRule::checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const
{
    if (totals.filesScanned == 0)
        findings.append(overall(QStringLiteral("No source file was scanned.")));
}

ModelIdsRule::ModelIdsRule(ModelCatalogue catalogue, QString catalogueName)
    : m_catalogue(std::move(catalogue)), m_catalogueName(std::move(catalogueName))
{
}

void ModelIdsRule::checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const
{
    for (const SdkUsage::Call &call : file.usage.calls) {
        const ModelRole role = roleOf(call.method);
        for (const SdkUsage::Literal &model : call.modelIds) {
            const QString advice = QStringLiteral("the seed recommends %1")
                                       .arg(replacementFor(m_catalogue, role, model.value));
            const auto info = m_catalogue.find(model.value);
            if (!info) {
                findings.append(finding(file, model.line,
                                        QStringLiteral("Model \"%1\" is not in %2; %3.")
                                            .arg(model.value, m_catalogueName, advice)));
            } else if (info->deprecated) {
                findings.append(finding(file, model.line,
                                        QStringLiteral("Model \"%1\" is deprecated (%2); %3.")
                                            .arg(model.value, m_catalogueName, advice)));
            } else if (!info->endpoints.isEmpty() &&
                       !info->endpoints.contains(modelRoleName(role))) {
                findings.append(finding(file, model.line,
                                        QStringLiteral("Model \"%1\" does not serve %2 (%3); %4.")
                                            .arg(model.value, modelRoleName(role),
                                                 m_catalogueName, advice)));
            }
        }
    }
}

void StreamingRule::checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const
{
    if (totals.calls == 0) {
        SourceRule::checkTotals(totals, findings);
        return;
    }
    if (!totals.usesStreaming)
        findings.append(overall(QStringLiteral(
            "chatStream / chat_stream is used nowhere: fine for batch work, not for "
            "user-facing chat (a hint for whoever ticks the item).")));
}

void ErrorHandlingRule::checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const
{
    if (totals.calls == 0) {
        SourceRule::checkTotals(totals, findings);
        return;
    }
    if (!totals.catchesSdkErrors)
        findings.append(overall(QStringLiteral(
            "CohereError / CohereTimeoutError (TypeScript) or the SDK's error classes (Python) "
            "are caught nowhere (a hint for whoever ticks the item).")));
}

std::vector<std::unique_ptr<SourceRule>> allSourceRules(const ModelCatalogue &catalogue,
                                                        const QString &catalogueName)
{
    std::vector<std::unique_ptr<SourceRule>> rules;
    rules.push_back(std::make_unique<ApiV2Rule>());
    rules.push_back(std::make_unique<ExplicitModelRule>());
    rules.push_back(std::make_unique<EmbedEmbeddingTypesRule>());
    rules.push_back(std::make_unique<EmbedInputTypeRule>());
    rules.push_back(std::make_unique<ErrorHandlingRule>());
    rules.push_back(std::make_unique<NoHardcodedKeysRule>());
    rules.push_back(std::make_unique<ModelIdsRule>(catalogue, catalogueName));
    rules.push_back(std::make_unique<StreamingRule>());
    rules.push_back(std::make_unique<MaxTokensRule>());
    return rules;
}

QStringList sourceRuleIds()
{
    QStringList ids;
    for (const auto &rule : allSourceRules(ModelCatalogue(), QString()))
        ids.append(rule->id());
    return ids;
}

} // namespace golive
