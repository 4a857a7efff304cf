#pragma once

#include "src/common/Clock.h"

namespace golive::test {

// A clock that only moves when the test says so.
class FakeClock final : public Clock {
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC))
        : m_start(std::move(start))
    {
    }

    QDateTime nowUtc() const override { return m_start.addMSecs(m_elapsedMs); }
    qint64 monotonicMs() const override { return m_elapsedMs; }

    void advanceMs(qint64 ms) { m_elapsedMs += ms; }
    void advanceSeconds(qint64 s) { m_elapsedMs += s * 1000; }

private:
    QDateTime m_start;
    qint64 m_elapsedMs = 0;
};

} // namespace golive::test
