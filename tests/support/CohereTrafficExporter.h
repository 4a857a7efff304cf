#pragma once

#include "LoopbackHttpServer.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

namespace golive::test {

// What one pod's Cohere client does between two scrapes.
struct PodTraffic {
    int chatOk = 0;            // chat calls answered 200
    int chatServerErrors = 0;  // ... 500
    int chatRateLimited = 0;   // ... 429
    int chatAuthFailures = 0;  // ... 401
    double chatLatencyS = 0.2; // every chat call's duration
    int embedOk = 0;
    double embedLatencyS = 0.05;
};

// A loopback /metrics endpoint in Prometheus' text exposition format, exporting the metrics the
// README documents, per pod (label `pod`): cohere_requests_total{endpoint, code} and the
// cohere_request_duration_seconds histogram{endpoint}. Every scrape advances each pod's counters
// by its PodTraffic, so rates are "per scrape"; every series a pod can have is exported from
// its first scrape at 0 (as the README tells teams to do), so a first increment is never lost.
class CohereTrafficExporter : public QObject {
    Q_OBJECT
public:
    explicit CohereTrafficExporter(QObject *parent = nullptr);

    bool listen();
    QUrl url() const;       // http://127.0.0.1:<port>/metrics
    QString target() const; // 127.0.0.1:<port>

    // Adds or changes a pod; it is exported from the next scrape on.
    void setPod(const QString &pod, const PodTraffic &traffic);
    int scrapes() const { return m_scrapes; }

Q_SIGNALS:
    void scraped(int count);

private:
    struct Counters {
        QMap<QString, double> values; // series text ("name{labels}") → value
    };
    QByteArray exposition();
    void advance(const QString &pod, const PodTraffic &traffic);

    LoopbackHttpServer m_server;
    QMap<QString, PodTraffic> m_pods;
    QMap<QString, double> m_series; // full series text → value; kept in text order
    int m_scrapes = 0;
};

} // namespace golive::test
