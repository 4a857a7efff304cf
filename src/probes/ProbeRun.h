#pragma once

#include "src/common/Clock.h"
#include "src/common/HttpOutcome.h"
#include "src/config/CohereProbeRequests.h"
#include "src/probes/ProbeBodyParser.h"
#include "src/probes/ProbeResult.h"
#include "src/probes/ProbeSpec.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;

namespace golive {

class CohereCall;
class CohereClient;
class HttpJob;
struct CohereOutcome;

// One run of one probe. The spec's timeout bounds the whole run (a Cohere call, or the HTTP GET
// plus, for the status page, the optional summary). Reports exactly once through finished(),
// never from inside start(); cancel() reports a skipped result. Deletes itself after reporting.
//
// Classification follows the seed through the common tables (CallOutcome.h): success = healthy,
// 429 = degraded, anything else = down. The
// team's /api/health is healthy only when it answers 2xx with the seed's JSON, and then reports
// what its `cohere.status` says. A Cohere answer above the probe's latency gate is Slow.
// A status page is read from Atlassian's summary.json (components, so an API-only incident shows)
// with status.json as the fallback; indicator none/minor/major/critical maps to
// healthy/degraded/down/down. A page golive cannot reach or read is Unknown (grey, unmeasured),
// never Down: it says nothing about Cohere.
class ProbeRun : public QObject {
    Q_OBJECT
public:
    // `cohere` may be null: Cohere probes are then skipped ("no API key").
    ProbeRun(ProbeSpec spec, CohereClient *cohere, QNetworkAccessManager &network,
             CohereProbeRequests requests, const Clock &clock, QObject *parent = nullptr);
    ~ProbeRun() override;

    void start();
    void cancel();
    const ProbeSpec &spec() const { return m_spec; }

    static QString noKeyMessage();

Q_SIGNALS:
    void finished(const golive::ProbeResult &result);

private:
    using HttpHandler = void (ProbeRun::*)(const HttpOutcome &);

    void startCohere();
    void startHttp(const QUrl &url, HttpHandler handler);
    void onCohereFinished(const CohereOutcome &outcome);
    void onHttpFinished(const HttpOutcome &outcome);
    void startStatusPage();
    void onSummaryFinished(const HttpOutcome &outcome);
    void onStatusFinished(const HttpOutcome &outcome);
    void finishStatusPage(const HttpOutcome &outcome, const StatusPageReport &report);
    void finishUnknown(const QString &why, qint64 latencyMs, int httpStatus);
    static QString httpProblem(const HttpOutcome &outcome);
    void onDeadline();
    void classifyHttpFailure(const HttpOutcome &outcome);
    ProbeResult base() const;
    void abandonInFlight(); // stops the running call or job without hearing back from it
    void finish(ProbeResult result);
    void finishLater(ProbeResult result);

    ProbeSpec m_spec;
    QPointer<CohereClient> m_cohere;
    QNetworkAccessManager &m_network;
    CohereProbeRequests m_requests;
    const Clock &m_clock;
    QPointer<CohereCall> m_call;
    QPointer<HttpJob> m_job;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    QString m_summaryProblem; // why summary.json was not used, while status.json is fetched
    bool m_started = false;
    bool m_finished = false;
};

} // namespace golive
