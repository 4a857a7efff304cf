#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// Rules for the free-text fields of a profile. Each returns what is wrong with a value, or nullopt
// when it is acceptable, so the loader and any editor can show the same message.
namespace golive::validation {

// A Kubernetes namespace or deployment name (DNS-1123 label): lowercase letters, digits and '-',
// starting and ending with a letter or digit, at most 63 characters.
std::optional<QString> kubernetesName(const QString &name);

// A pod name (DNS-1123 subdomain): lowercase letters, digits, '-' and '.', starting and ending
// with a letter or digit, at most 253 characters. Checked before a name goes into a proxy path.
std::optional<QString> podName(const QString &name);

// The path of a pod's health endpoint (`canary.pod_health.path`): starts with '/', at most 512
// characters, only unreserved URL path characters, no "..", no query or fragment.
std::optional<QString> podProxyPath(const QString &path);

// A kubeconfig context name: kubectl allows almost anything, but whitespace or control characters
// would be a pasted mistake, and a leading '-' would read as an option on the command line.
std::optional<QString> kubeContext(const QString &context);

// A file path from the profile (kubectl binary, kubeconfig, manifest): no control characters.
std::optional<QString> filePath(const QString &path);
// A folder: a non-empty filePath().
std::optional<QString> folderPath(const QString &path);

// A program to run (kubectl.path): a file path that is absolute, or a bare name looked up on
// PATH; "./kubectl" or "bin/kubectl" would depend on the directory golive was started in.
std::optional<QString> executablePath(const QString &path);

// A Cohere model id: non-empty, no whitespace or control characters.
std::optional<QString> modelId(const QString &model);

// Text a probe sends: non-empty, at most maxChars, no control characters but tab or newline.
std::optional<QString> probeText(const QString &text, int maxChars);

// One of the Embed API's text input types (`EmbedInputType` in the Cohere v2 contract).
std::optional<QString> embedInputType(const QString &inputType);

// One of the Embed API's embedding types (`EmbeddingType` in the Cohere v2 contract).
std::optional<QString> embeddingType(const QString &type);

// A PromQL template of `prometheus.queries.*`: non-empty, at most 4000 characters, no control
// characters, and only the placeholders in `allowed` (e.g. ${version}, ${window}); `required`
// ones must appear (a per-version query without ${version} reads the same for canary and
// stable).
std::optional<QString> promqlTemplate(const QString &text, const QStringList &allowed,
                                      const QStringList &required);

// A Prometheus duration as golive reads it: `5m`, `1h30m`, `90s`, `1d`.
std::optional<QString> promDuration(const QString &duration);

// An environment variable name ([A-Za-z_][A-Za-z0-9_]*), and not CO_API_KEY: the Cohere key is
// never sent anywhere but Cohere.
std::optional<QString> tokenEnvironmentVariable(const QString &name);

// An HTTP header a team adds to its Prometheus queries: a header name (RFC 9110 token) that is
// not a credential (Authorization, Cookie: a secret would live in the repo; use
// bearer_token_env) and not one golive sets itself (Host, Content-Type, Content-Length).
std::optional<QString> extraHeaderName(const QString &name);
// Its value: at most 1000 characters, no control characters (no header injection).
std::optional<QString> extraHeaderValue(const QString &value);

} // namespace golive::validation
