#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <utility>

namespace golive {

// How an HTTP exchange ended. "Completed" means a status line and the whole body arrived, whatever
// the status; everything else means there is no trustworthy answer.
enum class HttpOutcomeKind {
    Completed,
    Timeout,         // the job's deadline passed first
    Network,         // DNS, refused, reset, protocol trouble
    Tls,             // handshake or certificate failure; never ignored
    RefusedRedirect, // a redirect to another origin, or too many hops
    BodyTooLarge,    // aborted once the body passed the cap
    Cancelled,       // the owner called cancel()
};

struct HttpOutcome {
    HttpOutcomeKind kind = HttpOutcomeKind::Network;
    int status = 0; // 0 when no status line arrived
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // response headers of the final hop
    QString message;                                  // human detail for anything but Completed
    qint64 latencyMs = 0;     // from sending the first request to the last byte (or the failure)
    qint64 bytesReceived = 0; // body bytes of the final hop actually read
    int redirectsFollowed = 0;
    QUrl finalUrl;

    bool completed() const { return kind == HttpOutcomeKind::Completed; }

    // Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray &name) const;
};

// "1 MiB", "512 KiB", "300 bytes": sizes as people read them in messages.
QString formatByteSize(qint64 bytes);

} // namespace golive

Q_DECLARE_METATYPE(golive::HttpOutcome)
