#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace golive {

enum class KubectlOutcome {
    Succeeded,
    KubectlMissing, // no kubectl binary: nothing was started
    FailedToStart,  // the binary exists but could not be executed
    Unreachable,    // the API server could not be reached
    UnknownContext, // the profile's context is not in the kubeconfig
    Forbidden,      // RBAC denied the verb
    Unauthorized,   // the credentials were not accepted
    NotFound,       // the named resource does not exist
    TimedOut,       // our bound over the whole run expired
    Cancelled,      // someone asked to stop it
    NotRecorded,    // not run: a mutating step's command could not be written to the record
    Failed,         // any other non-zero exit
};

QString toString(KubectlOutcome outcome);

enum class OutputChannel { Stdout, Stderr };

// Everything one kubectl invocation did, for the live view and the release record.
struct KubectlRun {
    QString program;       // the resolved kubectl binary
    QStringList arguments; // exactly what kubectl got (no shell ever sees them)
    KubectlOutcome outcome = KubectlOutcome::Failed;
    QString message;           // one sentence for people; empty on success
    int exitCode = -1;         // -1 when kubectl never exited normally
    qint64 requestedAtMs = -1; // monotonic (Clock::monotonicMs) when start() was called
    qint64 startedAtMs = -1;   // monotonic when the process had started; -1 if it never did
    qint64 durationMs = 0;     // from start (or request, if it never started) to exit
    QString stdoutText;        // captured, capped (see truncated flags)
    QString stderrText;
    bool stdoutTruncated = false;
    bool stderrTruncated = false;
    bool killed = false; // it ignored the polite stop and was killed after the grace period

    bool ok() const { return outcome == KubectlOutcome::Succeeded; }
    // "kubectl rollout undo deployment/app --context c ..." for logs and the record.
    QString commandLine() const;
};

// What a failed kubectl said, turned into a kind and a sentence (by stderr patterns).
struct KubectlFailure {
    KubectlOutcome outcome = KubectlOutcome::Failed;
    QString message;
};
KubectlFailure classifyKubectlFailure(int exitCode, const QString &stderrText);

} // namespace golive

Q_DECLARE_METATYPE(golive::KubectlRun)
Q_DECLARE_METATYPE(golive::OutputChannel)
