#include "LoopbackHttpServer.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace golive::test {

namespace {

constexpr qsizetype maxHeadBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 498:
        return "Invalid Token";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray findHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

QByteArray LoopbackRequest::header(const QByteArray &name) const
{
    return findHeader(headers, name);
}

bool LoopbackRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QJsonObject LoopbackRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

LoopbackResponse LoopbackResponse::json(int status, const QJsonObject &body)
{
    LoopbackResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

LoopbackHttpServer::LoopbackHttpServer(QObject *parent) : QObject(parent)
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackHttpServer::onNewConnection);
}

LoopbackHttpServer::~LoopbackHttpServer()
{
    m_server.close();
    const auto sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        delete socket;
    }
}

bool LoopbackHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 LoopbackHttpServer::port() const
{
    return m_server.serverPort();
}

QUrl LoopbackHttpServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

void LoopbackHttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void LoopbackHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(nullptr);
        m_connections.insert(socket, Connection{m_nextConnectionId++, {}, false});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (!m_connections.contains(socket))
                return;
            m_connections[socket].buffer += socket->readAll();
            processBuffer(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackHttpServer::refuse(QTcpSocket *socket, int status)
{
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                  "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    socket->disconnectFromHost();
}

void LoopbackHttpServer::processBuffer(QTcpSocket *socket)
{
    Connection &connection = m_connections[socket];
    if (connection.busy || connection.buffer.isEmpty())
        return;
    // Anything that does not start like a request line (e.g. a TLS ClientHello) is refused the way
    // a plain-HTTP server would: a 400 and a closed connection.
    const char first = connection.buffer.at(0);
    if (first < 'A' || first > 'Z') {
        connection.buffer.clear();
        refuse(socket, 400);
        return;
    }
    const qsizetype headEnd = connection.buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (connection.buffer.size() > maxHeadBytes)
            refuse(socket, 431);
        return;
    }
    const QList<QByteArray> lines = connection.buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        refuse(socket, 400);
        return;
    }
    LoopbackRequest request;
    request.method = requestLine.at(0);
    const QUrl target = QUrl::fromEncoded(requestLine.at(1));
    request.path = target.path();
    request.query = QUrlQuery(target);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    if (!request.header("Transfer-Encoding").isEmpty()) {
        refuse(socket, 501);
        return;
    }
    const qint64 length = request.header("Content-Length").toLongLong();
    if (connection.buffer.size() < headEnd + 4 + length)
        return; // the body is still arriving
    request.body = connection.buffer.mid(headEnd + 4, length);
    connection.buffer.remove(0, headEnd + 4 + length);
    request.connectionId = connection.id;
    request.receivedAtMs = m_clock.elapsed();
    m_requests.append(request);
    Q_EMIT requestReceived();

    const bool keepAlive = request.header("Connection").toLower() != "close";
    const LoopbackResponse response =
        m_handler ? m_handler(request) : LoopbackResponse::json(404, {{"message", "no handler"}});
    connection.busy = true;
    QPointer<QTcpSocket> guarded(socket);
    QTimer::singleShot(std::max(0, response.delayMs), this, [this, guarded, response, keepAlive] {
        if (guarded)
            respond(guarded, response, keepAlive);
    });
}

void LoopbackHttpServer::streamEndlessly(QTcpSocket *socket)
{
    static const QByteArray chunk = [] {
        constexpr int size = 64 * 1024;
        return QByteArray::number(size, 16) + "\r\n" + QByteArray(size, 'x') + "\r\n";
    }();
    constexpr qint64 bodyPerChunk = 64 * 1024;
    const auto sendMore = [this, socket] {
        // One chunk in flight at a time: the server's own buffer never grows, so what was sent
        // is what the kernel took, which only a reading client drains.
        if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesToWrite() > 0)
            return;
        socket->write(chunk);
        m_endlessBytesSent += bodyPerChunk;
    };
    connect(socket, &QTcpSocket::bytesWritten, this, sendMore);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        m_endlessClientGone = true;
        Q_EMIT endlessClientLeft();
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
        if (!m_endlessClientGone && socket->state() != QAbstractSocket::ConnectedState) {
            m_endlessClientGone = true;
            Q_EMIT endlessClientLeft();
        }
    });
    sendMore();
}

void LoopbackHttpServer::respond(QTcpSocket *socket, const LoopbackResponse &response,
                                 bool keepAlive)
{
    using Delivery = LoopbackResponse::Delivery;
    if (response.delivery == Delivery::NeverAnswer)
        return;
    if (response.delivery == Delivery::ResetConnection) {
        socket->abort();
        return;
    }
    if (response.delivery == Delivery::EndlessChunked) {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                          reasonPhrase(response.status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            head += name + ": " + value + "\r\n";
        head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        socket->write(head);
        streamEndlessly(socket);
        return;
    }
    const bool closeDelimited = !response.announceLength;
    keepAlive = keepAlive && !closeDelimited;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                      reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    if (!closeDelimited)
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    socket->write(head);
    if (response.delivery == Delivery::ResetDuringBody) {
        socket->write(response.body.left(response.body.size() / 2));
        socket->flush();
        socket->abort();
        return;
    }
    if (response.delivery == Delivery::Trickle) {
        trickle(socket, response.body, std::max(1, response.trickleChunkBytes),
                std::max(1, response.trickleIntervalMs), keepAlive);
        return;
    }
    socket->write(response.body);
    answerDone(socket, keepAlive);
}

void LoopbackHttpServer::trickle(QTcpSocket *socket, QByteArray remaining, int chunk,
                                 int intervalMs, bool keepAlive)
{
    if (remaining.isEmpty()) {
        answerDone(socket, keepAlive);
        return;
    }
    socket->write(remaining.left(chunk));
    remaining.remove(0, chunk);
    QPointer<QTcpSocket> guarded(socket);
    QTimer::singleShot(intervalMs, this, [=, this] {
        if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
            trickle(guarded, remaining, chunk, intervalMs, keepAlive);
    });
}

void LoopbackHttpServer::answerDone(QTcpSocket *socket, bool keepAlive)
{
    if (!keepAlive) {
        socket->disconnectFromHost();
        return;
    }
    const auto connection = m_connections.find(socket);
    if (connection == m_connections.end())
        return;
    connection->busy = false;
    processBuffer(socket);
}

} // namespace golive::test
