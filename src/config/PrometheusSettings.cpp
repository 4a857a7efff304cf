#include "src/config/PrometheusSettings.h"

#include <QLocale>
#include <QRegularExpression>

namespace golive {

namespace {

// Counts of one kind of answer, as a per-second rate. When the version has requests but no
// series for this kind (an exporter creates a `code` value on its first use), the rate is a real
// zero taken from the requests; a version with no requests at all stays "no data".
QString rateOfCodes(const QString &codeMatcher)
{
    return QStringLiteral("sum(rate(cohere_requests_total{${version}, %1}[${window}])) or 0 * "
                          "sum(rate(cohere_requests_total{${version}}[${window}]))")
        .arg(codeMatcher);
}

QString p95Of(const QString &endpoint)
{
    return QStringLiteral("histogram_quantile(0.95, sum by (le) "
                          "(rate(cohere_request_duration_seconds_bucket{${version}, "
                          "endpoint=\"%1\"}[${window}])))")
        .arg(endpoint);
}

QString priceNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace

PrometheusQueries PrometheusQueries::defaults()
{
    PrometheusQueries queries;
    queries.requestsPerS =
        QStringLiteral("sum(rate(cohere_requests_total{${version}}[${window}]))");
    queries.errors5xxPerS = rateOfCodes(QStringLiteral(R"(code=~"5..")"));
    queries.rateLimitedPerS = rateOfCodes(QStringLiteral(R"(code="429")"));
    // 401 as the seed says, and the other refusals of a key Cohere's spec names (403, 498).
    queries.authFailuresPerS = rateOfCodes(QStringLiteral(R"(code=~"401|403|498")"));
    queries.unreachablePerS = rateOfCodes(QStringLiteral(R"(code="network")"));
    queries.chatP95S = p95Of(QStringLiteral("chat"));
    queries.embedP95S = p95Of(QStringLiteral("embed"));
    queries.rerankP95S = p95Of(QStringLiteral("rerank"));
    return queries;
}

QList<std::pair<QString, QString>> PrometheusQueries::named() const
{
    return {{QStringLiteral("requests_per_s"), requestsPerS},
            {QStringLiteral("errors_5xx_per_s"), errors5xxPerS},
            {QStringLiteral("rate_limited_per_s"), rateLimitedPerS},
            {QStringLiteral("auth_failures_per_s"), authFailuresPerS},
            {QStringLiteral("unreachable_per_s"), unreachablePerS},
            {QStringLiteral("chat_p95_s"), chatP95S},
            {QStringLiteral("embed_p95_s"), embedP95S},
            {QStringLiteral("rerank_p95_s"), rerankP95S},
            {QStringLiteral("cost_usd_per_day"), costUsdPerDay}};
}

std::optional<QString> PrometheusQueries::byKey(const QString &key) const
{
    for (const auto &[name, query] : named()) {
        if (name == key)
            return query;
    }
    return std::nullopt;
}

QString promqlStringLiteral(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    escaped.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString costQueryFromPrices(const QMap<QString, ModelPrice> &prices)
{
    // One term per charged (model, kind), united with `or` (their labels differ, so nothing is
    // dropped) and summed: a day with no billed units at all stays "no data", not $0.
    QStringList terms;
    const auto term = [&](const QString &model, const QString &kind, double usdPerUnit) {
        if (usdPerUnit <= 0.0)
            return;
        terms.append(QStringLiteral("increase(cohere_billed_units_total{${version}, model=%1, "
                                    "kind=\"%2\"}[1d]) * %3")
                         .arg(promqlStringLiteral(model), kind, priceNumber(usdPerUnit)));
    };
    for (auto it = prices.cbegin(); it != prices.cend(); ++it) {
        term(it.key(), QStringLiteral("input_tokens"), it->inputPerMTok / 1e6);
        term(it.key(), QStringLiteral("output_tokens"), it->outputPerMTok / 1e6);
        term(it.key(), QStringLiteral("search_units"), it->perSearchUnit);
    }
    if (terms.isEmpty())
        return QStringLiteral("sum(cohere_billed_units_total{${version}}) * 0");
    return QStringLiteral("sum(%1)").arg(terms.join(QStringLiteral(" or ")));
}

std::optional<qint64> promDurationSeconds(const QString &duration)
{
    // Prometheus durations as golive uses them: whole units, largest first, e.g. 5m, 1h30m, 90s.
    static const QRegularExpression shape(
        QStringLiteral("\\A(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?\\z"));
    const auto match = shape.match(duration);
    if (duration.isEmpty() || !match.hasMatch())
        return std::nullopt;
    const qint64 factors[] = {86'400, 3'600, 60, 1};
    qint64 seconds = 0;
    for (int i = 0; i < 4; ++i) {
        const QString part = match.captured(i + 1);
        if (part.size() > 7)
            return std::nullopt;
        seconds += part.toLongLong() * factors[i];
    }
    if (seconds <= 0)
        return std::nullopt;
    return seconds;
}

QString promDuration(qint64 seconds)
{
    QString text;
    const std::pair<qint64, QChar> units[] = {{86'400, QLatin1Char('d')},
                                              {3'600, QLatin1Char('h')},
                                              {60, QLatin1Char('m')},
                                              {1, QLatin1Char('s')}};
    for (const auto &[size, unit] : units) {
        if (seconds >= size) {
            text += QString::number(seconds / size) + unit;
            seconds %= size;
        }
    }
    return text.isEmpty() ? QStringLiteral("0s") : text;
}

QString PrometheusSettings::costQuery(const QMap<QString, ModelPrice> &prices) const
{
    return queries.costUsdPerDay.isEmpty() ? costQueryFromPrices(prices) : queries.costUsdPerDay;
}

} // namespace golive
