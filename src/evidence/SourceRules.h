#pragma once

#include "src/cohere/ModelCatalogue.h"
#include "src/evidence/SourceRule.h"

#include <memory>
#include <vector>

namespace golive {

// The rules of the integration-code scan, one class per checklist item (see README, "Evidence").

// `api-v2`: a v1 client (`new CohereClient(`, `cohere.Client(`) fails; only V2 clients pass.
class ApiV2Rule : public SourceRule {
public:
    QString id() const override { return QStringLiteral("api-v2"); }
    void checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const override;
    void checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const override;
};

// A call of some methods that lacks an argument: the shape of four rules below.
class RequiredArgumentRule : public SourceRule {
public:
    void checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const override;

protected:
    struct Requirement {
        QList<SdkUsage::Call::Method> methods;
        QString argument;    // normalised ("inputtype")
        QString camelCase;   // "inputType"
        QString snakeCase;   // "input_type"
    };
    virtual Requirement requirement() const = 0;
};

// `explicit-model`: every chat, chat-stream, embed and rerank call names its `model`.
class ExplicitModelRule : public RequiredArgumentRule {
public:
    QString id() const override { return QStringLiteral("explicit-model"); }

protected:
    Requirement requirement() const override;
};

// `embed-input-type`: every embed call sets inputType / input_type.
class EmbedInputTypeRule : public RequiredArgumentRule {
public:
    QString id() const override { return QStringLiteral("embed-input-type"); }

protected:
    Requirement requirement() const override;
};

// `embed-embedding-types`: every embed call sets embeddingTypes / embedding_types.
class EmbedEmbeddingTypesRule : public RequiredArgumentRule {
public:
    QString id() const override { return QStringLiteral("embed-embedding-types"); }

protected:
    Requirement requirement() const override;
};

// `max-tokens`: every chat call caps maxTokens / max_tokens.
class MaxTokensRule : public RequiredArgumentRule {
public:
    QString id() const override { return QStringLiteral("max-tokens"); }

protected:
    Requirement requirement() const override;
};

// `no-hardcoded-keys`: a key-shaped literal given to a client or a key-like name. The finding
// shows the key masked (Redactor::maskKey), never the literal.
class NoHardcodedKeysRule : public SourceRule {
public:
    QString id() const override { return QStringLiteral("no-hardcoded-keys"); }
    void checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const override;
    void checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const override;
};

// `model-ids`: every model id literal is known to `catalogue` (Cohere's list for the key, or
// golive's bundled list), not deprecated, and serves the endpoint it is used with.
class ModelIdsRule : public SourceRule {
public:
    ModelIdsRule(ModelCatalogue catalogue, QString catalogueName);
    QString id() const override { return QStringLiteral("model-ids"); }
    void checkFile(const ScannedFile &file, QList<SourceFinding> &findings) const override;

private:
    ModelCatalogue m_catalogue;
    QString m_catalogueName; // "Cohere's model list for this key"
};

// `streaming` (a hint): whether chatStream / chat_stream is used anywhere.
class StreamingRule : public SourceRule {
public:
    QString id() const override { return QStringLiteral("streaming"); }
    void checkFile(const ScannedFile &, QList<SourceFinding> &) const override {}
    void checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const override;
};

// `error-handling` (a hint): whether the SDK's error classes are caught anywhere.
class ErrorHandlingRule : public SourceRule {
public:
    QString id() const override { return QStringLiteral("error-handling"); }
    void checkFile(const ScannedFile &, QList<SourceFinding> &) const override {}
    void checkTotals(const ScanTotals &totals, QList<SourceFinding> &findings) const override;
};

// Every rule, in the order the checklist lists their items.
std::vector<std::unique_ptr<SourceRule>> allSourceRules(const ModelCatalogue &catalogue,
                                                        const QString &catalogueName);
QStringList sourceRuleIds();

} // namespace golive
