#include "src/probes/ProbeBodyParser.h"

#include "src/secrets/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace golive {

namespace {

Error unexpectedError(const QByteArray &body, const QString &why)
{
    return Error{QStringLiteral("unexpected-response"), ProbeBodyParser::unexpected(body, why)};
}

std::optional<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

QString ProbeBodyParser::unexpected(const QByteArray &body, const QString &why)
{
    QString quoted = QString::fromUtf8(body.left(quotedBytes)).simplified();
    if (body.size() > quotedBytes)
        quoted += QStringLiteral("…");
    QString message = QStringLiteral("unexpected response: %1").arg(Redactor::redact(quoted));
    if (body.isEmpty())
        message = QStringLiteral("unexpected response: empty body");
    if (!why.isEmpty())
        message += QStringLiteral(" (%1)").arg(why);
    return message;
}

Result<TeamHealthReport> ProbeBodyParser::teamHealth(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return unexpectedError(body, QStringLiteral("not a JSON object"));
    TeamHealthReport report;
    const QJsonValue status = object->value(QStringLiteral("status"));
    if (status.toString() != QLatin1String("ok") && status.toString() != QLatin1String("degraded"))
        return unexpectedError(body, QStringLiteral("`status` is not \"ok\" or \"degraded\""));
    report.status = status.toString();

    const QJsonValue cohere = object->value(QStringLiteral("cohere"));
    if (!cohere.isObject())
        return unexpectedError(body, QStringLiteral("`cohere` is missing or not an object"));
    const QString cohereStatus = cohere.toObject().value(QStringLiteral("status")).toString();
    if (cohereStatus == QLatin1String("healthy"))
        report.cohereStatus = ProbeStatus::Healthy;
    else if (cohereStatus == QLatin1String("degraded"))
        report.cohereStatus = ProbeStatus::Degraded;
    else if (cohereStatus == QLatin1String("down"))
        report.cohereStatus = ProbeStatus::Down;
    else
        return unexpectedError(
            body, QStringLiteral("`cohere.status` is not \"healthy\", \"degraded\" or \"down\""));
    const QJsonValue latency = cohere.toObject().value(QStringLiteral("latencyMs"));
    if (!latency.isDouble() || latency.toDouble() < 0)
        return unexpectedError(body, QStringLiteral("`cohere.latencyMs` is not a number"));
    report.cohereLatencyMs = latency.toDouble();

    report.timestamp = QDateTime::fromString(object->value(QStringLiteral("timestamp")).toString(),
                                             Qt::ISODateWithMs);
    if (!report.timestamp.isValid())
        return unexpectedError(body, QStringLiteral("`timestamp` is not an ISO 8601 time"));
    return report;
}

Result<StatusPageReport> ProbeBodyParser::statusPage(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object) {
        const bool html = body.trimmed().startsWith('<');
        return unexpectedError(body, html ? QStringLiteral("an HTML page, not Statuspage JSON")
                                          : QStringLiteral("not a JSON object"));
    }
    const QJsonValue status = object->value(QStringLiteral("status"));
    if (!status.isObject())
        return unexpectedError(body, QStringLiteral("a format golive does not know: no Atlassian "
                                                    "Statuspage `status` object"));
    StatusPageReport report;
    report.indicator = status.toObject().value(QStringLiteral("indicator")).toString();
    report.description = status.toObject().value(QStringLiteral("description")).toString();
    if (report.indicator == QLatin1String("none"))
        report.status = ProbeStatus::Healthy;
    else if (report.indicator == QLatin1String("minor"))
        report.status = ProbeStatus::Degraded;
    else if (report.indicator == QLatin1String("major") ||
             report.indicator == QLatin1String("critical"))
        report.status = ProbeStatus::Down;
    else
        return unexpectedError(body, QStringLiteral("`status.indicator` is not one of none, "
                                                    "minor, major, critical"));
    return report;
}

Result<StatusPageReport> ProbeBodyParser::statusPageSummary(const QByteArray &body)
{
    auto headline = statusPage(body);
    if (!headline.ok())
        return headline;
    StatusPageReport report = headline.value();
    report.fromSummary = true;
    const QJsonValue components = parseObject(body)->value(QStringLiteral("components"));
    if (!components.isArray())
        return unexpectedError(body, QStringLiteral("`components` is missing or not an array"));
    const auto worse = [&report](ProbeStatus status) {
        if (status == ProbeStatus::Down ||
            (status == ProbeStatus::Degraded && report.status == ProbeStatus::Healthy))
            report.status = status;
    };
    for (const QJsonValue &value : components.toArray()) {
        const QJsonObject component = value.toObject();
        const QString name = component.value(QStringLiteral("name")).toString();
        const QString state = component.value(QStringLiteral("status")).toString();
        if (name.isEmpty())
            return unexpectedError(body, QStringLiteral("a component has no name"));
        if (state == QLatin1String("operational"))
            continue;
        if (state == QLatin1String("degraded_performance") ||
            state == QLatin1String("partial_outage") || state == QLatin1String("under_maintenance"))
            worse(ProbeStatus::Degraded);
        else if (state == QLatin1String("major_outage"))
            worse(ProbeStatus::Down);
        else
            return unexpectedError(
                body, QStringLiteral("component \"%1\" has an unknown status").arg(name));
        report.affectedComponents << QStringLiteral("%1: %2").arg(Redactor::redact(name), state);
    }
    return report;
}

QStringList ProbeBodyParser::statusPageComponents(const QByteArray &body)
{
    QStringList lines;
    const auto object = parseObject(body);
    if (!object)
        return lines;
    const QJsonArray components = object->value(QStringLiteral("components")).toArray();
    for (const QJsonValue &component : components) {
        const QJsonObject c = component.toObject();
        const QString name = c.value(QStringLiteral("name")).toString();
        const QString status = c.value(QStringLiteral("status")).toString();
        if (!name.isEmpty() && !status.isEmpty())
            lines << QStringLiteral("%1: %2").arg(Redactor::redact(name), status);
    }
    return lines;
}

} // namespace golive
