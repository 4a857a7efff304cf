#include "FakeTeamHealthServer.h"

#include <QDateTime>
#include <QJsonDocument>

namespace golive::test {

FakeTeamHealthServer::FakeTeamHealthServer(QObject *parent) : QObject(parent)
{
    m_http.setHandler([this](const LoopbackRequest &request) {
        if (m_override)
            return *m_override;
        if (request.path != QLatin1String("/api/health"))
            return LoopbackResponse{404, {}, "not found"};
        LoopbackResponse response;
        response.headers = {{"Content-Type", "application/json"}};
        response.body = seedBody(m_cohereStatus, m_latencyMs);
        return response;
    });
}

void FakeTeamHealthServer::setCohereStatus(const QString &status, int latencyMs)
{
    m_cohereStatus = status;
    m_latencyMs = latencyMs;
}

void FakeTeamHealthServer::setOverride(LoopbackResponse response)
{
    m_override = std::move(response);
}

void FakeTeamHealthServer::clearOverride()
{
    m_override.reset();
}

QByteArray FakeTeamHealthServer::seedBody(const QString &cohereStatus, int latencyMs)
{
    const QJsonObject body{
        {QStringLiteral("status"), cohereStatus == QLatin1String("healthy")
                                       ? QStringLiteral("ok")
                                       : QStringLiteral("degraded")},
        {QStringLiteral("cohere"), QJsonObject{{QStringLiteral("status"), cohereStatus},
                                               {QStringLiteral("latencyMs"), latencyMs}}},
        {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace golive::test
