#pragma once

#include <QString>

namespace golive {

// The one place that decides what a secret looks like in text meant for people or logs.
//
// A process-wide registry: whoever learns a secret (the key store, a test) registers it, and every
// log line passes through redact() before it is written anywhere. Besides the registered secrets,
// redact() masks the shapes a credential takes in HTTP traces, JSON bodies and shell environments,
// so even a secret nobody registered is caught in those places. All functions are thread-safe.
class Redactor {
public:
    // What a masked secret is replaced with.
    static QString placeholder();

    // Registrations are counted: two owners of the same secret must both forget it before it is
    // no longer masked. An empty secret is ignored (masking "" would be meaningless).
    static void registerSecret(const QString &secret);
    static void forgetSecret(const QString &secret);
    static bool isRegistered(const QString &secret);
    // Whether `text` holds any registered secret (to keep it out of a child's environment).
    static bool containsSecret(const QString &text);

    // Masks every registered secret (exact substrings, longest first), `Authorization:` header
    // values, `Bearer <token>`, the JSON values of "api_key" / "token" (and their usual
    // spellings), `CO_API_KEY=<value>`, and the credentials a kubeconfig holds (`token:`,
    // `client-key-data:`, `client-certificate-data:`, `password:`, in YAML or JSON).
    static QString redact(QString text);

    // A key as the UI may show it: at most the first 4 and last 4 characters (`abcd…wxyz`), fewer
    // for short keys so that at least half stays hidden, and for keys of 8 characters or less
    // nothing but the length.
    static QString maskKey(const QString &key);
};

} // namespace golive
