#include "src/common/HttpJob.h"

#include "src/common/UrlText.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

namespace golive {

namespace {

constexpr qint64 readChunkBytes = 64 * 1024;

// Qt reports HTTP error statuses as QNetworkReply errors too; those are answers, not failures.
bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    const int code = int(error);
    return (code >= 201 && code <= 299) // content errors: 401, 403, 404, 409, 410, other 4xx
           || error == QNetworkReply::ProtocolInvalidOperationError // 400
           || (code >= 401 && code <= 499);                         // 5xx
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

HttpJob::HttpJob(QNetworkAccessManager &network, HttpRequestSpec spec, QObject *parent)
    : QObject(parent), m_network(network), m_spec(std::move(spec))
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer); // a deadline should not expire early
    connect(&m_deadline, &QTimer::timeout, this, &HttpJob::onDeadline);
}

HttpJob::~HttpJob()
{
    dropReply();
}

QString HttpJob::origin(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https")  ? 443
                            : scheme == QLatin1String("http") ? 80
                                                              : -1;
    return QStringLiteral("%1://%2:%3")
        .arg(scheme, url.host().toLower())
        .arg(url.port(defaultPort));
}

bool HttpJob::sameOrigin(const QUrl &a, const QUrl &b)
{
    return origin(a) == origin(b);
}

void HttpJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    m_elapsed.start();
    const QString scheme = m_spec.url.scheme().toLower();
    if (!m_spec.url.isValid() || m_spec.url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        finishLater(HttpOutcomeKind::Network,
                    QStringLiteral("invalid URL \"%1\": need http:// or https:// and a host")
                        .arg(displayUrl(m_spec.url)));
        return;
    }
    m_hopUrl = m_spec.url;
    m_hopMethod = m_spec.method;
    m_hopBody = m_spec.body;
    m_deadline.start(std::max(1, m_spec.timeoutMs));
    sendHop();
}

void HttpJob::cancel()
{
    if (!m_finished)
        fail(HttpOutcomeKind::Cancelled, QStringLiteral("cancelled"));
}

void HttpJob::sendHop()
{
    QNetworkRequest request(m_hopUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : m_spec.headers)
        request.setRawHeader(name, value);
    m_body.clear();
    m_bytesReceived = 0;
    m_tlsErrors.clear();
    m_reply = m_network.sendCustomRequest(request, m_hopMethod, m_hopBody);
    // Without a bound Qt reads as fast as the peer sends, so an oversize body could be buffered
    // whole before the cap is checked; with it Qt pauses reading until we have drained the chunk.
    const qint64 readBufferBytes = std::min<qint64>(m_spec.maxBodyBytes + 1, readChunkBytes);
    m_reply->setReadBufferSize(readBufferBytes);
    // Qt hands that limit to its HTTP thread only once the request has started there (a queued
    // step after sendCustomRequest returns); a limit set before is lost, and the HTTP thread then
    // reads as fast as the peer sends, queueing the whole body for us (a 1 GiB chunked body was
    // 1 GiB of memory). Set it again once the request is under way.
    QTimer::singleShot(0, m_reply, [reply = m_reply, readBufferBytes] {
        if (reply && reply->isRunning())
            reply->setReadBufferSize(readBufferBytes);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpJob::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
#if QT_CONFIG(ssl)
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            m_tlsErrors << error.errorString();
    });
#endif
}

void HttpJob::onMetaDataChanged()
{
    // Refuse an announced oversize body before a byte of it is read.
    bool known = false;
    const qint64 announced =
        m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
    if (known && announced > m_spec.maxBodyBytes) {
        fail(HttpOutcomeKind::BodyTooLarge,
             QStringLiteral("response larger than %1 (server announced %2)")
                 .arg(formatByteSize(m_spec.maxBodyBytes), formatByteSize(announced)));
        return;
    }
    // A known length within the cap is bounded already; lifting the read limit lets Qt hand the
    // kept-alive connection back for reuse (a limited reply's connection is not reused).
    if (known)
        m_reply->setReadBufferSize(0);
}

void HttpJob::onReadyRead()
{
    const QByteArray chunk = m_reply->readAll();
    m_bytesReceived += chunk.size();
    if (m_bytesReceived > m_spec.maxBodyBytes) {
        fail(HttpOutcomeKind::BodyTooLarge,
             QStringLiteral("response larger than %1").arg(formatByteSize(m_spec.maxBodyBytes)));
        return;
    }
    m_body += chunk;
}

void HttpJob::onReplyFinished()
{
    onReadyRead();
    if (m_finished)
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    const QVariant statusAttribute = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const bool answered =
        status > 0 && (error == QNetworkReply::NoError || isHttpStatusError(error));

    if (!m_tlsErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        const QString detail =
            m_tlsErrors.isEmpty() ? m_reply->errorString() : m_tlsErrors.join(QStringLiteral("; "));
        fail(HttpOutcomeKind::Tls,
             QStringLiteral("TLS failure with %1: %2").arg(origin(m_hopUrl), detail));
        return;
    }
    if (!answered) {
        const QString detail = m_reply->errorString();
        fail(HttpOutcomeKind::Network,
             status > 0 ? QStringLiteral("connection broke off during the answer: %1").arg(detail)
                        : detail);
        return;
    }
    if (isRedirectStatus(status) && followRedirect(status))
        return;
    if (m_finished)
        return;

    HttpOutcome outcome;
    outcome.kind = HttpOutcomeKind::Completed;
    outcome.status = status;
    outcome.body = std::move(m_body);
    const auto rawHeaders = m_reply->rawHeaderPairs();
    for (const auto &pair : rawHeaders)
        outcome.headers.append({pair.first, pair.second});
    finish(std::move(outcome));
}

// Returns true when a new hop was sent; false when the job finished (refused) instead.
bool HttpJob::followRedirect(int status)
{
    const QByteArray location = m_reply->rawHeader("Location");
    if (location.isEmpty()) {
        fail(HttpOutcomeKind::Network,
             QStringLiteral("redirect (HTTP %1) without a Location header").arg(status));
        return false;
    }
    const QUrl target = m_hopUrl.resolved(QUrl::fromEncoded(location));
    if (!sameOrigin(target, m_spec.url)) {
        fail(HttpOutcomeKind::RefusedRedirect,
             QStringLiteral("refused redirect to other origin %1").arg(origin(target)));
        return false;
    }
    if (m_redirects >= m_spec.maxRedirects) {
        fail(HttpOutcomeKind::RefusedRedirect,
             QStringLiteral("refused redirect number %1 (limit %2)")
                 .arg(m_redirects + 1)
                 .arg(m_spec.maxRedirects));
        return false;
    }
    ++m_redirects;
    // 303, and 301/302 after a POST, turn into a GET without body (what every browser does);
    // 307/308 repeat the request as it was.
    if (status == 303 || ((status == 301 || status == 302) && m_hopMethod == "POST")) {
        m_hopMethod = "GET";
        m_hopBody.clear();
    }
    m_hopUrl = target;
    dropReply();
    sendHop();
    return true;
}

void HttpJob::onDeadline()
{
    if (m_finished)
        return;
    const bool headersSeen =
        m_reply && m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    fail(HttpOutcomeKind::Timeout,
         headersSeen ? QStringLiteral("the answer was still arriving after %1 ms (%2 received)")
                           .arg(m_spec.timeoutMs)
                           .arg(formatByteSize(m_bytesReceived))
                     : QStringLiteral("no answer within %1 ms").arg(m_spec.timeoutMs));
}

void HttpJob::fail(HttpOutcomeKind kind, const QString &message)
{
    HttpOutcome outcome;
    outcome.kind = kind;
    outcome.message = message;
    if (m_reply) {
        const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        outcome.status = status.isValid() ? status.toInt() : 0;
    }
    finish(std::move(outcome));
}

void HttpJob::finishLater(HttpOutcomeKind kind, const QString &message)
{
    QMetaObject::invokeMethod(
        this,
        [this, kind, message] {
            if (!m_finished)
                fail(kind, message);
        },
        Qt::QueuedConnection);
}

void HttpJob::finish(HttpOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    outcome.latencyMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    outcome.bytesReceived = m_bytesReceived;
    outcome.redirectsFollowed = m_redirects;
    outcome.finalUrl = m_hopUrl;
    dropReply();
    // Credentials live no longer than the exchange.
    m_spec.headers.clear();
    m_body.clear();
    Q_EMIT finished(outcome);
}

void HttpJob::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

} // namespace golive
