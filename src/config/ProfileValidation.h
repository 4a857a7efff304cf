#pragma once

#include <QString>

#include <optional>

// Rules for the free-text fields of a profile. Each returns what is wrong with a value, or nullopt
// when it is acceptable, so the loader and any editor can show the same message.
namespace golive::validation {

// A Kubernetes namespace or deployment name (DNS-1123 label): lowercase letters, digits and '-',
// starting and ending with a letter or digit, at most 63 characters.
std::optional<QString> kubernetesName(const QString &name);

// A kubeconfig context name: kubectl allows almost anything, but whitespace or control characters
// would be a pasted mistake, and a leading '-' would read as an option on the command line.
std::optional<QString> kubeContext(const QString &context);

// A file path from the profile (kubectl binary, kubeconfig, manifest): no control characters.
std::optional<QString> filePath(const QString &path);
// A folder: a non-empty filePath().
std::optional<QString> folderPath(const QString &path);

// A Cohere model id: non-empty, no whitespace or control characters.
std::optional<QString> modelId(const QString &model);

// Text a probe sends: non-empty, at most maxChars, no control characters but tab or newline.
std::optional<QString> probeText(const QString &text, int maxChars);

// One of the Embed API's text input types (`EmbedInputType` in the Cohere v2 contract).
std::optional<QString> embedInputType(const QString &inputType);

// One of the Embed API's embedding types (`EmbeddingType` in the Cohere v2 contract).
std::optional<QString> embeddingType(const QString &type);

} // namespace golive::validation
