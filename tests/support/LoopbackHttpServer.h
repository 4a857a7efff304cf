#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <utility>

class QTcpSocket;

namespace golive::test {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One HTTP/1.1 request as the server received it.
struct LoopbackRequest {
    QByteArray method;
    QString path;
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;
    int connectionId = 0;    // which TCP connection carried it (keep-alive checks)
    qint64 receivedAtMs = 0; // since the server was created

    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QJsonObject json() const; // the body as a JSON object; empty when it is not one
};

// What to answer, and how to (mis)behave while answering.
struct LoopbackResponse {
    enum class Delivery {
        Normal,          // status, headers, Content-Length, body; the connection stays open
        Trickle,         // Content-Length announced, body sent in small chunks on a timer
        ResetConnection, // abort the socket instead of answering (Qt resends such a request
                         // once on a fresh connection, so only a persistent reset is seen)
        ResetDuringBody, // status, headers and half the body, then abort the socket
        NeverAnswer,     // accept the request and stay silent
        EndlessChunked,  // Transfer-Encoding: chunked, 64 KiB chunks for as long as the client
                         // reads (each written when the previous one has left), never ending
    };

    int status = 200;
    HeaderList headers;
    QByteArray body;
    // false: no Content-Length, the body ends when the server closes the connection.
    bool announceLength = true;
    int delayMs = 0; // before the first byte of the answer (QTimer, not a sleep)
    Delivery delivery = Delivery::Normal;
    int trickleChunkBytes = 16;
    int trickleIntervalMs = 50;

    static LoopbackResponse json(int status, const QJsonObject &body);
};

// A small HTTP/1.1 server on 127.0.0.1 for tests: parses requests (keep-alive, Content-Length
// bodies), records them, and answers with whatever the handler returns. The base for the fake
// Cohere, team-health and status-page servers.
class LoopbackHttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<LoopbackResponse(const LoopbackRequest &)>;

    explicit LoopbackHttpServer(QObject *parent = nullptr);
    ~LoopbackHttpServer() override;

    bool listen(); // 127.0.0.1, a free port
    quint16 port() const;
    QUrl url(const QString &path = {}) const; // http://127.0.0.1:<port><path>

    void setHandler(Handler handler);
    const QList<LoopbackRequest> &requests() const { return m_requests; }
    int connectionsAccepted() const { return m_nextConnectionId - 1; }
    // Body bytes EndlessChunked answers have handed to the kernel so far, and whether their
    // client has gone (closed or aborted the connection).
    qint64 endlessBytesSent() const { return m_endlessBytesSent; }
    bool endlessClientGone() const { return m_endlessClientGone; }

Q_SIGNALS:
    void requestReceived(); // after it was recorded, before it is answered
    void endlessClientLeft(); // an EndlessChunked client closed its connection

private:
    struct Connection {
        int id = 0;
        QByteArray buffer;
        bool busy = false; // answering; the next request waits (no pipelining)
    };

    void onNewConnection();
    void processBuffer(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const LoopbackResponse &response, bool keepAlive);
    void trickle(QTcpSocket *socket, QByteArray remaining, int chunk, int intervalMs,
                 bool keepAlive);
    void answerDone(QTcpSocket *socket, bool keepAlive);
    static void refuse(QTcpSocket *socket, int status);
    void streamEndlessly(QTcpSocket *socket);

    QTcpServer m_server;
    Handler m_handler;
    QList<LoopbackRequest> m_requests;
    QHash<QTcpSocket *, Connection> m_connections;
    QElapsedTimer m_clock;
    int m_nextConnectionId = 1;
    qint64 m_endlessBytesSent = 0;
    bool m_endlessClientGone = false;
};

} // namespace golive::test
