#pragma once

#include "src/cohere/CircuitBreaker.h"
#include "src/cohere/CohereEndpoint.h"
#include "src/cohere/CohereOutcome.h"
#include "src/cohere/RetryPolicy.h"
#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/common/HttpOutcome.h"
#include "src/config/CohereSettings.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;

namespace golive {

class HttpJob;

// One logical Cohere call: circuit-breaker admission, then attempts (one HttpJob each) with waits
// from the RetryPolicy in between (QTimer, never a sleep). Reports exactly once via finished(),
// never from inside start(); cancel() reports Cancelled. Created and started by CohereClient; it
// deletes itself after reporting, so keep the outcome, not the pointer.
class CohereCall : public QObject {
    Q_OBJECT
public:
    using KeyProvider = std::function<QString()>;
    using Fallback = std::function<QJsonObject()>;

    struct Setup {
        CohereEndpoint endpoint = CohereEndpoint::Chat;
        Result<QJsonObject> body = QJsonObject(); // an Error here is reported as RequestError
        QUrlQuery query;
        CohereSettings settings;
        KeyProvider key;
        Fallback fallback;                 // answer while the breaker is open, if any
        CircuitBreaker *breaker = nullptr; // outlives the call (owned by the client)
        RetryPolicy::RandomSource random;
    };

    CohereCall(QNetworkAccessManager &network, Setup setup, const Clock &clock,
               QObject *parent = nullptr);
    ~CohereCall() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    CohereEndpoint endpoint() const { return m_setup.endpoint; }

Q_SIGNALS:
    // A retry is planned: `attempt` requests went out, the next follows after delayMs.
    void retryScheduled(int attempt, qint64 delayMs, const QString &reason);
    void finished(const golive::CohereOutcome &outcome);

private:
    void sendAttempt();
    void onAttemptFinished(const HttpOutcome &http);
    void finishWith(CohereOutcomeKind kind, const QString &message);
    void finishLater(CohereOutcomeKind kind, const QString &message);
    void finish(CohereOutcome outcome);
    QString redacted(QString text) const;

    QNetworkAccessManager &m_network;
    Setup m_setup;
    const Clock &m_clock;
    RetryPolicy m_policy;
    QPointer<HttpJob> m_job;
    QTimer m_retryTimer;
    QElapsedTimer m_elapsed;
    QString m_keyInUse; // only to scrub it from messages; cleared when the call ends
    int m_attempts = 0;
    int m_rateLimitedResponses = 0;
    bool m_admitted = false;
    bool m_trial = false;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive
