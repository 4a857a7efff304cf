#include "src/rollout/KubectlRunner.h"

#include "src/secrets/Redactor.h"

#include <QFileInfo>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>
#include <utility>

namespace golive {

namespace {

constexpr qsizetype kStderrTailBytes = 4096;

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 4) + QStringLiteral(" s");
}

} // namespace

KubectlRunner::KubectlRunner(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    m_timeout.setSingleShot(true);
    m_killTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { stopProcess(StopReason::TimedOut); });
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (!m_process)
            return;
        m_run.killed = true;
        m_process->kill();
    });
}

KubectlRunner::~KubectlRunner()
{
    if (m_process) {
        // Nobody is left to hear about it; make sure the process does not outlive us.
        m_process->disconnect(this);
        m_process->kill();
    }
}

Result<QString> KubectlRunner::resolveProgram(const QString &kubectlPath)
{
    if (kubectlPath.isEmpty()) {
        const QString found = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        if (found.isEmpty())
            return Error{QStringLiteral("kubectl-missing"),
                         QStringLiteral("kubectl not found: set kubectl.path in the profile or "
                                        "install kubectl.")};
        return found;
    }
    const QFileInfo info(kubectlPath);
    if (!info.isAbsolute())
        return Error{
            QStringLiteral("kubectl-missing"),
            QStringLiteral("kubectl.path \"%1\" must be an absolute path.").arg(kubectlPath)};
    if (!info.exists())
        return Error{QStringLiteral("kubectl-missing"),
                     QStringLiteral("kubectl not found at kubectl.path \"%1\": set kubectl.path in "
                                    "the profile or install kubectl.")
                         .arg(kubectlPath)};
    if (!info.isFile() || !info.isExecutable())
        return Error{
            QStringLiteral("kubectl-missing"),
            QStringLiteral("kubectl.path \"%1\" is not an executable file.").arg(kubectlPath)};
    return info.absoluteFilePath();
}

Status KubectlRunner::start(const QString &kubectlPath, const QStringList &arguments, int timeoutMs)
{
    if (m_busy)
        return Error{QStringLiteral("busy"),
                     QStringLiteral("kubectl is still running: %1").arg(m_run.commandLine())};
    if (timeoutMs <= 0)
        return Error{QStringLiteral("invalid-argument"),
                     QStringLiteral("A kubectl run needs a positive timeout.")};

    m_busy = true;
    m_begunSeq = -1;
    m_run = KubectlRun{};
    m_run.arguments = arguments;
    m_run.requestedAtMs = m_clock.monotonicMs();
    m_stopReason = StopReason::None;
    m_stdout.clear();
    m_stderr.clear();
    m_stderrTail.clear();
    m_stdoutDecoder.resetState();
    m_stderrDecoder.resetState();
    m_stdoutPending.clear();
    m_stderrPending.clear();
    m_timeoutMs = timeoutMs;

    const auto program = resolveProgram(kubectlPath);
    if (!program) {
        m_run.outcome = KubectlOutcome::KubectlMissing;
        m_run.message = program.error().message;
        // Reported from the event loop like every other outcome, so callers never re-enter.
        QMetaObject::invokeMethod(this, &KubectlRunner::report, Qt::QueuedConnection);
        return std::nullopt;
    }
    m_run.program = program.value();
    if (!m_journal) {
        launch();
        return std::nullopt;
    }
    // Write-ahead: the command is on disk before its process exists.
    m_awaitingJournal = true;
    const quint64 token = ++m_journalToken;
    m_journal->begin({m_origin, m_run.program, m_run.arguments}, this,
                     [this, token](Result<qint64> seq) { onJournalAnswered(token, seq); });
    return std::nullopt;
}

void KubectlRunner::onJournalAnswered(quint64 token, const Result<qint64> &seq)
{
    if (!m_awaitingJournal || token != m_journalToken)
        return;
    m_awaitingJournal = false;
    if (!seq.ok() && m_origin.mutatingStep) {
        m_run.outcome = KubectlOutcome::NotRecorded;
        m_run.message = QStringLiteral("kubectl was not run: the release record cannot be "
                                       "written, and a production change is recorded before it "
                                       "happens or not made. %1")
                            .arg(seq.error().message);
        return report();
    }
    if (seq.ok())
        m_begunSeq = seq.value();
    if (m_stopReason == StopReason::Cancelled) {
        m_run.outcome = KubectlOutcome::Cancelled;
        m_run.message = QStringLiteral("Cancelled before kubectl started.");
        return report();
    }
    if (!seq.ok())
        Q_EMIT outputReceived(QStringLiteral("golive: WARNING: this command is NOT being recorded "
                                             "(the release record cannot be written): %1\n")
                                  .arg(seq.error().message),
                              OutputChannel::Stderr);
    launch();
}

void KubectlRunner::launch()
{
    m_process = new QProcess(this);
    m_process->setProgram(m_run.program);
    m_process->setArguments(m_run.arguments);
    m_process->setProcessEnvironment(childEnvironment());
    // kubectl dies with golive (Linux): a killed console must not leave a change running unseen.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    // kubectl must never sit waiting for an answer nobody can type.
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::started, this, [this] {
        m_run.startedAtMs = m_clock.monotonicMs();
        Q_EMIT started(m_run.arguments, m_run.startedAtMs);
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { readChannel(OutputChannel::Stdout); });
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this] { readChannel(OutputChannel::Stderr); });
    connect(m_process, &QProcess::finished, this, &KubectlRunner::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &KubectlRunner::onProcessError);
    m_timeout.start(m_timeoutMs);
    m_process->start();
}

void KubectlRunner::cancel()
{
    stopProcess(StopReason::Cancelled);
}

void KubectlRunner::stopProcess(StopReason reason)
{
    if (m_awaitingJournal && reason == StopReason::Cancelled) {
        m_stopReason = reason; // the process is never started (see onJournalAnswered)
        return;
    }
    if (!m_process || m_stopReason != StopReason::None)
        return;
    m_stopReason = reason;
    m_timeout.stop();
    m_process->terminate();
    m_killTimer.start(m_graceMs);
}

void KubectlRunner::readChannel(OutputChannel channel)
{
    if (!m_process)
        return;
    const bool isStdout = channel == OutputChannel::Stdout;
    const QByteArray bytes =
        isStdout ? m_process->readAllStandardOutput() : m_process->readAllStandardError();
    if (bytes.isEmpty())
        return;
    QByteArray &captured = isStdout ? m_stdout : m_stderr;
    bool &truncated = isStdout ? m_run.stdoutTruncated : m_run.stderrTruncated;
    const qint64 room = m_capBytes - captured.size();
    if (room >= bytes.size()) {
        captured += bytes;
    } else {
        captured += bytes.left(std::max<qint64>(0, room));
        truncated = true;
    }
    if (!isStdout) {
        m_stderrTail += bytes;
        if (m_stderrTail.size() > kStderrTailBytes)
            m_stderrTail = m_stderrTail.right(kStderrTailBytes);
    }
    // Only whole lines leave, each through the redactor: a secret split across two reads would
    // otherwise reach the console half and half, unmasked.
    QString &pending = isStdout ? m_stdoutPending : m_stderrPending;
    pending += isStdout ? QString(m_stdoutDecoder(bytes)) : QString(m_stderrDecoder(bytes));
    const qsizetype lineEnd = pending.lastIndexOf(QLatin1Char('\n'));
    if (lineEnd < 0)
        return;
    const QString lines = pending.left(lineEnd + 1);
    pending.remove(0, lineEnd + 1);
    Q_EMIT outputReceived(Redactor::redact(lines), channel);
}

void KubectlRunner::flushPendingOutput()
{
    for (const OutputChannel channel : {OutputChannel::Stdout, OutputChannel::Stderr}) {
        QString &pending = channel == OutputChannel::Stdout ? m_stdoutPending : m_stderrPending;
        if (!pending.isEmpty())
            Q_EMIT outputReceived(Redactor::redact(std::exchange(pending, QString())), channel);
    }
}

QProcessEnvironment KubectlRunner::childEnvironment()
{
    // kubectl, its exec credential plugins and its plugins never see the Cohere key: not by its
    // name, and not under any other name that holds it.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CO_API_KEY"));
    for (const QString &name : env.keys()) {
        if (Redactor::containsSecret(env.value(name)))
            env.remove(name);
    }
    return env;
}

void KubectlRunner::onProcessError(QProcess::ProcessError error)
{
    // Every other error is followed by finished(); a process that never started is not.
    if (error != QProcess::FailedToStart || !m_process)
        return;
    m_run.outcome = KubectlOutcome::FailedToStart;
    m_run.message =
        QStringLiteral("%1 could not be started: %2").arg(m_run.program, m_process->errorString());
    report();
}

void KubectlRunner::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    readChannel(OutputChannel::Stdout);
    readChannel(OutputChannel::Stderr);
    flushPendingOutput();
    const bool normalExit = status == QProcess::NormalExit;
    m_run.exitCode = normalExit ? exitCode : -1;
    const QString stopNote =
        m_run.killed ? QStringLiteral(" It ignored the request to stop and was killed after %1.")
                           .arg(seconds(m_graceMs))
                     : QString();

    if (m_stopReason == StopReason::TimedOut) {
        m_run.outcome = KubectlOutcome::TimedOut;
        m_run.message = QStringLiteral("kubectl did not finish within %1 and was stopped.%2")
                            .arg(seconds(m_timeoutMs), stopNote);
    } else if (m_stopReason == StopReason::Cancelled) {
        m_run.outcome = KubectlOutcome::Cancelled;
        m_run.message = QStringLiteral("Cancelled: kubectl was stopped.%1").arg(stopNote);
    } else if (!normalExit) {
        m_run.outcome = KubectlOutcome::Failed;
        m_run.message = QStringLiteral("kubectl crashed: %1").arg(m_process->errorString());
    } else if (exitCode == 0) {
        m_run.outcome = KubectlOutcome::Succeeded;
    } else {
        const QString stderrText = QString::fromUtf8(
            m_run.stderrTruncated ? m_stderr + QByteArrayLiteral("\n") + m_stderrTail : m_stderr);
        const KubectlFailure failure = classifyKubectlFailure(exitCode, stderrText);
        m_run.outcome = failure.outcome;
        m_run.message = failure.message;
    }
    report();
}

void KubectlRunner::report()
{
    m_timeout.stop();
    m_killTimer.stop();
    const qint64 now = m_clock.monotonicMs();
    m_run.durationMs = now - (m_run.startedAtMs >= 0 ? m_run.startedAtMs : m_run.requestedAtMs);
    m_run.stdoutText = Redactor::redact(QString::fromUtf8(m_stdout));
    m_run.stderrText = Redactor::redact(QString::fromUtf8(m_stderr));
    const QString capNote =
        QStringLiteral("\n[output truncated after %1 KiB]\n").arg(m_capBytes / 1024);
    if (m_run.stdoutTruncated)
        m_run.stdoutText += capNote;
    if (m_run.stderrTruncated)
        m_run.stderrText += capNote;
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_busy = false;
    const KubectlRun run = m_run;
    if (m_journal && m_begunSeq >= 0)
        m_journal->end(std::exchange(m_begunSeq, -1), {m_origin, run.program, run.arguments}, run);
    Q_EMIT finished(run);
}

} // namespace golive
