#include "FakeCohereFault.h"

namespace golive::test {

FakeCohereFault FakeCohereFault::latency(int ms)
{
    FakeCohereFault fault;
    fault.delayMs = ms;
    return fault;
}

FakeCohereFault FakeCohereFault::status(int status, const QString &message)
{
    FakeCohereFault fault;
    fault.replacement = LoopbackResponse::json(
        status,
        {{"message", message.isEmpty() ? QStringLiteral("fake error %1").arg(status) : message},
         {"id", "fake-error-id"}});
    return fault;
}

FakeCohereFault FakeCohereFault::rateLimited(const QByteArray &retryAfter, const QString &message)
{
    FakeCohereFault fault = status(
        429, message.isEmpty()
                 ? QStringLiteral("You are past the per minute request limit, please wait and "
                                  "try again later.")
                 : message);
    if (!retryAfter.isEmpty())
        fault.replacement->headers.append({"Retry-After", retryAfter});
    return fault;
}

FakeCohereFault FakeCohereFault::billing()
{
    return status(402, QStringLiteral("Please add a payment method or raise your billing limit at "
                                      "dashboard.cohere.com/billing to continue."));
}

FakeCohereFault FakeCohereFault::quotaExhausted()
{
    return status(429, QStringLiteral("You are using a Trial key, which is limited to 1000 API "
                                      "calls / month. You can continue to use the Trial key for "
                                      "free or upgrade to a Production key."));
}

FakeCohereFault FakeCohereFault::edgeForbidden()
{
    FakeCohereFault fault;
    LoopbackResponse response;
    response.status = 403;
    response.headers = {{"Content-Type", "text/html"}};
    response.body = "<html><head><title>403 Forbidden</title></head><body><center><h1>403 "
                    "Forbidden</h1></center><hr><center>cloudfront</center></body></html>";
    fault.replacement = response;
    return fault;
}

FakeCohereFault FakeCohereFault::resetConnection()
{
    FakeCohereFault fault;
    fault.delivery = LoopbackResponse::Delivery::ResetDuringBody;
    return fault;
}

FakeCohereFault FakeCohereFault::neverAnswer()
{
    FakeCohereFault fault;
    fault.delivery = LoopbackResponse::Delivery::NeverAnswer;
    return fault;
}

FakeCohereFault FakeCohereFault::slowBody(int chunkBytes, int intervalMs)
{
    FakeCohereFault fault;
    fault.delivery = LoopbackResponse::Delivery::Trickle;
    fault.trickleChunkBytes = chunkBytes;
    fault.trickleIntervalMs = intervalMs;
    return fault;
}

FakeCohereFault FakeCohereFault::malformedJson()
{
    FakeCohereFault fault;
    LoopbackResponse response;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = R"({"id": "abc", "finish_reason": "COMPLETE", "message": {"role": )";
    fault.replacement = response;
    return fault;
}

FakeCohereFault FakeCohereFault::wrongShape()
{
    FakeCohereFault fault;
    fault.replacement = LoopbackResponse::json(200, {{"unexpected", true}});
    return fault;
}

FakeCohereFault FakeCohereFault::hugeBody(qint64 bytes, bool announceLength)
{
    FakeCohereFault fault;
    LoopbackResponse response;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = QByteArray(bytes, ' ');
    response.announceLength = announceLength;
    fault.replacement = response;
    // Sent in 64 KiB steps, so a client that stops early provably never receives the rest.
    fault.delivery = LoopbackResponse::Delivery::Trickle;
    fault.trickleChunkBytes = 64 * 1024;
    fault.trickleIntervalMs = 1;
    return fault;
}

FakeCohereFault FakeCohereFault::redirect(const QByteArray &location, int status)
{
    FakeCohereFault fault;
    LoopbackResponse response;
    response.status = status;
    response.headers = {{"Location", location}};
    fault.replacement = response;
    return fault;
}

FakeCohereFault FakeCohereFault::withHeader(const QByteArray &name, const QByteArray &value)
{
    FakeCohereFault fault;
    fault.extraHeaders.append({name, value});
    return fault;
}

FakeCohereFault FakeCohereFault::echoAuthorization(int status)
{
    FakeCohereFault fault;
    fault.echoAuthorizationStatus = status;
    return fault;
}

} // namespace golive::test
