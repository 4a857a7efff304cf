#pragma once

#include "LoopbackHttpServer.h"

namespace golive::test {

// A loopback stand-in for an Atlassian Statuspage (status.cohere.com): GET /api/v2/status.json
// and /api/v2/summary.json with the configured indicator, or an override for status.json.
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
    void setStatusOverride(LoopbackResponse response);
    void setSummaryOverride(LoopbackResponse response);

private:
    LoopbackHttpServer m_http;
    QString m_indicator = QStringLiteral("none");
    QString m_description = QStringLiteral("All Systems Operational");
    std::optional<LoopbackResponse> m_statusOverride;
    std::optional<LoopbackResponse> m_summaryOverride;
};

} // namespace golive::test
