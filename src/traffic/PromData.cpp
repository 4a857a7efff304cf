#include "src/traffic/PromData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace golive {

namespace {

Error badAnswer(const QString &what)
{
    return Error{promerror::badAnswer, what};
}

// A short, printable excerpt of a body that is not Prometheus JSON, for the message.
QString excerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(200)).simplified();
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    if (body.size() > 200)
        text += QStringLiteral("…");
    return text.isEmpty() ? QStringLiteral("an empty body")
                          : QLatin1Char('"') + text + QLatin1Char('"');
}

// [<unix time as a number>, "<value>"]
std::optional<std::pair<qint64, double>> pointOf(const QJsonValue &value)
{
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2 || !pair[0].isDouble() || !pair[1].isString())
        return std::nullopt;
    const auto number = parsePromValue(pair[1].toString());
    if (!number)
        return std::nullopt;
    return std::pair{qint64(std::llround(pair[0].toDouble() * 1000.0)), *number};
}

QMap<QString, QString> labelsOf(const QJsonObject &metric)
{
    QMap<QString, QString> labels;
    for (auto it = metric.begin(); it != metric.end(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

Result<PromData> parseData(const QJsonObject &data)
{
    const QString type = data.value(QStringLiteral("resultType")).toString();
    const QJsonValue result = data.value(QStringLiteral("result"));
    PromData parsed;
    if (type == QLatin1String("scalar") || type == QLatin1String("string")) {
        parsed.type =
            type == QLatin1String("scalar") ? PromData::Type::Scalar : PromData::Type::String;
        if (parsed.type == PromData::Type::String)
            return parsed; // golive asks for numbers; a string result has none
        const auto point = pointOf(result);
        if (!point)
            return badAnswer(QStringLiteral("Prometheus sent a scalar golive cannot read"));
        parsed.series.append(PromSeries{{}, {*point}});
        return parsed;
    }
    if (type != QLatin1String("vector") && type != QLatin1String("matrix"))
        return badAnswer(
            QStringLiteral("Prometheus sent an unknown result type \"%1\"").arg(type.left(40)));
    parsed.type = type == QLatin1String("vector") ? PromData::Type::Vector : PromData::Type::Matrix;
    if (!result.isArray())
        return badAnswer(QStringLiteral("Prometheus sent a %1 without a result list").arg(type));
    for (const QJsonValue &entry : result.toArray()) {
        const QJsonObject object = entry.toObject();
        PromSeries series;
        series.labels = labelsOf(object.value(QStringLiteral("metric")).toObject());
        if (parsed.type == PromData::Type::Vector) {
            const auto point = pointOf(object.value(QStringLiteral("value")));
            if (!point)
                return badAnswer(QStringLiteral("Prometheus sent a sample golive cannot read"));
            series.points.append(*point);
        } else {
            for (const QJsonValue &value : object.value(QStringLiteral("values")).toArray()) {
                const auto point = pointOf(value);
                if (!point)
                    return badAnswer(QStringLiteral("Prometheus sent a sample golive cannot read"));
                series.points.append(*point);
            }
        }
        parsed.series.append(std::move(series));
    }
    return parsed;
}

} // namespace

std::optional<double> parsePromValue(const QString &text)
{
    if (text == QLatin1String("NaN"))
        return std::numeric_limits<double>::quiet_NaN();
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-Inf"))
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

Result<PromData> parsePrometheusAnswer(const HttpOutcome &http, const QString &origin)
{
    if (!http.completed())
        return Error{
            promerror::unreachable,
            QStringLiteral("Prometheus at %1 did not answer: %2").arg(origin, http.message)};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(http.body, &parseError);
    const QJsonObject envelope = document.object();
    const QString status = envelope.value(QStringLiteral("status")).toString();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        (status != QLatin1String("success") && status != QLatin1String("error"))) {
        if (http.status == 401 || http.status == 403)
            return Error{promerror::refused,
                         QStringLiteral("%1 refused golive's credentials (HTTP %2); check "
                                        "prometheus.bearer_token_env and prometheus.headers")
                             .arg(origin)
                             .arg(http.status)};
        return badAnswer(QStringLiteral("%1 answered HTTP %2 with something that is not "
                                        "Prometheus' API (%3); is prometheus.url the server's "
                                        "base URL?")
                             .arg(origin)
                             .arg(http.status)
                             .arg(excerpt(http.body)));
    }
    if (status == QLatin1String("error")) {
        const QString errorType = envelope.value(QStringLiteral("errorType")).toString();
        const QString error = envelope.value(QStringLiteral("error")).toString();
        return Error{
            promerror::refused,
            QStringLiteral("Prometheus refused the query (%1): %2")
                .arg(errorType.isEmpty() ? QStringLiteral("HTTP %1").arg(http.status) : errorType,
                     error.isEmpty() ? QStringLiteral("no reason given") : error)};
    }
    auto parsed = parseData(envelope.value(QStringLiteral("data")).toObject());
    if (!parsed.ok())
        return parsed;
    for (const QJsonValue &warning : envelope.value(QStringLiteral("warnings")).toArray())
        parsed.value().warnings.append(warning.toString());
    return parsed;
}

Result<SingleValue> singleValueOf(const PromData &data)
{
    if (data.type == PromData::Type::String)
        return Error{promerror::badAnswer,
                     QStringLiteral("the query returned a string, not a number")};
    if (data.type == PromData::Type::Matrix)
        return Error{promerror::badAnswer,
                     QStringLiteral("the query returned a range (matrix); a signal needs one "
                                    "number per instant")};
    if (data.isEmpty())
        return SingleValue{std::nullopt, QStringLiteral("no data: the query matched no series")};
    if (data.series.size() > 1)
        return Error{promerror::badAnswer,
                     QStringLiteral("the query returned %1 series; a signal needs one number "
                                    "(aggregate it, e.g. sum(...))")
                         .arg(data.series.size())};
    const double value = data.series.first().points.value(0).second;
    if (std::isnan(value))
        return SingleValue{std::nullopt,
                           QStringLiteral("no data: NaN (nothing observed in the window)")};
    return SingleValue{value, {}};
}

} // namespace golive
