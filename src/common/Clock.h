#pragma once

#include <QDateTime>

namespace golive {

// Every time window in golive (circuit breaker reset, 5-minute error rate, 10-minute canary watch)
// reads time through a Clock, so tests advance a fake one instead of sleeping.
class Clock {
public:
    virtual ~Clock() = default;

    // Wall-clock time, UTC. For records and display.
    virtual QDateTime nowUtc() const = 0;

    // Monotonic milliseconds from an arbitrary origin. For durations and windows.
    virtual qint64 monotonicMs() const = 0;
};

// The real clock.
class SystemClock final : public Clock {
public:
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

    // A process-wide instance for code that is not given a clock explicitly.
    static const Clock &instance();
};

} // namespace golive
