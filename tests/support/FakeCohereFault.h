#pragma once

#include "LoopbackHttpServer.h"

#include <optional>

namespace golive::test {

// One scripted misbehaviour of FakeCohereServer, consumed by the next request (whatever its
// endpoint). Without `replacement` the request is validated and answered normally, only delivered
// as `delivery`/`delayMs` say.
struct FakeCohereFault {
    std::optional<LoopbackResponse> replacement;
    int delayMs = 0;
    LoopbackResponse::Delivery delivery = LoopbackResponse::Delivery::Normal;
    int trickleChunkBytes = 16;
    int trickleIntervalMs = 50;

    // The normal answer, after `ms`.
    static FakeCohereFault latency(int ms);
    // A Cohere error body {"message": ...} with this status (401, 498, 500, 503, 504, ...).
    static FakeCohereFault status(int status, const QString &message = {});
    // 429 with a Retry-After header (seconds or HTTP date; empty = no header).
    static FakeCohereFault rateLimited(const QByteArray &retryAfter, const QString &message = {});
    // Cohere's documented error classes, with bodies as Cohere words them.
    static FakeCohereFault billing(); // 402: billing limit / payment method
    // 429 whose message names the trial key's monthly limit (quota, not a rate limit).
    static FakeCohereFault quotaExhausted();
    // 403 with an HTML page from the edge (a CDN or firewall), not Cohere's JSON.
    static FakeCohereFault edgeForbidden();
    // Starts the normal answer, then aborts the socket halfway through the body.
    static FakeCohereFault resetConnection();
    static FakeCohereFault neverAnswer();
    // The normal answer, its body sent `chunkBytes` at a time every `intervalMs`.
    static FakeCohereFault slowBody(int chunkBytes, int intervalMs);
    static FakeCohereFault malformedJson();
    static FakeCohereFault wrongShape(); // valid JSON, missing the spec's required fields
    // A 200 whose body is `bytes` long; announced in Content-Length or delimited by closing.
    static FakeCohereFault hugeBody(qint64 bytes, bool announceLength = true);
    // A redirect; `location` may be absolute (another origin) or a path (same origin).
    static FakeCohereFault redirect(const QByteArray &location, int status = 307);
    // The normal answer with an extra response header.
    static FakeCohereFault withHeader(const QByteArray &name, const QByteArray &value);

    // A Cohere error body with this status whose message quotes the request's Authorization
    // header back, as a misbehaving gateway might: the key must still reach no log or message.
    static FakeCohereFault echoAuthorization(int status);

    HeaderList extraHeaders;
    std::optional<int> echoAuthorizationStatus;
};

} // namespace golive::test
