#pragma once

#include "src/cohere/KeyVerification.h"
#include "src/common/Error.h"
#include "src/secrets/KeyVerifier.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace golive {

class CohereCall;
class CohereClient;

// Asks Cohere whether a key works (POST /v1/check-api-key) before KeyStore lets it replace the
// key in use, and for the key dialog's "Verify now".
//
// Each check reports exactly once, never from inside the call that started it. The timeout is
// the client's (request timeout and retry budget from the profile); cancel() ends every running
// check, which then reports "cancelled". Messages never contain the key.
class CohereKeyVerifier : public QObject, public KeyVerifier {
    Q_OBJECT
public:
    using Done = std::function<void(Result<KeyVerification>)>;

    explicit CohereKeyVerifier(CohereClient &client, QObject *parent = nullptr);
    // Running checks are reported as cancelled, so nobody waits for an answer that cannot come.
    ~CohereKeyVerifier() override;

    // Everything Cohere said about the key: validity, ids, what is known of its kind. An Error
    // (kind "key-check-failed" or "cancelled") when Cohere could not be asked or did not answer.
    void check(const QString &key, Done done);

    // KeyVerifier: nullopt when Cohere accepted the key; otherwise why not (kind "key-rejected"
    // for a key Cohere refused, "key-check-failed" when it could not be verified at all).
    void verify(const QString &key, std::function<void(Status)> done) override;

    // Turns a full answer into the verifier's accept/reject verdict.
    static Status verdict(const Result<KeyVerification> &verification);

    void cancel();
    bool isBusy() const { return !m_calls.isEmpty(); }

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    struct Pending {
        QPointer<CohereCall> call;
        Done done;
    };

    void onFinished(CohereCall *call, const CohereOutcome &outcome, const QString &key);

    CohereClient &m_client;
    QList<Pending> m_calls;
};

} // namespace golive
