#include "FakeStatusPageServer.h"

#include <QJsonArray>
#include <QTcpServer>

namespace golive::test {

FakeStatusPageServer::FakeStatusPageServer(QObject *parent) : QObject(parent)
{
    m_http.setHandler([this](const LoopbackRequest &request) {
        const QJsonObject status{{QStringLiteral("indicator"), m_indicator},
                                 {QStringLiteral("description"), m_description}};
        const QJsonObject page{{QStringLiteral("id"), QStringLiteral("fake")},
                               {QStringLiteral("name"), QStringLiteral("Cohere")}};
        if (request.path == QLatin1String("/api/v2/status.json")) {
            if (m_statusOverride)
                return *m_statusOverride;
            return LoopbackResponse::json(200, QJsonObject{{QStringLiteral("page"), page},
                                                           {QStringLiteral("status"), status}});
        }
        if (request.path == QLatin1String("/api/v2/summary.json")) {
            if (m_summaryOverride)
                return *m_summaryOverride;
            QJsonArray components;
            for (const auto &[name, state] : m_components)
                components.append(
                    QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("status"), state}});
            return LoopbackResponse::json(200,
                                          QJsonObject{{QStringLiteral("page"), page},
                                                      {QStringLiteral("status"), status},
                                                      {QStringLiteral("components"), components}});
        }
        return LoopbackResponse{404, {}, "not found"};
    });
}

void FakeStatusPageServer::setIndicator(const QString &indicator, const QString &description)
{
    m_indicator = indicator;
    m_description = description;
}

void FakeStatusPageServer::setComponent(const QString &name, const QString &status)
{
    for (auto &[known, state] : m_components) {
        if (known == name) {
            state = status;
            return;
        }
    }
    m_components.append({name, status});
}

LoopbackResponse FakeStatusPageServer::unknownJsonShape()
{
    return LoopbackResponse::json(
        200, QJsonObject{{QStringLiteral("summary"),
                          QJsonObject{{QStringLiteral("ongoing_incidents"), QJsonArray{}},
                                      {QStringLiteral("affected_components"), QJsonArray{}}}}});
}

LoopbackResponse FakeStatusPageServer::htmlPage(int status)
{
    LoopbackResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    response.body = "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
                    "<body>Checking your browser</body></html>";
    return response;
}

QUrl FakeStatusPageServer::closedPortUrl()
{
    // Bound and released at once: nothing listens there any more.
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1/api/v2/status.json").arg(port));
}

void FakeStatusPageServer::setStatusOverride(LoopbackResponse response)
{
    m_statusOverride = std::move(response);
}

void FakeStatusPageServer::setSummaryOverride(LoopbackResponse response)
{
    m_summaryOverride = std::move(response);
}

} // namespace golive::test
