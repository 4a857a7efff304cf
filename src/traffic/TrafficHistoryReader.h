#pragma once

#include "src/traffic/TrafficTemplate.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <utility>

namespace golive {

class PrometheusClient;
class PrometheusQueryJob;
struct PromQueryOutcome;

// One version's P95 of one endpoint over time, from `/api/v1/query_range`.
struct TrafficHistory {
    QString version;  // "canary", "stable"
    QString endpoint; // "chat", "embed", "rerank"
    QString promql;
    QList<std::pair<qint64, double>> pointsMs; // (UTC epoch ms, P95 in ms); NaN steps left out
    QString error; // Prometheus' or the transport's words, when the query failed
    bool operator==(const TrafficHistory &) const = default;
};

// Reads the chat, embed and rerank P95 of each version over a time range (the latency charts'
// canary and stable lines): the profile's `*_p95_s` templates expanded with the version's matcher
// and the window, as range queries. Reports exactly once per read(), never from inside it; a
// read in progress is cancelled first.
class TrafficHistoryReader : public QObject {
    Q_OBJECT
public:
    explicit TrafficHistoryReader(PrometheusClient &client, QObject *parent = nullptr);
    ~TrafficHistoryReader() override;

    void read(const QList<VersionSelector> &versions, const QDateTime &from, const QDateTime &to,
              int stepSeconds);
    void cancel();
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    void finished(const QList<golive::TrafficHistory> &history);

private:
    void onFinished(int index, const PromQueryOutcome &outcome);

    PrometheusClient &m_client;
    QList<TrafficHistory> m_history;
    QList<QPointer<PrometheusQueryJob>> m_jobs;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::TrafficHistory)
