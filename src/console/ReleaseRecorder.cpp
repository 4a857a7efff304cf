#include "src/console/ReleaseRecorder.h"

#include "src/common/ProbeNames.h"
#include "src/release/RecordDigest.h"
#include "src/release/ReleaseRecord.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>

#include <algorithm>
#include <sys/types.h>
#include <unistd.h>

namespace golive {

namespace {

QString severityText(const Alert &alert)
{
    return severityName(alert.severity);
}

// The value after a kubectl flag (--context X, --context=X, -n X), empty when absent.
QString flagValue(const QStringList &arguments, const QStringList &names)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        for (const QString &name : names) {
            if (arguments.at(i) == name && i + 1 < arguments.size())
                return arguments.at(i + 1);
            if (arguments.at(i).startsWith(name + QLatin1Char('=')))
                return arguments.at(i).mid(name.size() + 1);
        }
    }
    return {};
}

// Whether `pid` is a golive running now (this one included): its commands may still end.
// A pid reused by another program, or gone, is not.
bool goliveStillRuns(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (pid == qint64(::getpid()))
        return true;
    const QString exe =
        QFile::symLinkTarget(QStringLiteral("/proc/%1/exe").arg(pid)).section(QLatin1Char('/'), -1);
    const QString ours =
        QFile::symLinkTarget(QStringLiteral("/proc/self/exe")).section(QLatin1Char('/'), -1);
    // A rebuilt binary reads "golive (deleted)".
    return !exe.isEmpty() &&
           exe.section(QLatin1Char(' '), 0, 0) == ours.section(QLatin1Char(' '), 0, 0);
}

QJsonObject commandFields(const CommandIntent &intent)
{
    return {{QStringLiteral("step"), intent.origin.stepId},
            {QStringLiteral("role"), intent.origin.role},
            {QStringLiteral("argv"),
             QJsonArray::fromStringList(QStringList{intent.program} + intent.arguments)},
            {QStringLiteral("context"), flagValue(intent.arguments, {QStringLiteral("--context")})},
            {QStringLiteral("namespace"),
             flagValue(intent.arguments, {QStringLiteral("--namespace"), QStringLiteral("-n")})}};
}

} // namespace

ReleaseRecorder::ReleaseRecorder(ReleaseRecord &record, QObject *parent)
    : QObject(parent), m_record(record)
{
}

void ReleaseRecorder::setKnownStates(const ChecklistState &states)
{
    m_lastStates = states;
}

void ReleaseRecorder::setOperator(const QString &name)
{
    m_operator = name;
}

Result<RecordEvent> ReleaseRecorder::tryAppend(const QString &kind, const QString &who,
                                               const QJsonObject &data)
{
    auto event = m_record.append(kind, who, data);
    if (event.ok())
        Q_EMIT eventRecorded(event.value());
    else
        Q_EMIT recordFailed(event.error());
    return event;
}

void ReleaseRecorder::recordReleaseCreated(const ReleaseInfo &release)
{
    append(QString::fromLatin1(recordkind::releaseCreated), m_operator,
           {{QStringLiteral("id"), release.id},
            {QStringLiteral("name"), release.name},
            {QStringLiteral("source"), release.sourceDescription}});
}

void ReleaseRecorder::recordItemState(const QString &itemId, const ItemState &state)
{
    const ItemState previous = m_lastStates.value(itemId);
    m_lastStates.insert(itemId, state);
    const char *kind = nullptr;
    if (state.checked != previous.checked)
        kind = state.checked ? recordkind::tick : recordkind::untick;
    else if (state.note != previous.note)
        kind = recordkind::note;
    if (!kind)
        return;
    QJsonObject data{{QStringLiteral("item"), itemId}, {QStringLiteral("note"), state.note}};
    if (!state.evidence.isEmpty())
        data.insert(QStringLiteral("evidence"), state.evidence);
    // A note edit is credited to whoever made it (the newest history entry), not to the ticker.
    QString who = state.who;
    if (kind == recordkind::note && !state.history.isEmpty() && state.history.last().noteEdit)
        who = state.history.last().who;
    append(QString::fromLatin1(kind), who.isEmpty() ? m_operator : who, data);
}

void ReleaseRecorder::recordAlertFired(const Alert &alert)
{
    QJsonObject data{{QStringLiteral("rule"), alert.ruleId},
                     {QStringLiteral("severity"), severityText(alert)},
                     {QStringLiteral("title"), alert.title},
                     {QStringLiteral("message"), alert.message}};
    // Probes are the default and stay unmarked, so older records read the same.
    if (alert.source != AlertSource::Probes)
        data.insert(QStringLiteral("source"), QStringLiteral("prometheus"));
    append(QString::fromLatin1(recordkind::alertFired), {}, data);
}

void ReleaseRecorder::recordAlertResolved(const Alert &alert)
{
    QJsonObject data{{QStringLiteral("rule"), alert.ruleId},
                     {QStringLiteral("severity"), severityText(alert)},
                     {QStringLiteral("title"), alert.title},
                     {QStringLiteral("message"), alert.message},
                     {QStringLiteral("fired_at"), alert.firedAt.toUTC().toString(Qt::ISODateWithMs)}};
    if (alert.source != AlertSource::Probes)
        data.insert(QStringLiteral("source"), QStringLiteral("prometheus"));
    append(QString::fromLatin1(recordkind::alertResolved), {}, data);
}

Result<RecordEvent> ReleaseRecorder::recordCommandBegun(const CommandIntent &intent)
{
    QJsonObject data = commandFields(intent);
    data.insert(QStringLiteral("mutating_step"), intent.origin.mutatingStep);
    data.insert(QStringLiteral("pid"), qint64(::getpid()));
    return tryAppend(QString::fromLatin1(recordkind::commandBegun), m_operator, data);
}

void ReleaseRecorder::recordCommandEnded(qint64 begunSeq, const CommandIntent &intent,
                                         const KubectlRun &run)
{
    QString output = run.stdoutText;
    if (run.stdoutTruncated)
        output += QStringLiteral("\n[stdout was cut by the runner]");
    if (!run.stderrText.isEmpty())
        output += (output.isEmpty() ? QString() : QStringLiteral("\n")) + run.stderrText;
    if (run.stderrTruncated)
        output += QStringLiteral("\n[stderr was cut by the runner]");
    QJsonObject data = commandFields(intent);
    data.insert(QStringLiteral("begun_seq"), begunSeq);
    data.insert(QStringLiteral("exit_code"), run.exitCode);
    data.insert(QStringLiteral("duration_ms"), run.durationMs);
    data.insert(QStringLiteral("output"), ReleaseRecord::capOutput(output));
    data.insert(QStringLiteral("outcome"), toString(run.outcome));
    data.insert(QStringLiteral("message"), run.message);
    append(QString::fromLatin1(recordkind::command), m_operator, data);
}

void ReleaseRecorder::recordInterruptedCommands()
{
    const auto events = ReleaseRecord::readEvents(m_record.path());
    if (!events.ok()) {
        Q_EMIT recordFailed(events.error());
        return;
    }
    for (const RecordEvent &begun : RecordDigest::unfinished(events.value())) {
        if (goliveStillRuns(begun.data.value(QStringLiteral("pid")).toInteger(-1)))
            continue; // another golive (the window, a terminal) is running it now
        QJsonObject data{{QStringLiteral("begun_seq"), begun.seq},
                         {QStringLiteral("step"), begun.data.value(QStringLiteral("step"))},
                         {QStringLiteral("role"), begun.data.value(QStringLiteral("role"))},
                         {QStringLiteral("argv"), begun.data.value(QStringLiteral("argv"))},
                         {QStringLiteral("begun_at"), begun.atUtc.toString(Qt::ISODateWithMs)},
                         {QStringLiteral("reason"),
                          QStringLiteral("golive stopped (killed or crashed) before this command "
                                         "was seen to end: it may or may not have changed "
                                         "production")}};
        append(QString::fromLatin1(recordkind::interrupted), {}, data);
    }
}

void ReleaseRecorder::recordInterruption(const QString &stepId, const QString &signalName)
{
    append(QString::fromLatin1(recordkind::interrupted), m_operator,
           {{QStringLiteral("step"), stepId},
            {QStringLiteral("signal"), signalName},
            {QStringLiteral("reason"),
             QStringLiteral("golive was asked to stop (%1): the step was cancelled and its "
                            "kubectl stopped")
                 .arg(signalName)}});
}

void ReleaseRecorder::recordStepFinished(const StepResult &result)
{
    QJsonObject data{{QStringLiteral("id"), result.stepId},
                     {QStringLiteral("role"), result.role},
                     {QStringLiteral("outcome"), toString(result.outcome)},
                     {QStringLiteral("ok"), result.ok()},
                     {QStringLiteral("message"), result.message}};
    if (result.requestedAtMs >= 0 && result.finishedAtMs >= result.requestedAtMs)
        data.insert(QStringLiteral("duration_ms"), result.finishedAtMs - result.requestedAtMs);
    if (result.verdict) {
        QJsonArray reasons;
        for (const CanaryReason &reason : result.verdict->reasons)
            reasons.append(QJsonObject{{QStringLiteral("id"), reason.id},
                                       {QStringLiteral("mark"), toString(reason.mark)},
                                       {QStringLiteral("text"), reason.text}});
        data.insert(QStringLiteral("verdict"),
                    QJsonObject{{QStringLiteral("overall"), toString(result.verdict->overall)},
                                {QStringLiteral("recommendation"),
                                 toString(result.verdict->recommendation())},
                                {QStringLiteral("summary"), result.verdict->summary()},
                                {QStringLiteral("reasons"), reasons}});
    }
    if (result.rollbackTarget)
        data.insert(
            QStringLiteral("target"),
            QJsonObject{{QStringLiteral("revision"), result.rollbackTarget->revision},
                        {QStringLiteral("replica_set"), result.rollbackTarget->replicaSet},
                        {QStringLiteral("template_hash"), result.rollbackTarget->templateHash},
                        {QStringLiteral("images"),
                         QJsonArray::fromStringList(result.rollbackTarget->images)}});
    if (result.snapshot)
        data.insert(QStringLiteral("cluster"), result.snapshot->oneLine());
    // What ran before and after a change, so the report can name the versions involved.
    const auto readback = [](const DeploymentReadback &deployment) {
        return QJsonObject{{QStringLiteral("revision"), deployment.revision},
                           {QStringLiteral("images"),
                            QJsonArray::fromStringList(deployment.images)}};
    };
    if (result.before)
        data.insert(QStringLiteral("before"), readback(*result.before));
    if (result.after)
        data.insert(QStringLiteral("after"), readback(*result.after));
    append(QString::fromLatin1(recordkind::step), m_operator, data);
}

void ReleaseRecorder::recordGateOverride(const QString &stepId, const QString &gate,
                                         const QStringList &openItems, const QString &reason)
{
    append(QString::fromLatin1(recordkind::gateOverride), m_operator,
           {{QStringLiteral("step"), stepId},
            {QStringLiteral("gate"), gate},
            {QStringLiteral("open_items"), QJsonArray::fromStringList(openItems)},
            {QStringLiteral("reason"), reason}});
}

void ReleaseRecorder::recordEvidenceOverride(const QString &itemId, const QString &evidenceResult,
                                             const QString &reason)
{
    append(QString::fromLatin1(recordkind::evidenceOverride), m_operator,
           {{QStringLiteral("item"), itemId},
            {QStringLiteral("evidence_result"), evidenceResult},
            {QStringLiteral("reason"), reason}});
}

void ReleaseRecorder::recordPodHealth(const PodHealthSample &sample)
{
    QJsonObject data{
        {QStringLiteral("name"), QString::fromLatin1(sample.version == PodVersion::Canary
                                                         ? probename::podHealthCanary
                                                         : probename::podHealthStable)},
        {QStringLiteral("pod"), sample.pod},
        {QStringLiteral("version"), toString(sample.version)},
        {QStringLiteral("outcome"), toString(sample.status)},
        {QStringLiteral("latency_ms"), double(sample.latencyMs.value_or(0))},
        {QStringLiteral("http_status"), sample.httpStatus.value_or(0)},
    };
    if (!sample.error.isEmpty())
        data.insert(QStringLiteral("error"), sample.error);
    append(QString::fromLatin1(recordkind::probeSample), {}, data);
}

namespace {

struct FailureNaming {
    FailureKind kind;
    const char *name;
};

constexpr FailureNaming failureNames[] = {
    {FailureKind::Ok, "ok"},
    {FailureKind::RateLimited, "rate-limited"},
    {FailureKind::Auth, "auth"},
    {FailureKind::ClientError, "client-error"},
    {FailureKind::Server5xx, "server-5xx"},
    {FailureKind::Timeout, "timeout"},
    {FailureKind::Network, "network"},
    {FailureKind::BadBody, "bad-body"},
    {FailureKind::ReportedDegraded, "reported-degraded"},
    {FailureKind::ReportedDown, "reported-down"},
};

// What an event without a "failure" field most likely was, from what it does say.
FailureKind guessedFailure(int httpStatus, const QString &outcome)
{
    if (httpStatus >= 200 && httpStatus < 300) {
        if (outcome == QLatin1String("degraded"))
            return FailureKind::ReportedDegraded;
        if (outcome == QLatin1String("down"))
            return FailureKind::ReportedDown;
        return FailureKind::Ok;
    }
    if (httpStatus != 0)
        return failureForHttpStatus(httpStatus);
    return outcome == QLatin1String("healthy") ? FailureKind::Ok : FailureKind::Network;
}

} // namespace

QString ReleaseRecorder::failureName(FailureKind failure)
{
    for (const FailureNaming &naming : failureNames) {
        if (naming.kind == failure)
            return QString::fromLatin1(naming.name);
    }
    return {};
}

std::map<QString, std::vector<Sample>>
ReleaseRecorder::recordedSamples(const QList<RecordEvent> &events)
{
    std::map<QString, std::vector<Sample>> samples;
    for (const RecordEvent &event : events) {
        if (event.kind != QLatin1String(recordkind::probeSample))
            continue;
        const QString probe = event.data.value(QStringLiteral("name")).toString();
        const double latency = event.data.value(QStringLiteral("latency_ms")).toDouble(-1);
        if (probe.isEmpty() || !event.atUtc.isValid() || latency < 0)
            continue; // nothing a chart could place
        Sample sample;
        sample.atMs = event.atUtc.toMSecsSinceEpoch();
        sample.latencyMs = latency;
        const int http = event.data.value(QStringLiteral("http_status")).toInt();
        sample.httpStatus = qint16(std::clamp(http, 0, 999));
        const QString named = event.data.value(QStringLiteral("failure")).toString();
        const auto known = std::find_if(std::begin(failureNames), std::end(failureNames),
                                        [&](const FailureNaming &n) {
                                            return named == QLatin1String(n.name);
                                        });
        sample.failure = known != std::end(failureNames)
                             ? known->kind
                             : guessedFailure(http, event.data.value(QStringLiteral("outcome"))
                                                        .toString());
        sample.outcome = outcomeOf(sample.failure);
        samples[probe].push_back(sample);
    }
    for (auto &[probe, list] : samples)
        std::stable_sort(list.begin(), list.end(),
                         [](const Sample &a, const Sample &b) { return a.atMs < b.atMs; });
    return samples;
}

void ReleaseRecorder::recordProbeResult(const QString &probe, const QString &status,
                                        double latencyMs, int httpStatus, const QString &error,
                                        const QString &failure)
{
    QJsonObject sample{{QStringLiteral("name"), probe},
                       {QStringLiteral("latency_ms"), latencyMs},
                       {QStringLiteral("outcome"), status},
                       {QStringLiteral("http_status"), httpStatus}};
    if (!failure.isEmpty())
        sample.insert(QStringLiteral("failure"), failure);
    append(QString::fromLatin1(recordkind::probeSample), {}, sample);
    const QString previous = m_probeStatus.value(probe);
    if (previous == status)
        return;
    m_probeStatus.insert(probe, status);
    QJsonObject data{{QStringLiteral("name"), probe},
                     {QStringLiteral("from"), previous},
                     {QStringLiteral("to"), status},
                     {QStringLiteral("latency_ms"), latencyMs}};
    if (!error.isEmpty())
        data.insert(QStringLiteral("error"), error);
    append(QString::fromLatin1(recordkind::probeStatus), {}, data);
}

void ReleaseRecorder::recordEvidence(const QJsonObject &evidence)
{
    append(QString::fromLatin1(recordkind::evidence), m_operator, evidence);
}

} // namespace golive
