#include "FakeStatusPageServer.h"

#include <QJsonArray>

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
            const QJsonArray components{
                QJsonObject{{QStringLiteral("name"), QStringLiteral("API")},
                            {QStringLiteral("status"), QStringLiteral("operational")}},
                QJsonObject{{QStringLiteral("name"), QStringLiteral("Dashboard")},
                            {QStringLiteral("status"), QStringLiteral("degraded_performance")}}};
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

void FakeStatusPageServer::setStatusOverride(LoopbackResponse response)
{
    m_statusOverride = std::move(response);
}

void FakeStatusPageServer::setSummaryOverride(LoopbackResponse response)
{
    m_summaryOverride = std::move(response);
}

} // namespace golive::test
