#pragma once

#include "src/common/HttpOutcome.h"
#include "src/common/HttpRequestSpec.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace golive {

// One HTTP exchange over a shared QNetworkAccessManager, with the safety rules golive needs for
// anything that carries a credential:
//  - a deadline for the whole exchange (QTimer; on expiry the request is aborted → Timeout);
//  - a cap on the body, enforced while it arrives (abort as soon as it is passed → BodyTooLarge);
//  - redirects handled here, not by Qt: same-origin hops are followed (up to maxRedirects), a hop
//  to
//    another origin is refused so request headers (Authorization) never reach it;
//  - TLS errors are failures, never ignored.
// Reports exactly once through finished(), never from inside start(); cancel() reports Cancelled.
class HttpJob : public QObject {
    Q_OBJECT
public:
    HttpJob(QNetworkAccessManager &network, HttpRequestSpec spec, QObject *parent = nullptr);
    ~HttpJob() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }

    // "scheme://host:port" with the scheme's default port filled in; what "same origin" compares.
    static QString origin(const QUrl &url);
    static bool sameOrigin(const QUrl &a, const QUrl &b);

Q_SIGNALS:
    void finished(const golive::HttpOutcome &outcome);

private:
    void sendHop();
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void onDeadline();
    bool followRedirect(int status);
    void fail(HttpOutcomeKind kind, const QString &message);
    void finish(HttpOutcome outcome);
    void dropReply();
    void finishLater(HttpOutcomeKind kind, const QString &message);

    QNetworkAccessManager &m_network;
    HttpRequestSpec m_spec;
    QUrl m_hopUrl;
    QByteArray m_hopMethod;
    QByteArray m_hopBody;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    QByteArray m_body;
    qint64 m_bytesReceived = 0;
    QStringList m_tlsErrors;
    int m_redirects = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive
