#pragma once

#include <QObject>
#include <QString>

class QSocketNotifier;

namespace golive::app {

// SIGINT and SIGTERM delivered through the event loop: the handler only writes the signal's
// number to a pipe (async-signal-safe), and a QSocketNotifier turns it into stopRequested().
// While one of these exists the signals no longer end golive at once; the owner cancels the
// running step (kubectl terminated, then killed after its grace period), records the
// interruption and exits. Destroying it restores the default handlers.
class StopSignals : public QObject {
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    // The exit code a command uses after `signalNumber`: 130 for SIGINT, 143 for SIGTERM.
    static int exitCodeFor(int signalNumber) { return 128 + signalNumber; }
    static QString nameOf(int signalNumber);

Q_SIGNALS:
    void stopRequested(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace golive::app
