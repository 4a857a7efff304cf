#pragma once

#include "LoopbackHttpServer.h"

namespace golive::test {

// A loopback stand-in for a team's /api/health (the seed's endpoint). Answers GET /api/health
// with the seed's JSON for the configured Cohere status, or with whatever override is set.
class FakeTeamHealthServer : public QObject {
    Q_OBJECT
public:
    explicit FakeTeamHealthServer(QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl healthUrl() const { return m_http.url(QStringLiteral("/api/health")); }
    LoopbackHttpServer &http() { return m_http; }
    const QList<LoopbackRequest> &requests() const { return m_http.requests(); }

    // "healthy", "degraded" or "down": what the seed's handler would report.
    void setCohereStatus(const QString &status, int latencyMs = 120);
    // Answer every request with this instead (bad bodies, error statuses, silence, delays).
    void setOverride(LoopbackResponse response);
    void clearOverride();

    // The seed's body for a Cohere status.
    static QByteArray seedBody(const QString &cohereStatus, int latencyMs);

private:
    LoopbackHttpServer m_http;
    QString m_cohereStatus = QStringLiteral("healthy");
    int m_latencyMs = 120;
    std::optional<LoopbackResponse> m_override;
};

} // namespace golive::test
