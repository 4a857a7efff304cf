#pragma once

#include "src/common/Clock.h"
#include "src/common/Error.h"
#include "src/rollout/CommandJournal.h"
#include "src/rollout/KubectlRun.h"

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringDecoder>
#include <QTimer>

namespace golive {

// Runs one kubectl invocation at a time: an argument list straight to the binary (never a shell),
// output streamed live, a bound over the whole run, cancellable, and exactly one finished() per
// accepted start() (also when kubectl cannot be found: then no process is started at all).
// With a journal, each command is written down before its process starts and again when it ends.
class KubectlRunner : public QObject {
    Q_OBJECT
public:
    explicit KubectlRunner(const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~KubectlRunner() override;

    // `kubectlPath` empty: `kubectl` on PATH. Refuses (and reports nothing) only while a run is in
    // progress or for a non-positive timeout; everything else is reported through finished().
    Status start(const QString &kubectlPath, const QStringList &arguments, int timeoutMs);

    // Asks kubectl to stop (SIGTERM), kills it if it is still there after the grace period.
    void cancel();
    bool isRunning() const { return m_busy; }

    void setKillGracePeriodMs(int ms) { m_graceMs = ms; }
    // Every later start() is written to `journal` (not owned; may be null) first, for `origin`.
    // A mutating step's command that cannot be written down is not run (KubectlOutcome::
    // NotRecorded); a read-only step's runs with a warning on stderr.
    void setJournal(CommandJournal *journal, CommandOrigin origin)
    {
        m_journal = journal;
        m_origin = std::move(origin);
    }
    void setOutputCapBytes(qint64 bytes) { m_capBytes = bytes; }

    // The environment every kubectl gets: golive's, without the Cohere key under any name.
    static QProcessEnvironment childEnvironment();

    // The binary golive would run, or why there is none.
    static Result<QString> resolveProgram(const QString &kubectlPath);

    static constexpr int kDefaultKillGraceMs = 2000;
    static constexpr qint64 kDefaultOutputCapBytes = 256 * 1024;

Q_SIGNALS:
    void started(const QStringList &arguments, qint64 startedAtMs);
    void outputReceived(const QString &text, golive::OutputChannel channel);
    void finished(const golive::KubectlRun &run);

private:
    enum class StopReason { None, TimedOut, Cancelled };

    void launch();
    void onJournalAnswered(quint64 token, const Result<qint64> &seq);
    void readChannel(OutputChannel channel);
    void flushPendingOutput();
    void stopProcess(StopReason reason);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void report();

    const Clock &m_clock;
    QProcess *m_process = nullptr;
    QTimer m_timeout;
    QTimer m_killTimer;
    int m_timeoutMs = 0;
    int m_graceMs = kDefaultKillGraceMs;
    qint64 m_capBytes = kDefaultOutputCapBytes;
    bool m_busy = false;
    StopReason m_stopReason = StopReason::None;
    CommandJournal *m_journal = nullptr;
    CommandOrigin m_origin;
    bool m_awaitingJournal = false; // the intent is being written; no process yet
    quint64 m_journalToken = 0;     // answers for an earlier start() are ignored
    qint64 m_begunSeq = -1;         // the intent's record event, whose end is still to write
    KubectlRun m_run;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QByteArray m_stderrTail; // kept past the cap: kubectl's summary line comes last
    QString m_stdoutPending; // decoded output not yet shown: no line end yet
    QString m_stderrPending;
    QStringDecoder m_stdoutDecoder{QStringDecoder::Utf8};
    QStringDecoder m_stderrDecoder{QStringDecoder::Utf8};
};

} // namespace golive
