#pragma once

#include "LoopbackHttpServer.h"

namespace golive::test {

// A loopback stand-in for an Atlassian Statuspage (status.cohere.com): GET /api/v2/status.json
// and /api/v2/summary.json with the configured indicator and components, or overrides. The
// static fixtures are the answers a page golive cannot read may give.
class FakeStatusPageServer : public QObject {
    Q_OBJECT
public:
    explicit FakeStatusPageServer(QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl statusUrl() const { return m_http.url(QStringLiteral("/api/v2/status.json")); }
    LoopbackHttpServer &http() { return m_http; }
    const QList<LoopbackRequest> &requests() const { return m_http.requests(); }

    // none|minor|major|critical and its description.
    void setIndicator(const QString &indicator, const QString &description);
    // A component of summary.json (operational, degraded_performance, partial_outage,
    // major_outage, under_maintenance); the default page has API and Dashboard, operational.
    void setComponent(const QString &name, const QString &status);
    void setStatusOverride(LoopbackResponse response);
    void setSummaryOverride(LoopbackResponse response);

    // Fixtures: valid JSON of a provider golive does not know (incident.io-like), an HTML page
    // (a login wall, an edge error), and the URL of a port nothing listens on.
    static LoopbackResponse unknownJsonShape();
    static LoopbackResponse htmlPage(int status = 200);
    static QUrl closedPortUrl();

private:
    LoopbackHttpServer m_http;
    QString m_indicator = QStringLiteral("none");
    QString m_description = QStringLiteral("All Systems Operational");
    std::optional<LoopbackResponse> m_statusOverride;
    std::optional<LoopbackResponse> m_summaryOverride;
    QList<std::pair<QString, QString>> m_components = {
        {QStringLiteral("API"), QStringLiteral("operational")},
        {QStringLiteral("Dashboard"), QStringLiteral("operational")}};
};

} // namespace golive::test
