#pragma once

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <utility>

namespace golive {

// Everything one HTTP exchange needs. Plain data so callers build it and tests inspect it.
struct HttpRequestSpec {
    QByteArray method = "GET";
    QUrl url;
    // Sent verbatim, in order. May hold credentials: they go to the origin of `url` only, because
    // HttpJob refuses any redirect that leaves that origin.
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int timeoutMs = 30'000;            // for the whole exchange, redirects and body included
    qint64 maxBodyBytes = 1024 * 1024; // larger answers are aborted, never buffered
    int maxRedirects = 3;              // same-origin hops; other origins are always refused
};

} // namespace golive
