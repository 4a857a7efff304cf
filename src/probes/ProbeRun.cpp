#include "src/probes/ProbeRun.h"

#include "src/cohere/CohereClient.h"
#include "src/common/HttpJob.h"
#include "src/common/UrlText.h"
#include "src/probes/ProbeBodyParser.h"
#include "src/secrets/Redactor.h"

#include <QNetworkAccessManager>

#include <limits>

namespace golive {

namespace {

quint32 units(const std::optional<double> &value)
{
    if (!value || *value < 0)
        return 0;
    return quint32(qMin(*value, double(std::numeric_limits<quint32>::max())));
}

// What a healthy-looking answer's body reports about the service behind it. Never an HTTP
// failure: the endpoint answered; it is the service that is in trouble.
FailureKind reportedFailure(ProbeStatus reported)
{
    switch (reported) {
    case ProbeStatus::Healthy:
    case ProbeStatus::Slow:
        return FailureKind::Ok;
    case ProbeStatus::Degraded:
        return FailureKind::ReportedDegraded;
    case ProbeStatus::Down:
    case ProbeStatus::Skipped:
    case ProbeStatus::Unknown:
        break;
    }
    return FailureKind::ReportedDown;
}

QUrl summaryUrlFor(const QUrl &statusUrl)
{
    const QString path = statusUrl.path();
    if (path.endsWith(QLatin1String("/summary.json")))
        return statusUrl;
    if (!path.endsWith(QLatin1String("/status.json")))
        return {};
    QUrl summary = statusUrl;
    summary.setPath(path.left(path.size() - int(qstrlen("status.json"))) +
                    QStringLiteral("summary.json"));
    return summary;
}

} // namespace

ProbeRun::ProbeRun(ProbeSpec spec, CohereClient *cohere, QNetworkAccessManager &network,
                   CohereProbeRequests requests, const Clock &clock, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_cohere(cohere), m_network(network),
      m_requests(std::move(requests)), m_clock(clock)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ProbeRun::onDeadline);
}

ProbeRun::~ProbeRun()
{
    if (m_call)
        m_call->disconnect(this);
    if (m_job)
        m_job->disconnect(this);
}

void ProbeRun::abandonInFlight()
{
    // Disconnect first: a cancelled call or job still reports, and that report must not finish
    // this run a second time.
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

QString ProbeRun::noKeyMessage()
{
    return QStringLiteral("no API key: set one with Console › Cohere API key… (Ctrl+K) or "
                          "CO_API_KEY");
}

void ProbeRun::start()
{
    if (m_started)
        return;
    m_started = true;
    m_elapsed.start();
    if (isCohereKind(m_spec.kind) && !m_cohere) {
        ProbeResult result = base();
        result.status = ProbeStatus::Skipped;
        result.error = noKeyMessage();
        result.measured = false;
        finishLater(result);
        return;
    }
    m_deadline.start(m_spec.timeoutMs);
    if (isCohereKind(m_spec.kind))
        startCohere();
    else if (m_spec.kind == ProbeKind::StatusPage)
        startStatusPage();
    else
        startHttp(m_spec.target, &ProbeRun::onHttpFinished);
}

void ProbeRun::cancel()
{
    if (m_finished || !m_started)
        return;
    m_deadline.stop();
    abandonInFlight();
    ProbeResult result = base();
    result.status = ProbeStatus::Skipped;
    result.error = QStringLiteral("cancelled");
    result.measured = false;
    finishLater(result);
}

void ProbeRun::startCohere()
{
    switch (m_spec.kind) {
    case ProbeKind::CohereChat:
        m_call = m_cohere->chat(m_requests.chatMessage, m_requests.chatMaxTokens);
        break;
    case ProbeKind::CohereEmbed:
        m_call = m_cohere->embed(m_requests.embedTexts);
        break;
    default:
        m_call = m_cohere->rerank(m_requests.rerankQuery, m_requests.rerankDocuments);
        break;
    }
    connect(m_call, &CohereCall::finished, this, &ProbeRun::onCohereFinished);
}

void ProbeRun::startHttp(const QUrl &url, HttpHandler handler)
{
    HttpRequestSpec request;
    request.url = url;
    request.headers = {{"Accept", "application/json"}};
    request.timeoutMs = qMax(1, m_spec.timeoutMs - int(m_elapsed.elapsed()));
    // A health answer is a few hundred bytes; anything near this cap is not one.
    request.maxBodyBytes = 256 * 1024;
    m_job = new HttpJob(m_network, request, this);
    connect(m_job, &HttpJob::finished, this, handler);
    m_job->start();
}

void ProbeRun::onCohereFinished(const CohereOutcome &outcome)
{
    ProbeResult result = base();
    result.httpStatus = outcome.httpStatus;
    // The last attempt's own time: with retries, totalMs also holds the earlier attempts and
    // the waits between them, which is not how long Cohere took to answer.
    result.latencyMs = outcome.attempts > 0 ? outcome.latencyMs : outcome.totalMs;
    result.rateLimitedResponses = outcome.rateLimitedResponses;
    result.failure = failureKindOf(outcome.kind);
    result.status = probeStatusOf(result.failure);
    result.inputTokens = units(outcome.billed.inputTokens);
    result.outputTokens = units(outcome.billed.outputTokens);
    result.searchUnits = units(outcome.billed.searchUnits);
    result.gateMs = m_spec.gateMs;
    result.gateName = m_spec.gateName;
    if (!outcome.ok()) {
        result.error = Redactor::redact(outcome.message);
        // Refused locally: says nothing about Cohere, so it must not count as a failed call.
        result.measured = outcome.kind != CohereOutcomeKind::CircuitOpen;
    } else if (m_spec.gateMs > 0 && result.latencyMs > m_spec.gateMs) {
        result.status = ProbeStatus::Slow;
        result.error = QStringLiteral("slow: answered in %1 ms, above its gate %2 (%3 ms)")
                           .arg(result.latencyMs)
                           .arg(m_spec.gateName)
                           .arg(m_spec.gateMs);
    }
    finish(result);
}

void ProbeRun::classifyHttpFailure(const HttpOutcome &outcome)
{
    ProbeResult result = base();
    result.latencyMs = outcome.latencyMs;
    result.httpStatus = outcome.status;
    result.failure = failureForTransport(outcome.kind);
    result.status = probeStatusOf(result.failure);
    if (result.failure == FailureKind::Timeout) {
        result.latencyMs = m_spec.timeoutMs;
        result.error = QStringLiteral("no answer within %1 ms").arg(m_spec.timeoutMs);
    } else {
        result.error = Redactor::redact(outcome.message);
    }
    finish(result);
}

void ProbeRun::onHttpFinished(const HttpOutcome &outcome)
{
    if (!outcome.completed()) {
        classifyHttpFailure(outcome);
        return;
    }
    ProbeResult result = base();
    result.latencyMs = outcome.latencyMs;
    result.httpStatus = outcome.status;
    result.failure = failureForHttpStatus(outcome.status);
    if (result.failure != FailureKind::Ok) {
        result.status = probeStatusOf(result.failure);
        result.error = QStringLiteral("HTTP %1 from %2")
                           .arg(outcome.status)
                           .arg(Redactor::redact(displayUrl(m_spec.target)));
        finish(result);
        return;
    }

    // Only the team's health endpoints come here; the status page has its own path.
    const auto report = ProbeBodyParser::teamHealth(outcome.body);
    if (!report.ok()) {
        result.status = ProbeStatus::Down;
        result.failure = FailureKind::BadBody;
        result.error = report.error().message;
    } else {
        result.failure = reportedFailure(report.value().cohereStatus);
        result.status = probeStatusOf(result.failure);
        result.detail =
            QStringLiteral("status %1, Cohere %2 (%3 ms)")
                .arg(report.value().status, probeStatusName(report.value().cohereStatus))
                .arg(qRound64(report.value().cohereLatencyMs));
        // The endpoint answered; what is in trouble is Cohere behind it, as the team sees it.
        if (result.status != ProbeStatus::Healthy)
            result.error =
                QStringLiteral("the service reports Cohere %1").arg(probeStatusName(result.status));
    }
    finish(result);
}

void ProbeRun::startStatusPage()
{
    const QUrl summary = summaryUrlFor(m_spec.target);
    if (summary.isEmpty()) {
        startHttp(m_spec.target, &ProbeRun::onStatusFinished);
        return;
    }
    startHttp(summary, &ProbeRun::onSummaryFinished);
}

QString ProbeRun::httpProblem(const HttpOutcome &outcome)
{
    if (!outcome.completed())
        return Redactor::redact(outcome.message);
    return QStringLiteral("HTTP %1").arg(outcome.status);
}

void ProbeRun::onSummaryFinished(const HttpOutcome &outcome)
{
    m_job = nullptr;
    const bool answered = outcome.completed() && outcome.status >= 200 && outcome.status <= 299;
    if (answered) {
        const auto report = ProbeBodyParser::statusPageSummary(outcome.body);
        if (report.ok()) {
            finishStatusPage(outcome, report.value());
            return;
        }
        m_summaryProblem = report.error().message;
    } else {
        m_summaryProblem = httpProblem(outcome);
    }
    if (summaryUrlFor(m_spec.target) == m_spec.target) {
        finishUnknown(QStringLiteral("summary.json: %1").arg(m_summaryProblem), outcome.latencyMs,
                      outcome.status);
        return;
    }
    // Pages without summary.json (or with one golive cannot read) may still have status.json.
    startHttp(m_spec.target, &ProbeRun::onStatusFinished);
}

void ProbeRun::onStatusFinished(const HttpOutcome &outcome)
{
    m_job = nullptr;
    const QString summaryNote = m_summaryProblem.isEmpty()
                                    ? QString()
                                    : QStringLiteral("; summary.json: %1").arg(m_summaryProblem);
    if (!outcome.completed() || outcome.status < 200 || outcome.status > 299) {
        finishUnknown(
            QStringLiteral("status page unreachable: %1%2").arg(httpProblem(outcome), summaryNote),
            outcome.latencyMs, outcome.status);
        return;
    }
    const auto report = ProbeBodyParser::statusPage(outcome.body);
    if (!report.ok()) {
        finishUnknown(QStringLiteral("status page unreadable: %1").arg(report.error().message),
                      outcome.latencyMs, outcome.status);
        return;
    }
    finishStatusPage(outcome, report.value());
}

void ProbeRun::finishStatusPage(const HttpOutcome &outcome, const StatusPageReport &report)
{
    ProbeResult result = base();
    result.latencyMs = outcome.latencyMs;
    result.httpStatus = outcome.status;
    result.failure = reportedFailure(report.status);
    result.status = probeStatusOf(result.failure);
    result.detail = Redactor::redact(report.description);
    if (!report.affectedComponents.isEmpty())
        result.detail +=
            QStringLiteral("; ") + report.affectedComponents.join(QStringLiteral(", "));
    if (result.status != ProbeStatus::Healthy)
        result.error = QStringLiteral("status page: %1 (%2)").arg(report.indicator, result.detail);
    finish(result);
}

void ProbeRun::finishUnknown(const QString &why, qint64 latencyMs, int httpStatus)
{
    ProbeResult result = base();
    result.status = ProbeStatus::Unknown;
    result.latencyMs = latencyMs;
    result.httpStatus = httpStatus;
    result.failure = FailureKind::BadBody;
    result.error = QStringLiteral("%1 (this says nothing about Cohere)").arg(why);
    // Neither healthy nor down: kept out of the metrics, so it can neither pass nor fail a rule.
    result.measured = false;
    finish(result);
}

void ProbeRun::onDeadline()
{
    if (m_finished)
        return;
    abandonInFlight();
    if (m_spec.kind == ProbeKind::StatusPage) {
        finishUnknown(QStringLiteral("status page: no answer within %1 ms").arg(m_spec.timeoutMs),
                      m_spec.timeoutMs, 0);
        return;
    }
    ProbeResult result = base();
    result.failure = FailureKind::Timeout;
    result.status = probeStatusOf(result.failure);
    result.latencyMs = m_spec.timeoutMs;
    result.error = QStringLiteral("no answer within %1 ms").arg(m_spec.timeoutMs);
    finish(result);
}

ProbeResult ProbeRun::base() const
{
    ProbeResult result;
    result.name = m_spec.name;
    result.kind = m_spec.kind;
    result.target = m_spec.target;
    return result;
}

void ProbeRun::finish(ProbeResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    result.at = m_clock.nowUtc();
    Q_EMIT finished(result);
    deleteLater();
}

void ProbeRun::finishLater(ProbeResult result)
{
    QTimer::singleShot(0, this, [this, result] { finish(result); });
}

} // namespace golive
